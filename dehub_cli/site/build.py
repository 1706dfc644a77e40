"""Render the whole site from the dataset into a directory.

Templates are compiled once per build; every page is one ``render`` call and one write.
Links are relative (``../../hubs/dortmund/index.html``), so the site works from file://,
from a sub-path and from any static host.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

import dehub_cli
from dehub_cli.site import i18n
from dehub_cli.site.feed import badge, feed_entries, feed_id, rfc3339
from dehub_cli.site.i18n import LANGUAGES, Language
from dehub_cli.site.mapsvg import germany_map
from dehub_cli.site.output import MARKER, staged_directory
from dehub_cli.site.views import (
    CHART_HEIGHT,
    CHART_WIDTH,
    Document,
    Formatter,
    Names,
    chart_bars,
    http_url,
    map_markers,
    published_sentences,
    safe_id,
    split_memberships,
    year_ranges,
)

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

ASSETS = ("site.css", "site.js", "favicon.svg")
HOME_CHANGES = 10
"""Latest changes on the home page."""
PAGE_CHANGES = 500
"""Changes on the changes page (newest first)."""
FEED_ENTRIES = 200


@dataclass(frozen=True)
class SiteOptions:
    """What ``dehub site build`` was asked for."""

    languages: tuple[Language, ...] = LANGUAGES
    base_url: str | None = None
    """``https://example.org/dehub/``: absolute links in the feed, badges and canonical links."""


@dataclass
class SiteBuild:
    """What a build wrote: the result of ``dehub site build``."""

    out: str
    as_of: str
    languages: list[str]
    pages: int = 0
    files: int = 0
    bytes: int = 0
    home_bytes: int = 0
    """The home page with the CSS and JS it loads (the map and chart are inline SVG)."""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "as_of": self.as_of,
            "languages": self.languages,
            "pages": self.pages,
            "files": self.files,
            "bytes": self.bytes,
            "home_bytes": self.home_bytes,
            "seconds": round(self.seconds, 2),
        }

    def tables(self) -> list[Any]:
        from dehub_cli.render import Section

        return [
            Section(
                "Site",
                [
                    ("Written to", self.out),
                    ("As of", self.as_of),
                    ("Languages", ", ".join(self.languages)),
                    ("Pages", self.pages),
                    ("Files", self.files),
                    ("Size (KB)", round(self.bytes / 1024)),
                    ("Home page (KB)", round(self.home_bytes / 1024, 1)),
                    ("Seconds", round(self.seconds, 2)),
                ],
            )
        ]


def environment() -> jinja2.Environment:
    """Templates from the package, every value escaped (HTML, XML and SVG alike)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("dehub_cli.site", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "svg"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


class _Writer:
    """Writes files under the staged root and keeps the tally."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0
        self._made: set[str] = set()

    def write(self, relative: str, text: str | bytes) -> int:
        data = text.encode("utf-8") if isinstance(text, str) else text
        directory, _, _ = relative.rpartition("/")
        if directory and directory not in self._made:
            os.makedirs(self.root / directory, exist_ok=True)
            self._made.add(directory)
        with open(self.root / relative, "wb") as stream:
            stream.write(data)
        self.files += 1
        self.bytes += len(data)
        return len(data)


def build_site(dataset: Dataset, out: Path, options: SiteOptions | None = None) -> SiteBuild:
    """Render every page of ``dataset`` into ``out`` (replaced only if it is a dehub site)."""
    options = options or SiteOptions()
    started = time.perf_counter()
    with staged_directory(out) as staged:
        result = render_site(dataset, staged, options)
    result.out = str(out)
    result.seconds = time.perf_counter() - started
    return result


def render_site(dataset: Dataset, root: Path, options: SiteOptions) -> SiteBuild:
    """Write the site into the (empty) directory ``root``."""
    env = environment()
    writer = _Writer(root)
    index = dataset.index
    as_of = str(index["as_of"])
    base = options.base_url.rstrip("/") + "/" if options.base_url else None
    result = SiteBuild(out=str(root), as_of=as_of, languages=list(options.languages))
    names = Names(dataset)
    hubs = dataset.hubs
    orgs = sorted(dataset.orgs, key=lambda org: (org["name"].casefold(), org["id"]))
    for document in (*hubs, *orgs, *dataset.sectors):
        safe_id(document["id"])
    hub_documents = {hub["id"]: dataset.hub(hub["id"]) for hub in hubs}
    orgs_by_sector: dict[str, list[Document]] = defaultdict(list)
    for org in orgs:
        for sector_id in org.get("sectors") or []:
            orgs_by_sector[sector_id].append(org)
    stats = dataset.stats
    years = [row["year"] for row in stats.get("years") or []]
    germany = germany_map()

    for asset in ASSETS:
        writer.write(
            f"assets/{asset}",
            resources.files("dehub_cli.site").joinpath(f"static/{asset}").read_bytes(),
        )
    site = {
        "index": index,
        "as_of": as_of,
        "commit": index.get("commit"),
        "license": index.get("license"),
        "source": http_url(index.get("source")),
        "base": base,
        "languages": options.languages,
        "language_names": i18n.LANGUAGE_NAMES,
    }

    nav_template = env.get_template("nav.html")
    footer_template = env.get_template("footer.html")
    pages = 0
    for lang in options.languages:
        fmt = Formatter(lang, names)
        common = {"site": site, "lang": lang, "t": i18n.texts(lang), "f": fmt}

        chrome: dict[tuple[int, str, str], tuple[Markup, Markup]] = {}

        def page(
            template: jinja2.Template,
            path: str,
            depth: int,
            section: str,
            lang: Language = lang,
            common: dict[str, Any] = common,
            chrome: dict[tuple[int, str, str], tuple[Markup, Markup]] = chrome,
            **values: Any,
        ) -> int:
            """Render one page at ``<lang>/<path>``; ``depth`` = its folders below ``<lang>/``."""
            context = dict(common)
            context.update(values)
            context["R"] = Markup("../" * (depth + 1))
            context["L"] = Markup("../" * depth)
            context["path"] = path
            context["section"] = section
            context["canonical"] = (
                f"{base}{lang}/{path.removesuffix('index.html')}" if base else None
            )
            # The menu and footer are the same on every page of a section and depth: made once.
            key = (depth, section, path if depth < 2 else "")
            if key not in chrome:
                chrome[key] = (
                    Markup(nav_template.render(context)),
                    Markup(footer_template.render(context)),
                )
            context["nav"], context["footer"] = chrome[key]
            return writer.write(f"{lang}/{path}", template.render(context))

        markers, legend = map_markers(hubs, germany, fmt)
        home_size = page(
            env.get_template("home.html"),
            "index.html",
            0,
            "home",
            germany=germany,
            markers=markers,
            legend=legend,
            totals=stats.get("totals") or {},
            sentences=published_sentences(stats, fmt),
            changes=dataset.changes[:HOME_CHANGES],
            hub_count=len(hubs),
            org_count=len(orgs),
        )
        if lang == options.languages[0]:
            result.home_bytes = home_size
        pages += 1

        page(
            env.get_template("hubs.html"),
            "hubs/index.html",
            1,
            "hubs",
            hubs=hubs,
            sectors=dataset.sectors,
        )
        page(
            env.get_template("orgs.html"),
            "orgs/index.html",
            1,
            "orgs",
            orgs=orgs,
            hubs=hubs,
            sectors=dataset.sectors,
            years=years,
            ranges=year_ranges,
            kinds=list(i18n.KINDS),
        )
        page(
            env.get_template("sectors.html"),
            "sectors/index.html",
            1,
            "sectors",
            sectors=dataset.sectors,
            orgs_by_sector=orgs_by_sector,
        )
        points = [(str(row["year"]), row["organisations"]) for row in stats.get("years") or []]
        page(
            env.get_template("stats.html"),
            "stats/index.html",
            1,
            "stats",
            stats=stats,
            bars=chart_bars(points, fmt),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            groups=dehub_cli.GROUPS,
            published_sources=[
                (entry["date"], entry["sources"])
                for entry in reversed((dataset.initiative or {}).get("published") or [])
            ],
        )
        page(
            env.get_template("changes.html"),
            "changes/index.html",
            1,
            "changes",
            changes=dataset.changes[:PAGE_CHANGES],
            total=len(dataset.changes),
        )
        pages += 5

        hub_template = env.get_template("hub.html")
        embed_template = env.get_template("embed.html")
        for hub in hubs:
            document = hub_documents[hub["id"]]
            active, ended, other = split_memberships(document.get("memberships") or [])
            page(
                hub_template,
                f"hubs/{hub['id']}/index.html",
                2,
                "hubs",
                hub=document,
                active=active,
                ended=ended,
                other=other,
            )
            page(embed_template, f"hubs/{hub['id']}/embed.html", 2, "hubs", hub=document)
            pages += 2

        sector_template = env.get_template("sector.html")
        for sector in dataset.sectors:
            page(
                sector_template,
                f"sectors/{sector['id']}/index.html",
                2,
                "sectors",
                sector=sector,
                members=orgs_by_sector.get(sector["id"], []),
            )
            pages += 1

        org_template = env.get_template("org.html")
        for org in orgs:
            page(
                org_template, f"orgs/{org['id']}/index.html", 2, "orgs", org=dataset.org(org["id"])
            )
            pages += 1

    writer.write(
        "index.html",
        env.get_template("root.html").render(
            site=site, texts={lang: i18n.texts(lang) for lang in options.languages}
        ),
    )
    pages += 1
    result.home_bytes += sum((root / "assets" / asset).stat().st_size for asset in ASSETS)

    _write_feed(env, writer, dataset, base)
    _write_badges(env, writer, hubs, as_of, base)
    _write_api(writer, dataset)
    writer.write(
        MARKER,
        json.dumps({"generator": "dehub site build", "as_of": as_of}, indent=2) + "\n",
    )
    result.pages = pages
    result.files = writer.files
    result.bytes = writer.bytes
    return result


def _write_feed(
    env: jinja2.Environment, writer: _Writer, dataset: Dataset, base: str | None
) -> None:
    index = dataset.index
    changes = dataset.changes[:FEED_ENTRIES]
    writer.write(
        "feed.xml",
        env.get_template("feed.xml").render(
            title=i18n.TEXT["feed_title"][0],
            id=feed_id(base, index.get("source")),
            updated=rfc3339(str(index["as_of"])),
            base=base,
            entries=feed_entries(changes, base or ""),
        ),
    )


def _write_badges(
    env: jinja2.Environment, writer: _Writer, hubs: list[Document], as_of: str, base: str | None
) -> None:
    template = env.get_template("badge.svg")
    day = i18n.partial_date(as_of, "en")
    for hub in hubs:
        count = hub.get("members") or 0
        message = f"{i18n.number(count, 'en')} member{'' if count == 1 else 's'}, {day}"
        link = f"{base}en/hubs/{hub['id']}/" if base else None
        writer.write(
            f"badges/{hub['id']}.svg", template.render(badge=badge(hub["name"], message, link))
        )


def _write_api(writer: _Writer, dataset: Dataset) -> None:
    """The dataset's documents under ``api/``, byte for byte as ``dehub export --format json``
    writes them: the site is the public JSON API too."""
    from dehub_cli.export.jsonapi import write_documents

    api = writer.root / "api"
    api.mkdir()
    write_documents(dataset, api)
    for directory, _, files in os.walk(api):
        writer.files += len(files)
        writer.bytes += sum(os.path.getsize(os.path.join(directory, name)) for name in files)
