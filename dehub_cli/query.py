"""Answers of ``dehub list`` and ``dehub show``: filters, sorting and result models. Pure.

Filters take ids already resolved by the CLI (a sector id, a hub id, an ``OrgKind``);
a day of ``None`` means "all time" (``--all``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from dehub_cli.dates import PartialDate
from dehub_cli.errors import DehubError
from dehub_cli.models import Hub, Membership, Org, OrgKind, Role, Source
from dehub_cli.registry import Registry, hub_sectors_on, membership_active
from dehub_cli.render import Column, Section, Table
from dehub_cli.textnorm import did_you_mean, fold, fold_key, folds, normalise_name


class QueryError(DehubError):
    """A query the registry cannot answer as asked (the CLI turns it into exit 2)."""


class UnknownSortKey(QueryError):
    """``--sort`` names no column."""


class UnknownRecord(QueryError):
    """``show`` was given text that names no hub or organisation."""


HUB_COLUMNS = [
    Column("id", "ID"),
    Column("name", "Name"),
    Column("cities", "Cities"),
    Column("sectors", "Sectors"),
    Column("members", "Members", numeric=True),
    Column("operators", "Operators"),
]
ORG_COLUMNS = [
    Column("id", "ID"),
    Column("name", "Name"),
    Column("kind", "Kind"),
    Column("city", "City"),
    Column("hubs", "Hubs"),
    Column("sectors", "Sectors"),
    Column("since", "Member since"),
]
_SORT_ALIASES = {
    "city": "cities",
    "sector": "sectors",
    "hub": "hubs",
    "member": "members",
    "operator": "operators",
    "membersince": "since",
}


@dataclass(frozen=True, slots=True)
class HubQuery:
    """Filters of ``dehub list hubs``; ``day`` None = all time."""

    day: dt.date | None
    sector: str | None = None
    city: str | None = None
    search: str | None = None


@dataclass(frozen=True, slots=True)
class OrgQuery:
    """Filters of ``dehub list orgs``; ``hub``, ``role`` and ``day`` apply to one membership."""

    day: dt.date | None
    sector: str | None = None
    city: str | None = None
    kind: OrgKind | None = None
    hub: str | None = None
    role: Role | None = None
    search: str | None = None


@dataclass
class RecordList:
    """Rows of ``dehub list``: plain values under fixed keys, ``id`` first."""

    what: Literal["hubs", "orgs"]
    columns: list[Column]
    rows: list[dict[str, Any]]
    day: dt.date | None
    total: int = 0
    """Rows before ``--limit``."""

    def to_data(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.rows]

    def tables(self) -> list[Table | Section]:
        noun = "hubs" if self.what == "hubs" else "organisations"
        when = f"as of {self.day.isoformat()}" if self.day is not None else "all time"
        shown = f"{len(self.rows)} of {self.total}" if len(self.rows) != self.total else self.total
        return [Table(self.columns, self.rows, caption=f"{shown} {noun}, {when}")]


def _search_keys(text: str | None) -> str | None:
    return fold_key(text) if text else None


def _needles(text: str | None) -> tuple[str, ...] | None:
    """``--search`` text folded with umlauts as ``ue`` and as ``u`` (``nürn``, ``nurn``)."""
    if not text:
        return None
    return tuple(variant.key for variant in folds(text))


def _contains(needles: tuple[str, ...], *haystacks: str | None) -> bool:
    for text in haystacks:
        if not text:
            continue
        keys = [variant.key for variant in folds(text)] if not text.isascii() else [fold_key(text)]
        if any(needle in key for needle in needles for key in keys):
            return True
    return False


def list_hubs(registry: Registry, query: HubQuery) -> RecordList:
    """Hubs matching ``query``: on a day, their sectors then and their members then."""
    day = query.day
    city = _search_keys(query.city)
    needle = _needles(query.search)
    members = _member_counts(registry, day)
    rows = []
    for hub_id, hub in registry.hubs.items():
        if day is not None and hub.announced.first_day > day:
            continue
        sectors = hub_sectors_on(hub, day)
        if query.sector is not None and query.sector not in sectors:
            continue
        if city is not None and not any(fold_key(name) == city for name in hub.city_names):
            continue
        if needle is not None and not _contains(needle, hub_id, hub.name, *hub.city_names):
            continue
        rows.append(
            {
                "id": hub_id,
                "name": hub.name,
                "cities": list(hub.city_names),
                "sectors": sectors,
                "members": members.get(hub_id, 0),
                "operators": registry.operators(hub_id, day),
            }
        )
    return RecordList("hubs", HUB_COLUMNS, rows, day, len(rows))


def _member_counts(registry: Registry, day: dt.date | None) -> dict[str, int]:
    """Distinct organisations per hub with a membership active on ``day`` (any, if None)."""
    counts: dict[str, int] = {}
    for hub_id, links in registry.members_by_hub.items():
        counts[hub_id] = len(
            {org_id for org_id, m in links if day is None or membership_active(m, day)}
        )
    return counts


def list_orgs(registry: Registry, query: OrgQuery) -> RecordList:
    """Organisations matching ``query``; see :class:`OrgQuery`."""
    day = query.day
    city = _search_keys(query.city)
    needle = _needles(query.search)
    needs_membership = day is not None or query.hub is not None or query.role is not None
    rows = []
    for org_id, org in registry.orgs.items():
        if query.kind is not None and org.kind is not query.kind:
            continue
        if query.sector is not None and query.sector not in org.sectors:
            continue
        if city is not None and (org.city is None or fold_key(org.city) != city):
            continue
        if needle is not None and not _contains(needle, org_id, org.name, org.city):
            continue
        matching = [m for m in org.memberships if _membership_matches(m, query)]
        if needs_membership and not matching:
            continue
        since = _earliest(m.start for m in matching)
        rows.append(
            {
                "id": org_id,
                "name": org.name,
                "kind": org.kind.value,
                "city": org.city,
                "hubs": _hubs_of(org, day),
                "sectors": list(org.sectors),
                "since": str(since) if since is not None else None,
            }
        )
    return RecordList("orgs", ORG_COLUMNS, rows, day, len(rows))


def _membership_matches(membership: Membership, query: OrgQuery) -> bool:
    if query.hub is not None and membership.hub != query.hub:
        return False
    if query.role is not None and membership.role is not query.role:
        return False
    return query.day is None or membership_active(membership, query.day)


def _date_order(date: PartialDate) -> tuple[int, int, int]:
    """Earliest first; a year alone before a month of it, a month before its days."""
    return date.year, date.month or 0, date.day or 0


def _start_order(date: PartialDate | None) -> tuple[int, int, int]:
    """Like :func:`_date_order`, with an unknown start after every known one."""
    return _date_order(date) if date is not None else (10_000, 0, 0)


def _earliest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    """The earliest known date, or ``None`` when none is known."""
    return min((date for date in dates if date is not None), key=_date_order, default=None)


def _hubs_of(org: Org, day: dt.date | None) -> list[str]:
    """The org's hubs on ``day`` (all it ever had when None), earliest membership first."""
    hubs: list[str] = []
    memberships = org.memberships
    if len(memberships) > 1:
        memberships = sorted(memberships, key=lambda m: _start_order(m.start))
    for membership in memberships:
        if day is not None and not membership_active(membership, day):
            continue
        if membership.hub not in hubs:
            hubs.append(membership.hub)
    return hubs


def sort_key_of(columns: Sequence[Column], text: str) -> tuple[Column, bool]:
    """The column ``--sort`` names and whether a leading ``-`` reverses the order."""
    descending = text.startswith("-")
    wanted = fold_key(text.lstrip("-+"))
    for name in (wanted, _SORT_ALIASES.get(wanted)):
        for column in columns:
            if name in (column.key, fold_key(column.header)):
                return column, descending
    labels = [column.key for column in columns]
    hint = did_you_mean(text.lstrip("-+"), labels)
    raise UnknownSortKey(
        f"cannot sort by '{text}'",
        f"did you mean '{hint}'?" if hint else f"sort by one of: {', '.join(labels)}",
    )


def sort_rows(rows: list[dict[str, Any]], column: Column, reverse: bool) -> list[dict[str, Any]]:
    """Rows by ``column``: numbers largest first, text A-Z, dates earliest first; empty last.

    ``reverse`` flips that order; ties keep id order.
    """
    key = column.key
    present = [row for row in rows if row.get(key) not in (None, "", [])]
    missing = [row for row in rows if row.get(key) in (None, "", [])]
    present.sort(key=lambda row: str(row["id"]))
    missing.sort(key=lambda row: str(row["id"]))
    if column.numeric:
        present.sort(key=lambda row: row[key], reverse=not reverse)
    else:
        present.sort(key=lambda row: _text_order(row[key]), reverse=reverse)
    return present + missing


def _text_order(value: Any) -> str:
    if isinstance(value, list):
        return "\x00".join(fold(str(item)) for item in value)
    return fold(str(value))


def apply_sort_and_limit(result: RecordList, sort: str | None, limit: int | None) -> RecordList:
    """``result`` sorted by ``sort`` (default: id) and cut to ``limit`` rows."""
    rows = result.rows
    if sort is not None:
        column, reverse = sort_key_of(result.columns, sort)
        rows = sort_rows(rows, column, reverse)
    else:
        rows = sorted(rows, key=lambda row: str(row["id"]))
    total = len(rows)
    if limit is not None:
        rows = rows[:limit]
    return RecordList(result.what, result.columns, rows, result.day, total)


# --- show ---------------------------------------------------------------------------------


def _text(value: PartialDate | None) -> str | None:
    return str(value) if value is not None else None


def _sources(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [
        {"url": source.url, "title": source.title, "date": _text(source.date)} for source in sources
    ]


_SOURCE_COLUMNS = [Column("date", "Date"), Column("title", "Title"), Column("url", "URL")]
_KIND_ORDER = {kind: index for index, kind in enumerate(OrgKind)}


@dataclass
class HubDetail:
    """Everything ``dehub show`` tells about one hub on one day."""

    hub_id: str
    hub: Hub
    day: dt.date
    sector_names: dict[str, str]
    operators: list[dict[str, str]]
    members: list[dict[str, Any]]
    """Current members: ``{id, name, kind, roles, since}``, grouped by kind then name."""
    former_members: int

    def to_data(self) -> dict[str, Any]:
        hub = self.hub
        by_kind: dict[str, list[dict[str, str]]] = {}
        for row in self.members:
            by_kind.setdefault(row["kind"], []).append({"id": row["id"], "name": row["name"]})
        return {
            "id": self.hub_id,
            "type": "hub",
            "name": hub.name,
            "cities": list(hub.city_names),
            "announced": str(hub.announced),
            "website": hub.website,
            "description": hub.description,
            "as_of": self.day.isoformat(),
            "sectors": [
                {"sector": span.sector, "since": _text(span.since), "until": _text(span.until)}
                for span in hub.sectors
            ],
            "twins": list(hub.twins),
            "operators": self.operators,
            "current_members": len(self.members),
            "members_by_kind": by_kind,
            "former_members": self.former_members,
            "sources": _sources(hub.sources),
        }

    def tables(self) -> list[Table | Section]:
        hub = self.hub
        facts: list[tuple[str, Any]] = [
            ("id", self.hub_id),
            ("name", hub.name),
            ("cities", list(hub.city_names)),
            ("announced", str(hub.announced)),
            ("twins", list(hub.twins)),
            ("operators", [f"{op['name']} ({op['id']})" for op in self.operators]),
            ("current members", len(self.members)),
            ("former members", self.former_members),
            ("as of", self.day.isoformat()),
        ]
        if hub.website:
            facts.append(("website", hub.website))
        if hub.description:
            facts.append(("description", hub.description))
        sectors = [
            {
                "sector": span.sector,
                "name": self.sector_names.get(span.sector, ""),
                "since": _text(span.since),
                "until": _text(span.until),
            }
            for span in hub.sectors
        ]
        return [
            Section(f"Hub {self.hub_id}", facts),
            Table(
                [
                    Column("kind", "Kind"),
                    Column("id", "ID"),
                    Column("name", "Name"),
                    Column("roles", "Roles"),
                    Column("since", "Since"),
                ],
                self.members,
                title=f"Current members ({len(self.members)})",
            ),
            Table(
                [
                    Column("sector", "Sector"),
                    Column("name", "Name"),
                    Column("since", "Since"),
                    Column("until", "Until"),
                ],
                sectors,
                title="Sectors over time",
            ),
            Table(_SOURCE_COLUMNS, _sources(hub.sources), title="Sources"),
        ]


@dataclass
class OrgDetail:
    """Everything ``dehub show`` tells about one organisation on one day."""

    org_id: str
    org: Org
    day: dt.date
    memberships: list[dict[str, Any]] = field(default_factory=list)
    """The timeline: ``{hub, hub_name, role, since, until, active}`` by ``since``."""

    @property
    def hubs(self) -> list[str]:
        result: list[str] = []
        for row in self.memberships:
            if row["active"] and row["hub"] not in result:
                result.append(row["hub"])
        return result

    def to_data(self) -> dict[str, Any]:
        org = self.org
        return {
            "id": self.org_id,
            "type": "org",
            "name": org.name,
            "kind": org.kind.value,
            "city": org.city,
            "founded": org.founded,
            "website": org.website,
            "description": org.description,
            "sectors": list(org.sectors),
            "as_of": self.day.isoformat(),
            "memberships": [dict(row) for row in self.memberships],
            "hubs": self.hubs,
            "sources": _sources(org.sources),
        }

    def tables(self) -> list[Table | Section]:
        org = self.org
        facts: list[tuple[str, Any]] = [
            ("id", self.org_id),
            ("name", org.name),
            ("kind", org.kind.value),
            ("city", org.city),
            ("founded", org.founded),
            ("sectors", list(org.sectors)),
            ("hubs", self.hubs),
            ("as of", self.day.isoformat()),
        ]
        if org.website:
            facts.append(("website", org.website))
        if org.description:
            facts.append(("description", org.description))
        return [
            Section(f"Organisation {self.org_id}", facts),
            Table(
                [
                    Column("hub", "Hub"),
                    Column("hub_name", "Hub name"),
                    Column("role", "Role"),
                    Column("since", "Since"),
                    Column("until", "Until"),
                    Column("active", "Active"),
                ],
                self.memberships,
                title="Memberships",
            ),
            Table(_SOURCE_COLUMNS, _sources(org.sources), title="Sources"),
        ]


def hub_detail(registry: Registry, hub_id: str, day: dt.date) -> HubDetail:
    """The hub ``hub_id`` with its members, operators and former members on ``day``."""
    hub = registry.hubs[hub_id]
    current: dict[str, list[Membership]] = {}
    past: set[str] = set()
    for org_id, membership in registry.members_by_hub.get(hub_id, ()):
        if membership_active(membership, day):
            current.setdefault(org_id, []).append(membership)
        elif membership.start is not None and membership.start.first_day <= day:
            past.add(org_id)
    members: list[dict[str, Any]] = []
    for org_id, links in current.items():
        org = registry.orgs[org_id]
        roles: list[str] = []
        for membership in links:
            if membership.role.value not in roles:
                roles.append(membership.role.value)
        since = _earliest(m.start for m in links)
        members.append(
            {
                "kind": org.kind.value,
                "id": org_id,
                "name": org.name,
                "roles": roles,
                "since": _text(since),
            }
        )
    members.sort(key=lambda row: (_KIND_ORDER[OrgKind(row["kind"])], fold(row["name"]), row["id"]))
    operators = [
        {"id": org_id, "name": registry.orgs[org_id].name}
        for org_id in registry.operators(hub_id, day)
    ]
    sector_names = {sector_id: sector.name for sector_id, sector in registry.sectors.items()}
    return HubDetail(hub_id, hub, day, sector_names, operators, members, len(past - set(current)))


def org_detail(registry: Registry, org_id: str, day: dt.date) -> OrgDetail:
    """The organisation ``org_id`` with its membership timeline."""
    org = registry.orgs[org_id]
    timeline = sorted(org.memberships, key=lambda m: (_start_order(m.start), m.hub))
    rows = []
    for membership in timeline:
        hub = registry.hubs.get(membership.hub)
        rows.append(
            {
                "hub": membership.hub,
                "hub_name": hub.name if hub is not None else None,
                "role": membership.role.value,
                "since": _text(membership.start),
                "since_stated": membership.start_stated if membership.start else None,
                "until": _text(membership.end),
                "until_stated": membership.end_stated if membership.end else None,
                "active": membership_active(membership, day),
            }
        )
    return OrgDetail(org_id, org, day, rows)


RecordType = Literal["hub", "org"]


def resolve_record(registry: Registry, text: str) -> tuple[RecordType, str]:
    """The hub or organisation ``text`` names: an exact id, a hub's name or city, an org's name."""
    wanted = text.strip()
    for candidate in (wanted, wanted.lower()):
        if candidate in registry.hubs:
            return "hub", candidate
        if candidate in registry.orgs:
            return "org", candidate
    hub_id = registry.find_hub(wanted)
    if hub_id is not None:
        return "hub", hub_id
    key = normalise_name(wanted)
    if key:
        named = [org_id for org_id, org in registry.orgs.items() if normalise_name(org.name) == key]
        if len(named) == 1:
            return "org", named[0]
    candidates = [*registry.hubs, *registry.orgs]
    candidates += [hub.name for hub in registry.hubs.values()]
    candidates += [org.name for org in registry.orgs.values()]
    match = did_you_mean(wanted, candidates)
    raise UnknownRecord(
        f"no hub or organisation '{text}'",
        f"did you mean '{match}'?" if match else "try: dehub search " + wanted,
    )
