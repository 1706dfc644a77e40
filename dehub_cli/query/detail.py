"""Answers of ``dehub show``: one hub or organisation in full, on one day. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dehub_cli.dates import PartialDate, start_order
from dehub_cli.entries import MembershipEntry
from dehub_cli.models import Hub, Org, OrgKind, Source
from dehub_cli.registry import Registry, membership_active
from dehub_cli.render import Column, Section, Table
from dehub_cli.textnorm import fold


def _text(value: PartialDate | None) -> str | None:
    return str(value) if value is not None else None


def _sources(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [
        {"url": source.url, "title": source.title, "date": _text(source.date)} for source in sources
    ]


_SOURCE_COLUMNS = [
    Column("date", "Date", kind="date"),
    Column("title", "Title"),
    Column("url", "URL", kind="url"),
]
_KIND_ORDER = {kind: index for index, kind in enumerate(OrgKind)}
NONE_RECORDED = "none recorded"
"""What ``show`` says where the sources name no operator."""


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
            "laender": list(hub.laender),
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
            ("cities", list(hub.city_names) or NONE_RECORDED),
            *([("Länder", list(hub.laender))] if hub.laender else []),
            ("announced", str(hub.announced)),
            ("twins", list(hub.twins) or "none"),
            ("operators", [f"{op['name']} ({op['id']})" for op in self.operators] or NONE_RECORDED),
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
                    Column("kind", "Kind", kind="id"),
                    Column("id", "ID", kind="id"),
                    Column("name", "Name"),
                    Column("roles", "Roles", kind="id", drop=2),
                    Column("since", "Since", kind="date", drop=1),
                ],
                [
                    {**row, "since": dated(row["since"], row["since_stated"])}
                    for row in self.members
                ],
                title=f"Current members ({len(self.members)})",
            ),
            Table(
                [
                    Column("sector", "Sector", kind="id"),
                    Column("name", "Name", drop=1),
                    Column("since", "Since", kind="date"),
                    Column("until", "Until", kind="date"),
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
    """The timeline by start: ``{hub, hub_name, role, since, since_stated, until,
    until_stated, active, sources}``; ``*_stated`` is false for a first or last recorded
    date and ``None`` when there is no date."""

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
        timeline = [
            {
                **row,
                "since": dated(row["since"], row["since_stated"]),
                "until": dated(row["until"], row["until_stated"], end=True),
                "sources": len(row["sources"]) or "",
            }
            for row in self.memberships
        ]
        sources = _sources(org.sources) + [
            source
            for row in self.memberships
            for source in row["sources"]
            if source["url"] not in {item.url for item in org.sources}
        ]
        return [
            Section(f"Organisation {self.org_id}", facts),
            Table(
                [
                    Column("hub", "Hub", kind="id"),
                    Column("hub_name", "Hub name", drop=2),
                    Column("role", "Role", kind="id"),
                    Column("since", "Since", kind="date"),
                    Column("until", "Until", kind="date"),
                    Column("active", "Active", kind="id", drop=1),
                    Column("sources", "Sources", numeric=True, drop=3),
                ],
                timeline,
                title="Memberships",
                caption=RECORDED_NOTE if any(_recorded(row) for row in self.memberships) else None,
            ),
            Table(_SOURCE_COLUMNS, list({s["url"]: s for s in sources}.values()), title="Sources"),
        ]


def hub_detail(registry: Registry, hub_id: str, day: dt.date) -> HubDetail:
    """The hub ``hub_id`` with its members, operators and former members on ``day``."""
    hub = registry.hubs[hub_id]
    current: dict[str, list[MembershipEntry]] = {}
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
        first = min(links, key=lambda m: start_order(m.start))
        members.append(
            {
                "kind": org.kind.value,
                "id": org_id,
                "name": org.name,
                "roles": roles,
                "since": _text(first.start),
                "since_stated": first.start_stated if first.start else None,
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
    org = registry.org_record(org_id)
    timeline = sorted(org.memberships, key=lambda m: (start_order(m.start), m.hub))
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
                "sources": _sources(membership.sources),
            }
        )
    return OrgDetail(org_id, org, day, rows)


RECORDED_NOTE = (
    "A date marked 'first recorded' or 'last recorded' is the earliest or latest source that "
    "shows the membership, not a stated start or end."
)


def _recorded(row: dict[str, Any]) -> bool:
    return row["since_stated"] is False or row["until_stated"] is False


def dated(date: str | None, stated: bool | None, *, end: bool = False) -> str:
    """A date for people: as written when a source states it, else marked as recorded.

    ``2017-06``, ``2019 (first recorded)``, ``2018-07 (last recorded)``, and ``unknown``
    for a start no dated source gives.
    """
    if date is None:
        return "" if end else "unknown"
    if stated:
        return date
    return f"{date} ({'last' if end else 'first'} recorded)"
