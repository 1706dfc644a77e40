"""What the pages show, prepared from the dataset's documents for one language.

Only presentation happens here: labels, dates as people read them, groupings for a page,
positions on the map and the chart. Every figure comes from the dataset unchanged.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from dehub_cli.site import i18n
from dehub_cli.site.i18n import Language
from dehub_cli.site.mapsvg import GermanyMap

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

Document = dict[str, Any]


def safe_id(value: object) -> str:
    """An id fit for a path segment; anything else is refused (ids come validated)."""
    from dehub_cli.site.output import SiteError

    if not isinstance(value, str) or not ID.match(value):
        raise SiteError(f"cannot make a page for id {value!r}: not a registry id")
    return value


def http_url(value: object) -> str | None:
    """``value`` when it is an http(s) address (the only links made from data), else None."""
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return value
    return None


class Names:
    """Display names of hubs, organisations and sectors by id."""

    def __init__(self, dataset: Dataset) -> None:
        self.hubs: dict[str, str] = {hub["id"]: hub["name"] for hub in dataset.hubs}
        self.orgs: dict[str, str] = {org["id"]: org["name"] for org in dataset.orgs}
        self.sectors: dict[str, tuple[str, str]] = {
            sector["id"]: (sector["name"], sector.get("name_de") or sector["name"])
            for sector in dataset.sectors
        }


class Formatter:
    """Labels and dates in one language, for the templates (``f.date(...)`` etc.)."""

    def __init__(self, lang: Language, names: Names) -> None:
        self.lang = lang
        self._names = names
        self._sector_index = 1 if lang == "de" else 0
        self._kinds = {key: i18n.pick(i18n.KINDS, key, lang) for key in i18n.KINDS}
        self._roles = {key: i18n.pick(i18n.ROLES, key, lang) for key in i18n.ROLES}
        self._first = i18n.TEXT["first_recorded"][i18n.LANGUAGES.index(lang)]
        self._last = i18n.TEXT["last_recorded"][i18n.LANGUAGES.index(lang)]
        self._dates: dict[str, str] = {}
        self._undated = i18n.TEXT["source_undated"][i18n.LANGUAGES.index(lang)]

    def date(self, text: str | None) -> str:
        if text is None:
            return ""
        shown = self._dates.get(text)
        if shown is None:
            shown = self._dates[text] = i18n.partial_date(text, self.lang)
        return shown

    def num(self, value: int) -> str:
        return i18n.number(value, self.lang)

    def count(self, value: int, key: str) -> str:
        """``1 member``, ``1,200 members``, ``1.200 Mitglieder``."""
        return f"{self.num(value)} {i18n.noun(key, value, self.lang)}"

    def qualified(self, value: int, qualifier: str | None) -> str:
        return i18n.qualified(value, qualifier, self.lang)

    def percent(self, value: float) -> str:
        return i18n.percent(value, self.lang)

    def kind(self, key: str) -> str:
        return self._kinds.get(key, key)

    def role(self, key: str) -> str:
        return self._roles.get(key, key)

    def group(self, key: str) -> str:
        return i18n.pick(i18n.GROUPS, key, self.lang)

    def land(self, code: str) -> str:
        return i18n.pick(i18n.LAENDER, code, self.lang)

    def hub(self, hub_id: str) -> str:
        return self._names.hubs.get(hub_id, hub_id)

    def org(self, org_id: str) -> str:
        return self._names.orgs.get(org_id, org_id)

    def sector(self, sector_id: str) -> str:
        pair = self._names.sectors.get(sector_id)
        return pair[self._sector_index] if pair else sector_id

    def sectors(self, sector_ids: Sequence[str]) -> str:
        return ", ".join(self.sector(sector_id) for sector_id in sector_ids)

    def hubs(self, hub_ids: Sequence[str]) -> str:
        return ", ".join(self.hub(hub_id) for hub_id in hub_ids)

    def lands(self, codes: Sequence[str]) -> str:
        return ", ".join(self.land(code) for code in codes)

    def time_html(self, text: str, shown: str) -> Markup:
        """``<time datetime="2017-04">April 2017</time>``, both parts escaped."""
        return Markup(f'<time datetime="{escape(text)}">{escape(shown)}</time>')

    def start_html(self, membership: Mapping[str, Any]) -> Markup:
        """The start cell of a membership: a ``<time>`` when there is a date."""
        start = membership.get("start")
        if start is None:
            return escape(self.start(membership))
        return self.time_html(start, self.start(membership))

    def end_html(self, membership: Mapping[str, Any]) -> Markup:
        end = membership.get("end")
        return self.time_html(end, self.end(membership)) if end is not None else Markup()

    def sources_html(self, sources: Sequence[Mapping[str, Any]]) -> Markup:
        """A list of sources: each a link (http(s) only) with its date or "undated"."""
        items = []
        for source in sources:
            url = http_url(source.get("url"))
            text = source.get("title") or source.get("url") or ""
            label = (
                Markup(f'<a href="{escape(url)}" rel="nofollow">{escape(text)}</a>')
                if url
                else escape(text)
            )
            date = source.get("date")
            when = self.time_html(date, self.date(date)) if date else escape(self._undated)
            items.append(f"<li>{label} ({when})</li>")
        return Markup('<ul class="sources">\n' + "\n".join(items) + "\n</ul>")

    def start(self, membership: Mapping[str, Any]) -> str:
        """``2017``, ``first recorded April 2017`` or ``unknown``."""
        start = membership.get("start")
        if start is None:
            return i18n.pick(i18n.TEXT, "date_unknown", self.lang)
        shown = self.date(start)
        return shown if membership.get("start_stated") else self._first.format(date=shown)

    def end(self, membership: Mapping[str, Any]) -> str:
        """``June 2019``, ``last recorded 2020`` or empty (still a member)."""
        end = membership.get("end")
        if end is None:
            return ""
        shown = self.date(end)
        return shown if membership.get("end_stated") else self._last.format(date=shown)


def year_ranges(memberships: Sequence[Mapping[str, Any]]) -> str:
    """``dortmund:2017-2019 jena:2022- koeln:`` for the list filters (hub and year)."""
    parts = []
    for membership in memberships:
        start, end = membership.get("start"), membership.get("end")
        span = f"{start[:4]}-{end[:4] if end else ''}" if start else ""
        parts.append(f"{membership['hub']}:{span}")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbered hub dot on the map: at ``(x, y)``, drawn at ``(cx, cy)`` when that place
    is taken by another dot (then a line leads from the dot to its place)."""

    number: int
    hub_id: str
    x: int
    y: int
    label: str
    approximate: bool
    cx: int = 0
    cy: int = 0

    @property
    def moved(self) -> bool:
        return (self.cx, self.cy) != (self.x, self.y)


MARKER_RADIUS = 21


def spread(markers: Sequence[Marker]) -> list[Marker]:
    """Each dot where it belongs, or nudged around that place until it overlaps no other."""
    gap = 2 * MARKER_RADIUS + 3
    placed: list[tuple[int, int]] = []
    result = []
    for marker in markers:
        x, y = marker.x, marker.y
        step = 0
        while step < 36 and any((x - px) ** 2 + (y - py) ** 2 < gap**2 for px, py in placed):
            step += 1
            angle = step * math.pi / 3 + (step // 6) * math.pi / 6
            distance = gap * (1 + step // 6)
            x = round(marker.x + distance * math.cos(angle))
            y = round(marker.y + distance * math.sin(angle))
        placed.append((x, y))
        result.append(dataclasses.replace(marker, cx=x, cy=y))
    return result


@dataclass(frozen=True, slots=True)
class LegendEntry:
    number: int
    hub: Document
    places: list[str]


def map_markers(
    hubs: Sequence[Document], germany: GermanyMap, fmt: Formatter
) -> tuple[list[Marker], list[LegendEntry]]:
    """Dots at each hub's cities; a city without coordinates (or a hub with only ``laender``)
    sits at its Land's middle, and says so."""
    t = i18n.texts(fmt.lang)
    markers: list[Marker] = []
    legend: list[LegendEntry] = []
    for number, hub in enumerate(hubs, start=1):
        places: list[str] = []
        spots: list[tuple[str, str | None, float | None, float | None]] = [
            (city["name"], city.get("land"), city.get("latitude"), city.get("longitude"))
            for city in hub.get("cities") or []
        ]
        if not spots:
            spots = [("", land, None, None) for land in hub.get("laender") or []]
        for name, land, lat, lon in spots:
            if lat is not None and lon is not None:
                x, y = germany.project(lon, lat)
                markers.append(Marker(number, hub["id"], x, y, f"{hub['name']}: {name}", False))
                places.append(name)
                continue
            shape = germany.land(land) if land else None
            if shape is None:
                places.append(f"{name} ({t['map_unplaced']})" if name else t["map_unplaced"])
                continue
            x, y = germany.project(*shape.inner_point)
            where = t["map_centroid"].format(land=fmt.land(shape.id))
            text = f"{name}, {where}" if name else where
            markers.append(Marker(number, hub["id"], x, y, f"{hub['name']}: {text}", True))
            places.append(text)
        legend.append(LegendEntry(number, hub, places))
    return spread(markers), legend


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    shown: str
    x: float
    y: float
    width: float
    height: float


CHART_WIDTH, CHART_HEIGHT = 640, 260


def chart_bars(points: Sequence[tuple[str, int]], fmt: Formatter) -> list[Bar]:
    """Vertical bars in a ``CHART_WIDTH`` x ``CHART_HEIGHT`` box, room for labels above/below."""
    left, right, top, bottom = 8, 8, 24, 28
    plot_width, plot_height = CHART_WIDTH - left - right, CHART_HEIGHT - top - bottom
    largest = max((value for _, value in points), default=0) or 1
    slot = plot_width / max(len(points), 1)
    width = max(4.0, slot * 0.7)
    bars = []
    for index, (label, value) in enumerate(points):
        height = plot_height * value / largest
        bars.append(
            Bar(
                label,
                value,
                fmt.num(value),
                round(left + index * slot + (slot - width) / 2, 1),
                round(top + plot_height - height, 1),
                round(width, 1),
                round(height, 1),
            )
        )
    return bars


def published_sentences(stats: Document, fmt: Formatter) -> list[str]:
    """``On 29 Apr 2024 the initiative reported more than 6,000 startups; the registry names
    31 for that day (0.5 %).``: the newest published value of each figure, newest first
    (the statistics page has every one)."""
    t = i18n.texts(fmt.lang)
    newest: dict[str, tuple[str, Document]] = {}
    for entry in reversed(stats.get("published") or []):
        for key, figure in entry["figures"].items():
            newest.setdefault(key, (entry["date"], figure))
    sentences = []
    for key, (date, figure) in newest.items():
        coverage = figure.get("coverage")
        pattern = t["published_sentence" if coverage is not None else "published_sentence_zero"]
        sentences.append(
            pattern.format(
                registry=fmt.num(figure["registry"]),
                figure=i18n.noun(key, figure["published"], fmt.lang),
                date=fmt.date(date),
                published=fmt.qualified(figure["published"], figure.get("qualifier")),
                coverage=fmt.percent(coverage) if coverage is not None else "",
            )
        )
    return sentences


def split_memberships(
    memberships: Sequence[Document],
) -> tuple[list[Document], list[Document], list[Document]]:
    """(active, ended, the rest: start unknown or still to come)."""
    active, ended, other = [], [], []
    for membership in memberships:
        if membership.get("active"):
            active.append(membership)
        elif membership.get("end") is not None:
            ended.append(membership)
        else:
            other.append(membership)
    return active, ended, other
