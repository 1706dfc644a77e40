"""The published data of dehub: one loaded registry as plain, JSON-able documents.

Every output (the static JSON API, the CSV files, the SQLite file, the website) is built
from a :class:`Dataset`; nothing else recomputes what a document says. The shapes are the
contract in ``docs/API.md`` (``schema_version`` 1: additions only)::

    dataset = build_dataset(registry, today=datetime.date(2026, 11, 28), commit=None)
    dataset.documents()   # {"index.json": {...}, "hubs/dortmund.json": {...}, ...}

Pure: no I/O. Deterministic: the same registry, day and commit give equal documents.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dehub_cli import hub_sectors_on, membership_active

if TYPE_CHECKING:
    from dehub_cli import Census, Hub, Initiative, Membership, Org, PartialDate, Registry, Source

SCHEMA_VERSION = 1
"""Version of the documents' shape; a new version only when a key changes or goes away."""

DOCUMENT_PATHS: dict[str, str] = {
    "hubs": "hubs.json",
    "hub": "hubs/{id}.json",
    "orgs": "orgs.json",
    "org": "orgs/{id}.json",
    "sectors": "sectors.json",
    "stats": "stats.json",
}
"""Where each document lives, relative to the API's root (``index.json`` lists them too)."""

CHANGE_TYPES = ("joined", "first_recorded", "left", "last_recorded")
"""A change per registry key: ``since``, ``first_seen``, ``until``, ``last_seen``."""

Document = dict[str, Any]
_Order = tuple[tuple[int, int, int], str, str]
_ChangeOrder = tuple[int, int, str, int]


@dataclass(frozen=True)
class Dataset:
    """Every document of the published data, built once by :func:`build_dataset`.

    The documents are plain dicts and lists; treat them as read-only (they are shared).
    """

    as_of: dt.date
    index: Document
    """``index.json``: what is published, for which day, from which commit."""
    hubs: list[Document]
    """``hubs.json``: one summary per hub, by id."""
    orgs: list[Document]
    """``orgs.json``: one summary per organisation, by id."""
    sectors: list[Document]
    """``sectors.json``: the vocabulary in file order, with hubs and organisation counts."""
    stats: Document
    """``stats.json``: exactly ``dehub report --format json`` on ``as_of``."""
    changes: list[Document]
    """Membership starts and ends up to ``as_of``, newest first (for feeds)."""
    initiative: Document | None
    """The initiative (``initiative.yaml``) with its published figures and their sources,
    the figures in the order of ``stats["published"]``; ``None`` when the registry has none."""
    hub_documents: dict[str, Document]
    """``hubs/<id>.json`` by hub id."""
    org_documents: dict[str, Document]
    """``orgs/<id>.json`` by organisation id."""

    def hub(self, hub_id: str) -> Document:
        """``hubs/<id>.json``: the summary plus website, description, sector history,
        every membership (current and former) and sources. ``KeyError`` if unknown."""
        return self.hub_documents[hub_id]

    def org(self, org_id: str) -> Document:
        """``orgs/<id>.json``: the summary plus website, founded, description,
        identifiers, memberships with their sources, and sources. ``KeyError`` if unknown."""
        return self.org_documents[org_id]

    def documents(self) -> dict[str, Any]:
        """The whole JSON API: ``{relative path: document}``, index first."""
        result: dict[str, Any] = {
            "index.json": self.index,
            DOCUMENT_PATHS["hubs"]: self.hubs,
            DOCUMENT_PATHS["orgs"]: self.orgs,
            DOCUMENT_PATHS["sectors"]: self.sectors,
            DOCUMENT_PATHS["stats"]: self.stats,
        }
        for hub_id, document in self.hub_documents.items():
            result[DOCUMENT_PATHS["hub"].format(id=hub_id)] = document
        for org_id, document in self.org_documents.items():
            result[DOCUMENT_PATHS["org"].format(id=org_id)] = document
        return result


def build_dataset(
    registry: Registry,
    today: dt.date,
    commit: str | None = None,
    *,
    license: str | None = None,
    source: str | None = None,
    census: Census | None = None,
) -> Dataset:
    """Every document of ``registry`` as it stands on ``today``.

    ``commit`` is the registry's git commit (``None`` outside git); ``license`` and
    ``source`` (the data's licence and where it is published) go into ``index.json`` as
    given, ``None`` when not stated. ``census`` reuses a :class:`Census` already built.
    """
    from dehub_cli import Census, build_yearly_report

    census = census or Census.of(registry)
    hub_ids = sorted(registry.hubs)
    org_ids = sorted(registry.orgs)
    hubs = {hub_id: registry.hub_record(hub_id) for hub_id in hub_ids}
    orgs = {org_id: registry.org_record(org_id) for org_id in org_ids}
    hub_names = {hub_id: hub.name for hub_id, hub in hubs.items()}

    by_hub: dict[str, list[tuple[_Order, Document]]] = {hub_id: [] for hub_id in hub_ids}
    org_summaries: list[Document] = []
    org_documents: dict[str, Document] = {}
    changes: list[tuple[_ChangeOrder, Document]] = []
    membership_count = 0
    for org_id, org in orgs.items():
        memberships = org.memberships
        if len(memberships) > 1:
            memberships = sorted(memberships, key=lambda m: (_start_order(m.start), m.hub))
        org_sources = _sources(org.sources)  # shared by the memberships without their own
        full = [
            _membership(org_id, org, m, hub_names.get(m.hub), today, org_sources)
            for m in memberships
        ]
        membership_count += len(full)
        for membership, document in zip(memberships, full, strict=True):
            order = (_start_order(membership.start), org_id, document["role"])
            by_hub.setdefault(membership.hub, []).append((order, document))
            changes.extend(_changes(membership, document, today))
        summary = _org_summary(org_id, org, full)
        org_summaries.append(summary)
        org_documents[org_id] = _org_document(summary, org, full, org_sources)

    hub_summaries: list[Document] = []
    hub_documents: dict[str, Document] = {}
    for hub_id, hub in hubs.items():
        hub_memberships = [document for _, document in sorted(by_hub[hub_id], key=_first)]
        summary = _hub_summary(hub_id, hub, hub_memberships, today)
        hub_summaries.append(summary)
        hub_documents[hub_id] = _hub_document(summary, hub, hub_memberships, registry, today)

    sectors = _sectors(registry, hubs, orgs)
    # Newest first; on one day a more precise date first, then last_recorded, left,
    # first_recorded, joined; then org, hub and role A-Z (a stable sort keeps that order).
    changes.sort(key=lambda item: (item[1]["org"], item[1]["hub"], item[1]["role"]))
    changes.sort(key=_first_of_change, reverse=True)
    stats = build_yearly_report(registry, today, census=census).to_data()
    index = _index(
        registry,
        today,
        commit,
        license,
        source,
        counts={
            "hubs": len(hubs),
            "organisations": len(orgs),
            "memberships": membership_count,
            "sectors": len(sectors),
        },
    )
    return Dataset(
        as_of=today,
        index=index,
        hubs=hub_summaries,
        orgs=org_summaries,
        sectors=sectors,
        stats=stats,
        changes=[document for _, document in changes],
        initiative=_initiative(registry.initiative),
        hub_documents=hub_documents,
        org_documents=org_documents,
    )


# --- pieces -------------------------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return _date_text(value) if value is not None else None


@functools.lru_cache(maxsize=8192)
def _date_text(value: PartialDate) -> str:
    """Registries repeat the same few thousand dates: write each once."""
    return str(value)


def _start_order(date: PartialDate | None) -> tuple[int, int, int]:
    """Earliest first, a year before its months, a month before its days; unknown last."""
    if date is None:
        return (10_000, 0, 0)
    return (date.year, date.month or 0, date.day or 0)


def _first(item: tuple[_Order, Document]) -> _Order:
    return item[0]


def _sources(sources: Iterable[Source]) -> list[Document]:
    return [
        {"url": source.url, "title": source.title, "date": _date(source.date)} for source in sources
    ]


def _membership(
    org_id: str,
    org: Org,
    membership: Membership,
    hub_name: str | None,
    day: dt.date,
    org_sources: list[Document],
) -> Document:
    """One membership as in ``docs/API.md``: who, where, role, dates, whether active, sources."""
    start, end = membership.start, membership.end
    return {
        "org": org_id,
        "org_name": org.name,
        "org_kind": org.kind.value,
        "hub": membership.hub,
        "hub_name": hub_name,
        "role": membership.role.value,
        "start": _date(start),
        "start_stated": membership.start_stated if start is not None else None,
        "end": _date(end),
        "end_stated": membership.end_stated if end is not None else None,
        "active": membership_active(membership, day),
        "sources": _sources(membership.sources) if membership.sources else org_sources,
        "sources_from": "membership" if membership.sources else "organisation",
    }


_COMPACT_MEMBERSHIP_KEYS = ("hub", "role", "start", "start_stated", "end", "end_stated", "active")


def _org_summary(org_id: str, org: Org, memberships: list[Document]) -> Document:
    hubs: list[str] = []
    for membership in memberships:
        if membership["active"] and membership["hub"] not in hubs:
            hubs.append(membership["hub"])
    return {
        "id": org_id,
        "name": org.name,
        "kind": org.kind.value,
        "city": org.city,
        "sectors": list(dict.fromkeys(org.sectors)),
        "hubs": hubs,
        "memberships": [
            {key: membership[key] for key in _COMPACT_MEMBERSHIP_KEYS} for membership in memberships
        ],
    }


def _org_document(
    summary: Document, org: Org, memberships: list[Document], sources: list[Document]
) -> Document:
    return {
        **summary,
        "website": org.website,
        "founded": org.founded,
        "description": org.description,
        "identifiers": [
            {"scheme": identifier.scheme, "id": identifier.id} for identifier in org.identifiers
        ],
        "memberships": [dict(membership) for membership in memberships],
        "sources": sources,
    }


def hub_laender(hub: Hub) -> list[str]:
    """The Länder of a hub: those it names, then those of its cities, each once."""
    laender = list(hub.laender)
    for city in hub.cities:
        if city.land is not None and city.land not in laender:
            laender.append(city.land)
    return laender


def _hub_summary(hub_id: str, hub: Hub, memberships: list[Document], day: dt.date) -> Document:
    members: set[str] = set()
    operators: list[str] = []
    for membership in memberships:
        if not membership["active"]:
            continue
        members.add(membership["org"])
        if membership["role"] == "operator" and membership["org"] not in operators:
            operators.append(membership["org"])
    return {
        "id": hub_id,
        "name": hub.name,
        "cities": [
            {
                "name": city.name,
                "land": city.land,
                "latitude": city.latitude,
                "longitude": city.longitude,
            }
            for city in hub.cities
        ],
        "laender": hub_laender(hub),
        "announced": str(hub.announced),
        "sectors": hub_sectors_on(hub, day),
        "members": len(members),
        "operators": operators,
        "twins": list(hub.twins),
    }


def _span_active(since: PartialDate | None, until: PartialDate | None, day: dt.date) -> bool:
    """Whether a hub's focus on a sector covers ``day`` (open ends count as open)."""
    if since is not None and since.first_day > day:
        return False
    return until is None or day <= until.last_day


def _hub_document(
    summary: Document, hub: Hub, memberships: list[Document], registry: Registry, day: dt.date
) -> Document:
    history = []
    for span in hub.sectors:
        sector = registry.sectors.get(span.sector)
        history.append(
            {
                "sector": span.sector,
                "name": sector.name if sector is not None else None,
                "name_de": sector.name_de if sector is not None else None,
                "since": _date(span.since),
                "until": _date(span.until),
                "active": _span_active(span.since, span.until, day),
            }
        )
    return {
        **summary,
        "website": hub.website,
        "description": hub.description,
        "sector_history": history,
        "memberships": [dict(membership) for membership in memberships],
        "sources": _sources(hub.sources),
    }


def _sectors(registry: Registry, hubs: dict[str, Hub], orgs: dict[str, Org]) -> list[Document]:
    hubs_ever: dict[str, list[str]] = {}
    for hub_id, hub in hubs.items():
        for sector_id in hub_sectors_on(hub, None):
            hubs_ever.setdefault(sector_id, []).append(hub_id)
    organisations: dict[str, int] = {}
    for org in orgs.values():
        for sector_id in dict.fromkeys(org.sectors):
            organisations[sector_id] = organisations.get(sector_id, 0) + 1
    return [
        {
            "id": sector_id,
            "name": sector.name,
            "name_de": sector.name_de,
            "aliases": list(sector.aliases),
            "hubs": hubs_ever.get(sector_id, []),
            "organisations": organisations.get(sector_id, 0),
        }
        for sector_id, sector in registry.sectors.items()
    ]


_TYPE_ORDER = {kind: index for index, kind in enumerate(CHANGE_TYPES)}


def _changes(
    membership: Membership, document: Document, day: dt.date
) -> list[tuple[_ChangeOrder, Document]]:
    """The start and end of one membership that took effect by ``day``, with a sort key.

    A start counts from its first day, an end up to its last: the change is listed once
    the counts show it. An unknown start gives no change.
    """
    start, end = membership.start, membership.end
    if start is None:
        return []
    found = []
    first = start.first_day
    if first <= day:
        kind = "joined" if document["start_stated"] else "first_recorded"
        found.append((first, document["start"], kind))
    if end is not None:
        last = end.last_day
        if last <= day:
            kind = "left" if document["end_stated"] else "last_recorded"
            found.append((last, document["end"], kind))
    result = []
    for effective, written, kind in found:
        change = {
            "date": written,
            "type": kind,
            "org": document["org"],
            "org_name": document["org_name"],
            "hub": document["hub"],
            "hub_name": document["hub_name"],
            "role": document["role"],
        }
        result.append(((effective.toordinal(), len(written), written, _TYPE_ORDER[kind]), change))
    return result


def _first_of_change(item: tuple[_ChangeOrder, Document]) -> _ChangeOrder:
    return item[0]


def _initiative(initiative: Initiative | None) -> Document | None:
    if initiative is None:
        return None
    published = sorted(initiative.published, key=lambda figure: figure.date.last_day)
    return {
        "name": initiative.name,
        "short_name": initiative.short_name,
        "launched": _date(initiative.launched),
        "website": initiative.website,
        "description": initiative.description,
        "published": [
            {
                "date": str(figure.date),
                "figures": dict(figure.figures),
                "qualifiers": dict(figure.qualifiers),
                "text": figure.text,
                "sources": _sources(figure.sources),
            }
            for figure in published
        ],
        "sources": _sources(initiative.sources),
    }


def _index(
    registry: Registry,
    today: dt.date,
    commit: str | None,
    license: str | None,
    source: str | None,
    counts: dict[str, int],
) -> Document:
    initiative = registry.initiative
    name = (initiative.short_name or initiative.name) if initiative is not None else "dehub"
    return {
        "schema_version": SCHEMA_VERSION,
        "title": f"{name} registry",
        "as_of": today.isoformat(),
        "commit": commit,
        "license": license,
        "source": source,
        "counts": counts,
        "documents": dict(DOCUMENT_PATHS),
    }


__all__ = [
    "CHANGE_TYPES",
    "DOCUMENT_PATHS",
    "SCHEMA_VERSION",
    "Dataset",
    "build_dataset",
    "hub_laender",
]
