"""``dehub report`` as result objects: the yearly series, one day, or the changes in a span.

Each result has ``to_data()`` (one fixed JSON shape per view), ``tables()`` (for the
terminal, CSV and Markdown) and ``page()`` (HTML), labels in English or German and a
one-line summary fit for a press release. Pure: nothing here prints or reads files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dehub_cli.i18n import (
    Language,
    changes_summary,
    day_summary,
    format_date,
    format_number,
    label,
    labels,
    published_note,
    short_label,
)
from dehub_cli.render import Chart, Column, Note, Page, Part, Section, Table
from dehub_cli.report.counting import GROUPS, Change, Changes, Counts, Snapshot, YearRow
from dehub_cli.report.published import PublishedComparison, Shortfall

if TYPE_CHECKING:
    from dehub_cli.registry import Registry


@dataclass(frozen=True)
class Names:
    """Display names of hubs and sectors, in the report's language."""

    hubs: dict[str, str]
    sectors: dict[str, str]

    @classmethod
    def of(cls, registry: Registry, lang: Language) -> Names:
        return cls(
            hubs={hub_id: hub.name for hub_id, hub in registry.hubs.items()},
            sectors={
                sector_id: (sector.name_de if lang == "de" and sector.name_de else sector.name)
                for sector_id, sector in registry.sectors.items()
            },
        )

    def hub(self, hub_id: str) -> str:
        return self.hubs.get(hub_id, hub_id)

    def sector(self, sector_id: str) -> str:
        return self.sectors.get(sector_id, sector_id)


@dataclass(frozen=True)
class Scope:
    """The ``--hub`` and ``--sector`` restriction of a report (ids, or ``None``)."""

    hub: str | None = None
    sector: str | None = None

    @property
    def filtered(self) -> bool:
        return self.hub is not None or self.sector is not None

    def to_data(self) -> dict[str, str | None]:
        return {"hub": self.hub, "sector": self.sector}

    def label(self, names: Names, lang: Language) -> str | None:
        """``Hub Köln`` / ``Sector FinTech`` for the summary line, ``None`` when unfiltered."""
        parts = []
        if self.hub is not None:
            parts.append(names.hub(self.hub))
        if self.sector is not None:
            parts.append(f"{label(lang, 'filter_sector')} {names.sector(self.sector)}")
        return ", ".join(parts) or None


GROUP_DROP = {"investors": 5, "research": 4, "others": 3}
"""On a narrow terminal these groups give way first (the published figures are startups,
companies, universities and all organisations); then 'last recorded', then joined, first
recorded and left together."""


def _number(key: str, lang: Language, drop: int = 0) -> Column:
    return Column(key, label(lang, key), numeric=True, drop=drop, short=short_label(lang, key))


def _group_columns(lang: Language) -> list[Column]:
    return [_number(group, lang, GROUP_DROP.get(group, 0)) for group in GROUPS]


def _year_data(row: YearRow) -> dict[str, Any]:
    """One year of the series: its day, the hubs, the counts, who joined and who left."""
    return {
        "year": row.year,
        "as_of": row.day.isoformat(),
        "hubs": row.hubs_active,
        **row.counts.as_dict(),
        "joined": row.joined,
        "first_recorded": row.first_recorded,
        "left": row.left,
        "last_recorded": row.last_recorded,
    }


def _totals_data(snapshot: Snapshot) -> dict[str, int]:
    return {"hubs": snapshot.hubs_active, **snapshot.totals.as_dict()}


def _rows(counts: dict[str, Counts], name: Any) -> list[dict[str, Any]]:
    return [{"id": key, "name": name(key), **value.as_dict()} for key, value in counts.items()]


def _summary(
    snapshot: Snapshot,
    names: Names,
    scope: Scope,
    lang: Language,
    short: Sequence[Shortfall] = (),
) -> str:
    """The registry's count on the day; and what the initiative published where it is more."""
    totals = snapshot.totals
    counts = day_summary(
        snapshot.day,
        totals.startups,
        totals.companies,
        totals.universities,
        None if scope.hub is not None else snapshot.hubs_active,
        lang,
        scope=scope.label(names, lang),
    )
    note = published_note(
        [(s.key, s.published, s.qualifier, s.date.year, s.date.month) for s in short], lang
    )
    return f"{counts} {note}" if note else counts


def _published_table(published: Sequence[PublishedComparison], lang: Language) -> Table:
    rows = [
        {
            "date": item.date,
            "qualifier": figure.qualifier or "",
            "figure": figure.key,
            "published": figure.published,
            "registry": figure.registry,
            "coverage": figure.coverage,
        }
        for item in published
        for figure in item.figures
    ]
    figures = {figure.key for item in published for figure in item.figures}
    columns = [
        Column("date", label(lang, "date"), kind="date"),
        Column(
            "qualifier",
            label(lang, "qualifier"),
            labels={"at_least": label(lang, "at_least"), "about": label(lang, "about")},
        ),
        Column("figure", label(lang, "figure"), labels=labels(lang, figures)),
        _number("published", lang),
        _number("registry", lang),
        _number("coverage", lang, drop=1),
    ]
    return Table(columns, rows, title=label(lang, "title_published"))


def _snapshot_tables(snapshot: Snapshot, names: Names, lang: Language) -> list[Table | Section]:
    totals = Section(
        label(lang, "title_totals").format(date=format_date(snapshot.day, lang)),
        [(label(lang, key), value) for key, value in _totals_data(snapshot).items()],
    )
    name_columns = [
        Column("id", label(lang, "id"), kind="id"),
        Column("name", label(lang, "name"), drop=1),
    ]
    hubs = Table(
        name_columns + _group_columns(lang),
        _rows(snapshot.by_hub, names.hub),
        title=label(lang, "title_hubs"),
    )
    sectors = Table(
        name_columns + _group_columns(lang),
        _rows(snapshot.by_sector, names.sector),
        title=label(lang, "title_sectors"),
    )
    return [totals, hubs, sectors]


def _chart(years: Sequence[YearRow], lang: Language) -> list[Chart]:
    """The organisations per year as a bar chart (nothing when there are no years)."""
    if not years:
        return []
    return [
        Chart(
            [(str(row.year), row.counts.organisations) for row in years],
            title=label(lang, "title_chart"),
            value_text=lambda value: format_number(value, lang),
        )
    ]


def _page(
    lang: Language,
    summary: str,
    parts: Sequence[Part],
    published: Sequence[PublishedComparison],
    generated: dt.date | None,
) -> Page:
    return Page(
        title=label(lang, "title_report"),
        parts=parts,
        lang=lang,
        summary=summary,
        links=_sources(published),
        links_title=label(lang, "sources"),
        footer=label(lang, "generated").format(date=(generated or dt.date.today()).isoformat()),
    )


def _sources(published: Sequence[PublishedComparison]) -> list[tuple[str, str]]:
    links: dict[str, str] = {}
    for item in published:
        for url, title in item.sources:
            links.setdefault(url, title)
    return list(links.items())


@dataclass
class YearlyReport:
    """``dehub report``: one row per year, today's breakdown, and the published figures."""

    today: dt.date
    lang: Language
    scope: Scope
    names: Names
    years: list[YearRow]
    current: Snapshot
    published: list[PublishedComparison] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    """Published figures the registry names only part of, on ``today``."""

    @property
    def summary(self) -> str:
        return _summary(self.current, self.names, self.scope, self.lang, self.shortfalls)

    def to_data(self) -> dict[str, Any]:
        return {
            "as_of": self.today.isoformat(),
            "filter": self.scope.to_data(),
            "summary": self.summary,
            "years": [_year_data(row) for row in self.years],
            "totals": _totals_data(self.current),
            "hubs": _rows(self.current.by_hub, self.names.hub),
            "sectors": _rows(self.current.by_sector, self.names.sector),
            "published": [item.to_data() for item in self.published],
        }

    def years_table(self) -> Table:
        lang = self.lang
        columns = [
            Column("year", label(lang, "year"), kind="date"),
            _number("hubs", lang),
            *_group_columns(lang),
            _number("joined", lang, drop=1),
            _number("first_recorded", lang, drop=1),
            _number("left", lang, drop=1),
            _number("last_recorded", lang, drop=2),
        ]
        rows = [_year_data(row) for row in self.years]
        caption = None
        if self.years and self.years[-1].day != dt.date(self.years[-1].year, 12, 31):
            caption = label(lang, "caption_years").format(
                year=self.years[-1].year, date=format_date(self.years[-1].day, lang)
            )
        return Table(columns, rows, title=label(lang, "title_years"), caption=caption)

    def tables(self) -> list[Part]:
        """The years and their chart, the published figures if any, the summary."""
        parts: list[Part] = [self.years_table(), *_chart(self.years, self.lang)]
        if self.published:
            parts.append(_published_table(self.published, self.lang))
        return [*parts, Note(self.summary)]

    def page(self) -> Page:
        """The years and their chart, today's totals, hubs, sectors, the published figures."""
        parts: list[Part] = [self.years_table(), *_chart(self.years, self.lang)]
        parts += _snapshot_tables(self.current, self.names, self.lang)
        if self.published:
            parts.append(_published_table(self.published, self.lang))
        return _page(self.lang, self.summary, parts, self.published, self.today)


@dataclass
class DayReport:
    """``dehub report --year Y`` / ``--as-of D``: totals, hub rows, sector rows on one day."""

    lang: Language
    scope: Scope
    names: Names
    snapshot: Snapshot
    published: list[PublishedComparison] = field(default_factory=list)
    """Published figures dated exactly this day (usually none)."""
    years: list[YearRow] = field(default_factory=list)
    """The yearly series up to this day, for the HTML chart only."""
    generated: dt.date | None = None
    """The day the report was made (the HTML footer); default today."""

    shortfalls: list[Shortfall] = field(default_factory=list)
    """Published figures the registry names only part of, on the report's day."""

    @property
    def summary(self) -> str:
        return _summary(self.snapshot, self.names, self.scope, self.lang, self.shortfalls)

    def to_data(self) -> dict[str, Any]:
        return {
            "as_of": self.snapshot.day.isoformat(),
            "filter": self.scope.to_data(),
            "summary": self.summary,
            "totals": _totals_data(self.snapshot),
            "hubs": _rows(self.snapshot.by_hub, self.names.hub),
            "sectors": _rows(self.snapshot.by_sector, self.names.sector),
            "published": [item.to_data() for item in self.published],
        }

    def _parts(self) -> list[Part]:
        parts: list[Part] = list(_snapshot_tables(self.snapshot, self.names, self.lang))
        if self.published:
            parts.append(_published_table(self.published, self.lang))
        return parts

    def tables(self) -> list[Part]:
        """Totals (a section), hubs, sectors, published figures of this day if any, summary."""
        return [*self._parts(), Note(self.summary)]

    def page(self) -> Page:
        """The tables, with the yearly chart (when asked for) after the totals."""
        parts = self._parts()
        parts[1:1] = _chart(self.years, self.lang)
        return _page(self.lang, self.summary, parts, self.published, self.generated)


@dataclass
class ChangesReport:
    """``dehub report --changes Y`` / ``--from A --to B``: who joined and left, per hub."""

    lang: Language
    scope: Scope
    names: Names
    changes: Changes
    generated: dt.date | None = None
    """The day the report was made (the HTML footer); default today."""

    @property
    def summary(self) -> str:
        changes = self.changes
        return changes_summary(
            changes.start,
            changes.end,
            len(changes.joined_orgs),
            len(changes.left_orgs),
            self.lang,
            scope=self.scope.label(self.names, self.lang),
            first_recorded=len(changes.first_recorded_orgs),
            last_recorded=len(changes.last_recorded_orgs),
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "from": self.changes.start.isoformat(),
            "to": self.changes.end.isoformat(),
            "filter": self.scope.to_data(),
            "summary": self.summary,
            "hubs": [
                {
                    "id": hub.hub_id,
                    "name": self.names.hub(hub.hub_id),
                    "joined": [_change_data(change) for change in hub.joined],
                    "left": [_change_data(change) for change in hub.left],
                }
                for hub in self.changes.hubs
            ],
        }

    def tables(self) -> list[Part]:
        """Every join and leave (one row each), the counts per hub, the summary."""
        lang = self.lang
        detail_rows = []
        count_rows = []
        for hub in self.changes.hubs:
            for key, entries in (("joined", hub.joined), ("left", hub.left)):
                detail_rows += [
                    {
                        "hub": hub.hub_id,
                        "change": key if change.stated else _UNSTATED[key],
                        "date": change.date,
                        "id": change.org_id,
                        "name": change.name,
                        "kind": str(change.kind),
                    }
                    for change in entries
                ]
            if hub.joined or hub.left:
                count_rows.append(
                    {
                        "id": hub.hub_id,
                        "name": self.names.hub(hub.hub_id),
                        "joined": len(hub.joined),
                        "left": len(hub.left),
                    }
                )
        detail = Table(
            [
                Column("hub", label(lang, "hub"), kind="id"),
                Column(
                    "change",
                    label(lang, "change"),
                    labels=labels(lang, ("joined", "left", *_UNSTATED.values())),
                ),
                Column("date", label(lang, "date"), kind="date"),
                Column("id", label(lang, "id"), kind="id"),
                Column("name", label(lang, "name"), drop=2),
                Column("kind", label(lang, "kind"), kind="id", drop=1),
            ],
            detail_rows,
            title=label(lang, "title_changes"),
            caption=None if detail_rows else label(lang, "none"),
        )
        counts = Table(
            [
                Column("id", label(lang, "id"), kind="id"),
                Column("name", label(lang, "name"), drop=1),
                _number("joined", lang),
                _number("left", lang),
            ],
            count_rows,
            title=label(lang, "title_change_counts"),
        )
        return [detail, counts, Note(self.summary)]

    def page(self) -> Page:
        parts = [part for part in self.tables() if not isinstance(part, Note)]
        return _page(self.lang, self.summary, parts, (), self.generated)


@dataclass
class BreakdownReport:
    """``dehub report --by hub|sector``: organisations per year in each hub or each sector."""

    today: dt.date
    lang: Language
    scope: Scope
    names: Names
    by: str
    """``hub`` or ``sector``: what the columns are."""
    keys: list[str]
    """The hub or sector ids, one column each, in registry order."""
    years: list[YearRow]
    """The years of the (scoped) series, for their days."""
    counts: dict[str, list[int]]
    """Per key: organisations counted on each year's day, in the order of ``years``."""
    current: Snapshot

    @property
    def summary(self) -> str:
        return _summary(self.current, self.names, self.scope, self.lang)

    def _name(self, key: str) -> str:
        return self.names.hub(key) if self.by == "hub" else self.names.sector(key)

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "year": row.year,
                "as_of": row.day.isoformat(),
                **{key: self.counts[key][index] for key in self.keys},
            }
            for index, row in enumerate(self.years)
        ]

    def to_data(self) -> dict[str, Any]:
        return {
            "as_of": self.today.isoformat(),
            "filter": self.scope.to_data(),
            "by": self.by,
            "summary": self.summary,
            "columns": [{"id": key, "name": self._name(key)} for key in self.keys],
            "years": [
                {
                    "year": row.year,
                    "as_of": row.day.isoformat(),
                    "counts": {key: self.counts[key][index] for key in self.keys},
                }
                for index, row in enumerate(self.years)
            ],
        }

    def table(self) -> Table:
        lang = self.lang
        columns = [
            Column("year", label(lang, "year"), kind="date"),
            Column("as_of", label(lang, "as_of"), kind="date", drop=1),
            *(Column(key, key, numeric=True) for key in self.keys),
        ]
        title = label(lang, f"title_by_{self.by}")
        return Table(columns, self._rows(), title=title, caption=self._legend())

    def _legend(self) -> str:
        """Which column is which hub or sector: ``berlin: IoT & FinTech Hub Berlin; ...``."""
        from dehub_cli.textnorm import fold_key

        return "; ".join(
            f"{key}: {self._name(key)}"
            for key in self.keys
            if fold_key(self._name(key)) != fold_key(key)
        )

    def tables(self) -> list[Part]:
        return [self.table(), Note(self.summary)]

    def page(self) -> Page:
        return _page(self.lang, self.summary, [self.table()], (), self.today)


_UNSTATED = {"joined": "first_recorded", "left": "last_recorded"}
"""What a change is called when no source states its date."""


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "id": change.org_id,
        "name": change.name,
        "kind": str(change.kind),
        "date": change.date,
        "stated": change.stated,
    }


ReportResult = YearlyReport | DayReport | ChangesReport | BreakdownReport
