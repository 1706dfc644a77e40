"""The dataset as relational tables: one spec per table, rows read from the documents.

The SQLite file, the CSV files, Datasette's ``metadata.json`` and ``docs/EXPORT.md`` all
follow :data:`TABLES`; :func:`table_rows` fills them from a :class:`Dataset` and nothing
else, so every output says what the JSON API says.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from dehub_cli import PartialDate

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset, Document

ValueKind = Literal["text", "integer", "real", "boolean", "list"]
"""How a value is stored: ``boolean`` as 0/1 (SQLite) or true/false (CSV); ``list`` as a
JSON array (SQLite, so Datasette can facet it) or joined with ``; `` (CSV)."""

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, how its values are stored, what it means."""

    name: str
    kind: ValueKind
    description: str
    references: str | None = None
    """The table whose ``id`` this column refers to (a foreign key)."""

    @property
    def sql_type(self) -> str:
        return {"integer": "INTEGER", "boolean": "INTEGER", "real": "REAL"}.get(self.kind, "TEXT")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table of the export and how Datasette should present it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ("id",)
    facets: tuple[str | dict[str, str], ...] = ()
    sortable: tuple[str, ...] = ()
    label_column: str | None = None
    search: tuple[str, ...] = ()
    """Columns of the table's full-text index (``<name>_fts``), if it has one."""

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def foreign_keys(self) -> list[Column]:
        return [column for column in self.columns if column.references is not None]

    @property
    def fts_table(self) -> str | None:
        return f"{self.name}_fts" if self.search else None


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """A view of the SQLite file; ``sql`` is its ``SELECT``, ``{as_of}`` the export's day."""

    name: str
    description: str
    sql: str
    facets: tuple[str, ...] = ()


def _c(name: str, kind: ValueKind, description: str, references: str | None = None) -> Column:
    return Column(name, kind, description, references)


_START = (
    _c("start_date", "text", "Start as written (2017, 2017-04, 2017-04-21); empty when unknown."),
    _c(
        "start_stated",
        "boolean",
        "1: a source states the start (since); 0: only first seen active then "
        "(first_seen); empty: start unknown.",
    ),
    _c("start_day", "text", "First day of the start (ISO date), for sorting and counting."),
    _c("end_date", "text", "End as written; empty while still a member."),
    _c(
        "end_stated",
        "boolean",
        "1: a source states the end (until); 0: only last seen active then (last_seen); "
        "empty: still a member.",
    ),
    _c("end_day", "text", "Last day of the end (ISO date), for sorting and counting."),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "export_info",
        "What this export is: schema version, the day 'active' refers to, the registry's commit.",
        (
            _c("key", "text", "schema_version, title, as_of, commit, license or source."),
            _c("value", "text", "The value; empty when not known."),
        ),
        primary_key=("key",),
    ),
    TableSpec(
        "hubs",
        "The digital hubs of the initiative. latitude/longitude are those of the first city.",
        (
            _c("id", "text", "Hub id (its file name in the registry)."),
            _c("name", "text", "Name of the hub."),
            _c("city", "text", "First city; latitude and longitude are its coordinates."),
            _c("latitude", "real", "WGS84 latitude of the first city."),
            _c("longitude", "real", "WGS84 longitude of the first city."),
            _c("cities", "list", "Every city of the hub."),
            _c("laender", "list", "ISO 3166-2 codes of the hub's Länder (DE-BY)."),
            _c("announced", "text", "Date the hub was named, as written."),
            _c("sectors", "list", "Sector ids of the hub's focus on the export's day."),
            _c("members", "integer", "Organisations with a membership active on the export's day."),
            _c("operators", "list", "Organisation ids operating the hub on the export's day."),
            _c("twins", "list", "Ids of twin hubs."),
            _c("website", "text", "Website."),
            _c("description", "text", "Description."),
        ),
        facets=({"array": "laender"}, {"array": "sectors"}),
        sortable=("name", "city", "announced", "members"),
        label_column="name",
        search=("name", "description"),
    ),
    TableSpec(
        "organisations",
        "Startups, companies, universities, investors and others that are or were members.",
        (
            _c("id", "text", "Organisation id (its file name in the registry)."),
            _c("name", "text", "Full name with legal form."),
            _c(
                "kind",
                "text",
                "startup, sme, corporate, university, research, investor, accelerator, "
                "association or public.",
            ),
            _c("city", "text", "City."),
            _c("founded", "integer", "Year founded."),
            _c("website", "text", "Website."),
            _c("description", "text", "Description."),
            _c("sectors", "list", "Sector ids the organisation works in."),
            _c("hubs", "list", "Hub ids with a membership active on the export's day."),
            _c("active", "boolean", "1 when a membership is active on the export's day."),
            _c(
                "identifiers", "list", "Identifiers in other registers as scheme:id (wikidata:Q95)."
            ),
        ),
        facets=("kind", "active", {"array": "sectors"}, {"array": "hubs"}),
        sortable=("name", "kind", "city", "founded"),
        label_column="name",
        search=("name", "description"),
    ),
    TableSpec(
        "memberships",
        "Every membership of an organisation in a hub, current and former, with dates that "
        "say whether a source states them or only shows the membership active then.",
        (
            _c("id", "integer", "Row number: organisations by id, their memberships by start."),
            _c("organisation_id", "text", "The organisation.", "organisations"),
            _c("hub_id", "text", "The hub.", "hubs"),
            _c("role", "text", "member, operator, partner, mentor or investor."),
            *_START,
            _c("active", "boolean", "1 when active on the export's day."),
            _c(
                "source_url",
                "text",
                "First source of the claim (its own, else the organisation's).",
            ),
            _c("sources_from", "text", "membership (the claim's own sources) or organisation."),
        ),
        facets=("hub_id", "role", "active", "start_stated", "end_stated"),
        sortable=("start_day", "end_day", "role"),
    ),
    TableSpec(
        "sectors",
        "The sector vocabulary.",
        (
            _c("id", "text", "Sector id."),
            _c("name", "text", "English name."),
            _c("name_de", "text", "German name."),
            _c("aliases", "list", "Other names accepted for the sector."),
            _c("hubs", "list", "Hub ids that ever had this sector as a focus."),
            _c("organisations", "integer", "Organisations naming this sector among their own."),
        ),
        sortable=("name", "organisations"),
        label_column="name",
    ),
    TableSpec(
        "hub_sectors",
        "Each hub's sector focus over time.",
        (
            _c("id", "integer", "Row number."),
            _c("hub_id", "text", "The hub.", "hubs"),
            _c("sector_id", "text", "The sector.", "sectors"),
            _c("since", "text", "Start of the focus as written; empty: from the start."),
            _c("until", "text", "End of the focus as written; empty: still."),
            _c("active", "boolean", "1 when the focus holds on the export's day."),
        ),
        facets=("sector_id", "active"),
        sortable=("since", "until"),
    ),
    TableSpec(
        "organisation_sectors",
        "The sectors each organisation works in.",
        (
            _c("organisation_id", "text", "The organisation.", "organisations"),
            _c("sector_id", "text", "The sector.", "sectors"),
        ),
        primary_key=("organisation_id", "sector_id"),
        facets=("sector_id",),
    ),
    TableSpec(
        "published_figures",
        "Figures the initiative published, next to the registry's count on the same day "
        "(as in dehub report).",
        (
            _c("id", "integer", "Row number."),
            _c("date", "text", "Date of the publication, as written."),
            _c(
                "figure",
                "text",
                "hubs, startups, companies, universities, partners or organisations.",
            ),
            _c("qualifier", "text", "at_least (more than), about, or empty (exact)."),
            _c("published", "integer", "The published figure."),
            _c("registry", "integer", "The registry's count on that day."),
            _c("coverage", "real", "registry / published x 100, one decimal."),
            _c("text", "text", "The publication's own words."),
        ),
        facets=("figure", "qualifier", "date"),
        sortable=("date", "figure", "published", "registry", "coverage"),
    ),
    TableSpec(
        "sources",
        "Where each fact was read. Each row belongs to exactly one hub, organisation, "
        "membership (its own sources) or published figure.",
        (
            _c("id", "integer", "Row number."),
            _c("subject", "text", "hub, organisation, membership or published_figure."),
            _c("hub_id", "text", "The hub this source is about.", "hubs"),
            _c(
                "organisation_id", "text", "The organisation this source is about.", "organisations"
            ),
            _c("membership_id", "integer", "The membership this source is about.", "memberships"),
            _c(
                "published_figure_id",
                "integer",
                "The published figure this source is about.",
                "published_figures",
            ),
            _c("url", "text", "Address of the page."),
            _c("title", "text", "The page's real title; empty when not known."),
            _c("date", "text", "The page's own date; empty for undated pages."),
        ),
        facets=("subject",),
        sortable=("date",),
    ),
    TableSpec(
        "report_years",
        "The yearly series of dehub report: organisations per group counted on 31 December "
        "of each year (the export's day for its year). The view yearly_counts shows it.",
        (
            _c("year", "integer", "The year."),
            _c("as_of", "text", "The day counted on."),
            _c("hubs", "integer", "Hubs announced by that day."),
            _c("startups", "integer", "Startups."),
            _c("companies", "integer", "Companies (sme and corporate)."),
            _c("universities", "integer", "Universities."),
            _c("research", "integer", "Research institutes."),
            _c("investors", "integer", "Investors."),
            _c("others", "integer", "Accelerators, associations and public bodies."),
            _c("organisations", "integer", "Every distinct organisation."),
            _c(
                "joined",
                "integer",
                "Organisations counted that year but not the year before, by a stated start.",
            ),
            _c(
                "first_recorded",
                "integer",
                "Organisations counted from that year on whose start no source states.",
            ),
            _c(
                "left",
                "integer",
                "Organisations counted the year before but not that year, by a stated end.",
            ),
            _c(
                "last_recorded",
                "integer",
                "Organisations no longer counted whose end no source states.",
            ),
        ),
        primary_key=("year",),
        sortable=("year",),
    ),
)

VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "active_memberships",
        "Memberships active on the export's day, with the organisation's and hub's names.",
        "SELECT m.id, m.organisation_id, o.name AS organisation_name, o.kind AS "
        "organisation_kind, m.hub_id, h.name AS hub_name, m.role, m.start_date, "
        "m.start_stated, m.end_date, m.end_stated, m.source_url\n"
        "FROM memberships AS m\n"
        "JOIN organisations AS o ON o.id = m.organisation_id\n"
        "JOIN hubs AS h ON h.id = m.hub_id\n"
        "WHERE m.start_day IS NOT NULL AND m.start_day <= '{as_of}'\n"
        "  AND (m.end_day IS NULL OR m.end_day >= '{as_of}')",
        facets=("hub_name", "organisation_kind", "role"),
    ),
    ViewSpec(
        "yearly_counts",
        "Organisations per group and year: the same numbers as dehub report --format json.",
        "SELECT * FROM report_years ORDER BY year",
    ),
)


def table(name: str) -> TableSpec:
    """The spec of one table of :data:`TABLES`."""
    for spec in TABLES:
        if spec.name == name:
            return spec
    raise KeyError(name)


def table_specs(dataset: Dataset) -> tuple[TableSpec, ...]:
    """:data:`TABLES`, with any figure the report gained appended to ``report_years``."""
    years = dataset.stats.get("years") or []
    known = set(table("report_years").column_names)
    extra: list[str] = []
    for row in years:
        extra += [key for key in row if key not in known and key not in extra]
    if not extra:
        return TABLES
    columns = table("report_years").columns + tuple(
        Column(key, "integer", f"{key}, as in dehub report --format json.") for key in extra
    )
    return tuple(
        replace(spec, columns=columns) if spec.name == "report_years" else spec for spec in TABLES
    )


def table_rows(dataset: Dataset) -> dict[str, list[Row]]:
    """Every table's rows (values in column order), in the order of :func:`table_specs`."""
    specs = table_specs(dataset)
    memberships, membership_sources = _memberships(dataset)
    published, published_sources = _published(dataset)
    sources = [
        *(
            _source_row("hub", 0, hub["id"], source)
            for hub in dataset.hubs
            for source in dataset.hub(hub["id"])["sources"]
        ),
        *(
            _source_row("organisation", 1, org["id"], source)
            for org in dataset.orgs
            for source in dataset.org(org["id"])["sources"]
        ),
        *membership_sources,
        *published_sources,
    ]
    rows: dict[str, list[Row]] = {
        "export_info": [
            (key, None if dataset.index[key] is None else str(dataset.index[key]))
            for key in ("schema_version", "title", "as_of", "commit", "license", "source")
        ],
        "hubs": [_hub_row(dataset.hub(summary["id"])) for summary in dataset.hubs],
        "organisations": [_org_row(dataset.org(summary["id"])) for summary in dataset.orgs],
        "memberships": memberships,
        "sectors": [
            (s["id"], s["name"], s["name_de"], s["aliases"], s["hubs"], s["organisations"])
            for s in dataset.sectors
        ],
        "hub_sectors": _numbered(
            (hub["id"], span["sector"], span["since"], span["until"], span["active"])
            for hub in dataset.hubs
            for span in dataset.hub(hub["id"])["sector_history"]
        ),
        "organisation_sectors": [
            (org["id"], sector) for org in dataset.orgs for sector in org["sectors"]
        ],
        "published_figures": published,
        "sources": _numbered(sources),
        "report_years": [
            tuple(row.get(column) for column in _names(specs, "report_years"))
            for row in dataset.stats.get("years") or []
        ],
    }
    return {spec.name: rows[spec.name] for spec in specs}


def _names(specs: Iterable[TableSpec], name: str) -> list[str]:
    return next(spec.column_names for spec in specs if spec.name == name)


def _numbered(rows: Iterable[Row]) -> list[Row]:
    return [(number, *row) for number, row in enumerate(rows, start=1)]


def _hub_row(hub: Document) -> Row:
    first = hub["cities"][0] if hub["cities"] else None
    return (
        hub["id"],
        hub["name"],
        first["name"] if first else None,
        first["latitude"] if first else None,
        first["longitude"] if first else None,
        [city["name"] for city in hub["cities"]],
        hub["laender"],
        hub["announced"],
        hub["sectors"],
        hub["members"],
        hub["operators"],
        hub["twins"],
        hub["website"],
        hub["description"],
    )


def _org_row(org: Document) -> Row:
    return (
        org["id"],
        org["name"],
        org["kind"],
        org["city"],
        org["founded"],
        org["website"],
        org["description"],
        org["sectors"],
        org["hubs"],
        any(membership["active"] for membership in org["memberships"]),
        [f"{identifier['scheme']}:{identifier['id']}" for identifier in org["identifiers"]],
    )


def _day(text: str | None, *, end: bool) -> str | None:
    """The first (or last) day of a date as written, as an ISO date."""
    return None if text is None else _day_text(text, end)


@functools.lru_cache(maxsize=8192)
def _day_text(text: str, end: bool) -> str:
    date = PartialDate.parse(text)
    return (date.last_day if end else date.first_day).isoformat()


def _source_row(subject: str, owner: int, key: Any, source: Document) -> Row:
    """A source row without its number; ``owner`` is the position of the owning key."""
    owners: list[Any] = [None, None, None, None]
    owners[owner] = key
    return (subject, *owners, source["url"], source["title"], source["date"])


def _memberships(dataset: Dataset) -> tuple[list[Row], list[Row]]:
    """Membership rows, and the source rows of those with sources of their own."""
    rows: list[Row] = []
    sources: list[Row] = []
    for summary in dataset.orgs:
        for membership in dataset.org(summary["id"])["memberships"]:
            number = len(rows) + 1
            rows.append(
                (
                    number,
                    membership["org"],
                    membership["hub"],
                    membership["role"],
                    membership["start"],
                    membership["start_stated"],
                    _day(membership["start"], end=False),
                    membership["end"],
                    membership["end_stated"],
                    _day(membership["end"], end=True),
                    membership["active"],
                    membership["sources"][0]["url"] if membership["sources"] else None,
                    membership["sources_from"],
                )
            )
            if membership["sources_from"] == "membership":
                sources += [_source_row("membership", 2, number, s) for s in membership["sources"]]
    return rows, sources


def _published(dataset: Dataset) -> tuple[list[Row], list[Row]]:
    """One row per published figure (from the report), and the publications' sources."""
    initiative = dataset.initiative
    publications = initiative["published"] if initiative is not None else []
    rows: list[Row] = []
    sources: list[Row] = []
    for index, item in enumerate(dataset.stats.get("published") or []):
        # stats["published"] and the initiative's list are in the same (date) order.
        own = publications[index]["sources"] if index < len(publications) else []
        for key, figure in item["figures"].items():
            number = len(rows) + 1
            rows.append(
                (
                    number,
                    item["date"],
                    key,
                    figure["qualifier"],
                    figure["published"],
                    figure["registry"],
                    figure["coverage"],
                    item["text"],
                )
            )
            sources += [_source_row("published_figure", 3, number, source) for source in own]
    return rows, sources
