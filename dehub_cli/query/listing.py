"""Answers of ``dehub list``: filters, sorting and the result model. Pure.

Filters take ids already resolved (a sector id, a hub id, an ``OrgKind``; see
:mod:`dehub_cli.query.resolve`); a day of ``None`` means "all time" (``--all``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dehub_cli.dates import earliest, start_order
from dehub_cli.entries import MembershipEntry
from dehub_cli.errors import UnknownSortKey
from dehub_cli.kinds import OrgKind, Role
from dehub_cli.registry import Registry, hub_sectors_on, membership_active
from dehub_cli.render import Column, Section, Table
from dehub_cli.textnorm import did_you_mean, fold, fold_key, folds, quoted

HUB_COLUMNS = [
    Column("id", "ID", kind="id"),
    Column("name", "Name"),
    Column("cities", "Cities", drop=2),
    Column("sectors", "Sectors", kind="id", drop=3),
    Column("members", "Members", numeric=True),
    Column("operators", "Operators", kind="id", drop=1),
]
ORG_COLUMNS = [
    Column("id", "ID", kind="id"),
    Column("name", "Name"),
    Column("kind", "Kind", kind="id"),
    Column("city", "City", drop=3),
    Column("hubs", "Hubs", kind="id", drop=2),
    Column("sectors", "Sectors", kind="id", drop=4),
    Column("since", "Member since", kind="date", drop=1, short="Since"),
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
        from dehub_cli.textnorm import plural

        counted = plural(self.total, "hub" if self.what == "hubs" else "organisation")
        if len(self.rows) != self.total:
            counted = f"{len(self.rows):,} of {counted}"
        when = f"as of {self.day.isoformat()}" if self.day is not None else "all time"
        return [Table(self.columns, self.rows, caption=f"{counted}, {when}")]


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
    ordinal = day.toordinal() if day is not None else None
    city = _search_keys(query.city)
    needle = _needles(query.search)
    wanted_hub, wanted_role = query.hub, query.role
    needs_membership = day is not None or wanted_hub is not None or wanted_role is not None
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
        memberships = org.memberships
        matching = memberships
        if needs_membership:  # the day ordinals of the compact entries, compared inline
            matching = tuple(
                membership
                for membership in memberships
                if (wanted_hub is None or membership.hub == wanted_hub)
                and (wanted_role is None or membership.role is wanted_role)
                and (ordinal is None or membership.start_day <= ordinal <= membership.end_day)
            )
            if not matching:
                continue
        since = matching[0].start if len(matching) == 1 else earliest(m.start for m in matching)
        rows.append(
            {
                "id": org_id,
                "name": org.name,
                "kind": org.kind.value,
                "city": org.city,
                "hubs": _hubs_of(memberships, ordinal),
                "sectors": list(org.sectors),
                "since": str(since) if since is not None else None,
            }
        )
    return RecordList("orgs", ORG_COLUMNS, rows, day, len(rows))


def _hubs_of(memberships: Sequence[MembershipEntry], ordinal: int | None) -> list[str]:
    """The hubs of ``memberships`` active on the day ``ordinal`` (all when None), earliest
    membership first."""
    if len(memberships) == 1:
        only = memberships[0]
        active = ordinal is None or only.start_day <= ordinal <= only.end_day
        return [only.hub] if active else []
    hubs: list[str] = []
    for membership in sorted(memberships, key=lambda m: start_order(m.start)):
        if ordinal is not None and not membership.start_day <= ordinal <= membership.end_day:
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
        f"cannot sort by {quoted(text)}",
        f"did you mean {quoted(hint)}?" if hint else f"sort by one of: {', '.join(labels)}",
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
