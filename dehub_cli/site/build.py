"""Render the whole site from the dataset into a directory.

Templates are compiled once per build; every page is one ``render`` call and one write,
and the bulk (a page per organisation and language, the JSON API) is shared among forked
workers when the machine has several cores. Links are relative (``../../hubs/dortmund/index.html``), so the site works from file://,
from a sub-path and from any static host.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

import dehub_cli
from dehub_cli.render.atom import to_atom
from dehub_cli.site import i18n
from dehub_cli.site.feed import badge, feed
from dehub_cli.site.i18n import LANGUAGES, Language
from dehub_cli.site.mapsvg import germany_map
from dehub_cli.site.output import MARKER, SiteError, staged_directory
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
    from dehub_cli.render import Section

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
    workers: int | None = None
    """Processes rendering the organisation pages; None: one per core for large sites."""


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

    def tables(self) -> list[Section]:
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
    """Writes files under the staged root and keeps the tally.

    Plain ``os`` calls on string paths: a build writes some 50,000 files, and on a busy
    disk each system call counts.
    """

    _FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0
        self._prefix = f"{root}{os.sep}"
        self._made: set[str] = {""}

    def write(self, relative: str, text: str | bytes) -> int:
        data = text.encode("utf-8") if isinstance(text, str) else text
        directory = relative.rpartition("/")[0]
        if directory not in self._made:
            self._make(directory)
        handle = os.open(self._prefix + relative, self._FLAGS, 0o644)
        try:
            written = 0
            while written < len(data):
                written += os.write(handle, data[written:])
        finally:
            os.close(handle)
        self.files += 1
        self.bytes += len(data)
        return len(data)

    def _make(self, directory: str) -> None:
        parent = directory.rpartition("/")[0]
        if parent not in self._made:
            self._make(parent)
        with contextlib.suppress(FileExistsError):
            os.mkdir(self._prefix + directory, 0o755)
        self._made.add(directory)


def build_site(dataset: Dataset, out: Path, options: SiteOptions | None = None) -> SiteBuild:
    """Render every page of ``dataset`` into ``out`` (replaced only if it is a dehub site)."""
    options = options or SiteOptions()
    started = time.perf_counter()
    with staged_directory(out) as staged:
        result = render_site(dataset, staged, options)
    result.out = str(out)
    result.seconds = time.perf_counter() - started
    return result


class _Pages:
    """Renders the pages of one build: one render and one write per page.

    The texts, the formatter and the context shared by a language's pages are made once,
    the menu and footer once per section and depth.
    """

    def __init__(
        self, env: jinja2.Environment, writer: _Writer, site: dict[str, Any], names: Names
    ) -> None:
        self.env = env
        self.writer = writer
        self.site = site
        self.count = 0
        self._names = names
        self._common: dict[str, dict[str, Any]] = {}
        self._chrome: dict[tuple[str, int, str, str], tuple[Markup, Markup]] = {}
        self._nav = env.get_template("nav.html")
        self._footer = env.get_template("footer.html")

    def formatter(self, lang: Language) -> Formatter:
        return self.common(lang)["f"]  # type: ignore[no-any-return]

    def common(self, lang: Language) -> dict[str, Any]:
        if lang not in self._common:
            self._common[lang] = {
                "site": self.site,
                "lang": lang,
                "t": i18n.texts(lang),
                "f": Formatter(lang, self._names),
            }
        return self._common[lang]

    def render(
        self, lang: Language, template: str, path: str, depth: int, section: str, **values: Any
    ) -> int:
        """Write ``<lang>/<path>``; ``depth`` = its folders below ``<lang>/``. Returns its size."""
        context = dict(self.common(lang))
        context.update(values)
        context["R"] = Markup("../" * (depth + 1))
        context["L"] = Markup("../" * depth)
        context["path"] = path
        context["section"] = section
        base = self.site["base"]
        context["canonical"] = f"{base}{lang}/{path.removesuffix('index.html')}" if base else None
        key = (lang, depth, section, path if depth < 2 else "")
        if key not in self._chrome:
            self._chrome[key] = (
                Markup(self._nav.render(context)),
                Markup(self._footer.render(context)),
            )
        context["nav"], context["footer"] = self._chrome[key]
        self.count += 1
        return self.writer.write(f"{lang}/{path}", self.env.get_template(template).render(context))


def render_site(dataset: Dataset, root: Path, options: SiteOptions) -> SiteBuild:
    """Write the site into the (empty) directory ``root``."""
    env = environment()
    writer = _Writer(root)
    index = dataset.index
    as_of = str(index["as_of"])
    base = options.base_url.rstrip("/") + "/" if options.base_url else None
    result = SiteBuild(out=str(root), as_of=as_of, languages=list(options.languages))
    hubs = dataset.hubs
    orgs = sorted(dataset.orgs, key=lambda org: (org["name"].casefold(), org["id"]))
    for document in (*hubs, *orgs, *dataset.sectors):
        safe_id(document["id"])
    orgs_by_sector: dict[str, list[Document]] = defaultdict(list)
    for org in orgs:
        for sector_id in org.get("sectors") or []:
            orgs_by_sector[sector_id].append(org)
    stats = dataset.stats
    years = [row["year"] for row in stats.get("years") or []]

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
    pages = _Pages(env, writer, site, Names(dataset))
    for lang in options.languages:
        fmt = pages.formatter(lang)
        markers, legend = map_markers(hubs, germany_map(), fmt)
        home_size = pages.render(
            lang,
            "home.html",
            "index.html",
            0,
            "home",
            germany=germany_map(),
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
        pages.render(
            lang, "hubs.html", "hubs/index.html", 1, "hubs", hubs=hubs, sectors=dataset.sectors
        )
        pages.render(
            lang,
            "orgs.html",
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
        pages.render(
            lang,
            "sectors.html",
            "sectors/index.html",
            1,
            "sectors",
            sectors=dataset.sectors,
            orgs_by_sector=orgs_by_sector,
        )
        points = [(str(row["year"]), row["organisations"]) for row in stats.get("years") or []]
        pages.render(
            lang,
            "stats.html",
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
        pages.render(
            lang,
            "changes.html",
            "changes/index.html",
            1,
            "changes",
            changes=dataset.changes[:PAGE_CHANGES],
            total=len(dataset.changes),
        )
        for hub in hubs:
            document = dataset.hub(hub["id"])
            active, ended, other = split_memberships(document.get("memberships") or [])
            pages.render(
                lang,
                "hub.html",
                f"hubs/{hub['id']}/index.html",
                2,
                "hubs",
                hub=document,
                active=active,
                ended=ended,
                other=other,
            )
            pages.render(
                lang, "embed.html", f"hubs/{hub['id']}/embed.html", 2, "hubs", hub=document
            )
        for sector in dataset.sectors:
            pages.render(
                lang,
                "sector.html",
                f"sectors/{sector['id']}/index.html",
                2,
                "sectors",
                sector=sector,
                members=orgs_by_sector.get(sector["id"], []),
            )
    _render_bulk(pages, dataset, [org["id"] for org in orgs], options)

    writer.write(
        "index.html",
        env.get_template("root.html").render(
            site=site, texts={lang: i18n.texts(lang) for lang in options.languages}
        ),
    )
    result.home_bytes += sum((root / "assets" / asset).stat().st_size for asset in ASSETS)

    # One feed and one set of badges, in the site's first language (where they link).
    _write_feed(writer, dataset, base, options.languages[0])
    _write_badges(env, writer, hubs, as_of, base, options.languages[0])
    writer.write(
        MARKER,
        json.dumps({"generator": "dehub site build", "as_of": as_of}, indent=2) + "\n",
    )
    result.pages = pages.count + 1
    result.files = writer.files
    result.bytes = writer.bytes
    return result


# --- the bulk: organisation pages and the JSON API, in parallel where there are cores ------

PARALLEL_FROM = 2_000
"""Files from which forking workers pays (a fork costs some 50 ms)."""

_WORK: tuple[_Pages, Dataset, dict[str, Any]] | None = None
"""What a forked worker renders from: set in the parent just before the fork."""

Task = tuple[str, Language, list[str]]
"""``("org", lang, org ids)`` or ``("api", lang (unused), document paths)``."""


def _run(task: Task) -> tuple[int, int, int]:
    """Write one share of the bulk; returns (pages, files, bytes) written."""
    from dehub_cli.export.jsonapi import document_bytes

    assert _WORK is not None
    pages, dataset, documents = _WORK
    writer = pages.writer
    before = (pages.count, writer.files, writer.bytes)
    kind, lang, names = task
    if kind == "org":
        for org_id in names:
            pages.render(
                lang, "org.html", f"orgs/{org_id}/index.html", 2, "orgs", org=dataset.org(org_id)
            )
    else:
        for relative in names:
            writer.write(f"api/{relative}", document_bytes(documents[relative]))
    return pages.count - before[0], writer.files - before[1], writer.bytes - before[2]


def _workers(options: SiteOptions, files: int) -> int:
    if options.workers is not None:
        return options.workers
    if files < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, 8))


def _chunks(items: list[str], count: int) -> list[list[str]]:
    size = max(1, -(-len(items) // count))
    return [items[start : start + size] for start in range(0, len(items), size)]


def _render_bulk(pages: _Pages, dataset: Dataset, org_ids: list[str], options: SiteOptions) -> None:
    """Every organisation page in every language, and the dataset's documents under
    ``api/`` (byte for byte as ``dehub export --format json`` writes them): most of a build.

    With several cores the work is split among forked workers, which inherit the compiled
    templates and the dataset and write their own files. The output is the same.
    """
    global _WORK
    documents = dataset.documents()
    for relative in documents:
        if ".." in relative.split("/") or relative.startswith("/"):
            raise SiteError(f"cannot write API document {relative!r}: not a relative path")
    for directory in {relative.rpartition("/")[0] for relative in documents} - {""}:
        os.makedirs(pages.writer.root / "api" / directory, exist_ok=True)
    workers = _workers(options, len(org_ids) * len(options.languages) + len(documents))
    tasks: list[Task] = [
        ("org", lang, chunk)
        for lang in options.languages
        for chunk in _chunks(org_ids, workers * 4)
    ]
    tasks += [
        ("api", options.languages[0], chunk) for chunk in _chunks(list(documents), workers * 2)
    ]
    _WORK = (pages, dataset, documents)
    try:
        if workers < 2:
            for task in tasks:
                _run(task)
            return
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_run, tasks, chunksize=1)
    finally:
        _WORK = None
    for count, files, size in results:
        pages.count += count
        pages.writer.files += files
        pages.writer.bytes += size


def _write_feed(writer: _Writer, dataset: Dataset, base: str | None, lang: Language) -> None:
    index = dataset.index
    changes = dataset.changes[:FEED_ENTRIES]
    changes_feed = feed(
        changes,
        title=i18n.TEXT["feed_title"][i18n.LANGUAGES.index(lang)],
        as_of=str(index["as_of"]),
        base=base,
        source=index.get("source"),
        lang=lang,
    )
    writer.write("feed.xml", to_atom(changes_feed))


def _write_badges(
    env: jinja2.Environment,
    writer: _Writer,
    hubs: list[Document],
    as_of: str,
    base: str | None,
    lang: Language,
) -> None:
    template = env.get_template("badge.svg")
    day = i18n.partial_date(as_of, lang)
    for hub in hubs:
        count = hub.get("members") or 0
        message = f"{i18n.number(count, lang)} {i18n.noun('members', count, lang)}, {day}"
        link = f"{base}{lang}/hubs/{hub['id']}/" if base else None
        writer.write(
            f"badges/{hub['id']}.svg", template.render(badge=badge(hub["name"], message, link))
        )
