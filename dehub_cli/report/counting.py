"""Counting the registry: organisations per group on a day, per year, and changes over a span.

The rules (see ``docs/REPORT.md``): an organisation counts on day D if at least one of its
memberships is active on D (``since`` first day <= D <= ``until`` last day, no ``until`` =
open). It counts once in the totals, once in each hub it is active in and once under each of
its own sectors. Every role counts. A hub is active on D once its ``announced`` first day is
<= D. Pure: no I/O; each day asked costs one pass over the memberships.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dehub_cli.entries import OPEN_DAY, OrgEntry
from dehub_cli.kinds import OrgKind
from dehub_cli.registry import hub_sectors_on

if TYPE_CHECKING:
    from dehub_cli.registry import Registry

GROUPS: tuple[str, ...] = (
    "startups",
    "companies",
    "universities",
    "research",
    "investors",
    "others",
    "organisations",
)
"""The group keys, in report order; ``organisations`` is every distinct organisation."""

KIND_GROUP: Mapping[OrgKind, str] = {
    OrgKind.STARTUP: "startups",
    OrgKind.SME: "companies",
    OrgKind.CORPORATE: "companies",
    OrgKind.UNIVERSITY: "universities",
    OrgKind.RESEARCH: "research",
    OrgKind.INVESTOR: "investors",
    OrgKind.ACCELERATOR: "others",
    OrgKind.ASSOCIATION: "others",
    OrgKind.PUBLIC: "others",
}
"""The group each kind of organisation is counted in (besides ``organisations``)."""

_GROUP_INDEX = {group: index for index, group in enumerate(GROUPS)}
_ORGANISATIONS = _GROUP_INDEX["organisations"]


@dataclass(frozen=True, slots=True)
class Counts:
    """Distinct organisations per group on one day."""

    startups: int = 0
    companies: int = 0
    universities: int = 0
    research: int = 0
    investors: int = 0
    others: int = 0
    organisations: int = 0

    def as_dict(self) -> dict[str, int]:
        """``{group: count}`` in :data:`GROUPS` order."""
        return {name: getattr(self, name) for name in GROUPS}

    def __getitem__(self, group: str) -> int:
        if group not in _GROUP_INDEX:
            raise KeyError(group)
        value: int = getattr(self, group)
        return value

    @classmethod
    def from_list(cls, values: list[int]) -> Counts:
        return cls(*values)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything counted on one day: totals, one row per hub, one per sector."""

    day: dt.date
    hubs_active: int
    """Hubs announced on or before ``day`` (in scope of the hub or sector filter)."""
    totals: Counts
    by_hub: dict[str, Counts]
    """Hubs in scope that were active on ``day`` or had members then, in registry order."""
    by_sector: dict[str, Counts]
    """Every sector of the vocabulary (or the one asked), then unknown ids orgs name."""


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of the yearly series, counted on 31 December (or today for this year)."""

    year: int
    day: dt.date
    hubs_active: int
    counts: Counts
    joined: int
    """Organisations counted on ``day`` but not on the previous year's day, by a stated start."""
    left: int
    """Organisations counted on the previous year's day but not on ``day``, by a stated end."""
    first_recorded: int = 0
    """Organisations counted from this year on whose start no source states (``first_seen``)."""
    last_recorded: int = 0
    """Organisations no longer counted whose end no source states (``last_seen``)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One organisation joining or leaving one hub."""

    org_id: str
    name: str
    kind: OrgKind
    date: str
    """The start or end as written: ``2018``, ``2018-04``, ``2018-04-21``."""
    stated: bool = True
    """A source states it (``since``/``until``); else only first or last recorded."""


@dataclass(frozen=True, slots=True)
class HubChanges:
    """Who joined and who left one hub in a span."""

    hub_id: str
    joined: tuple[Change, ...]
    """Stated starts (``since``) and first records (``first_seen``) in the span."""
    left: tuple[Change, ...]
    """Stated ends (``until``) and last records (``last_seen``) in the span."""


@dataclass(frozen=True, slots=True)
class Changes:
    """Joins and leaves per hub between ``start`` and ``end`` (both included)."""

    start: dt.date
    end: dt.date
    hubs: tuple[HubChanges, ...]

    @property
    def joined_orgs(self) -> set[str]:
        """Distinct organisations that joined some hub in the span (a stated start)."""
        return {change.org_id for hub in self.hubs for change in hub.joined if change.stated}

    @property
    def first_recorded_orgs(self) -> set[str]:
        """Distinct organisations first recorded in some hub in the span, and joined in none."""
        first = {change.org_id for hub in self.hubs for change in hub.joined if not change.stated}
        return first - self.joined_orgs

    @property
    def left_orgs(self) -> set[str]:
        """Distinct organisations that left some hub in the span (a stated end)."""
        return {change.org_id for hub in self.hubs for change in hub.left if change.stated}

    @property
    def last_recorded_orgs(self) -> set[str]:
        """Distinct organisations last recorded in some hub in the span, and left none."""
        last = {change.org_id for hub in self.hubs for change in hub.left if not change.stated}
        return last - self.left_orgs


_KIND_INDEX = {kind: _GROUP_INDEX[group] for kind, group in KIND_GROUP.items()}
"""Each kind's column among :data:`GROUPS`."""


@dataclass
class Census:
    """The registry prepared for counting, built once.

    Each membership's first and last active day are day ordinals in its compact entry
    (:class:`~dehub_cli.entries.MembershipEntry`), so a day asked costs one pass over the
    memberships, and the yearly series one pass in all (each membership marks the years
    it covers); nothing is copied per organisation.
    """

    registry: Registry
    announced: dict[str, int] = field(default_factory=dict)
    """Hub id -> ordinal of the announcement's first day."""

    @classmethod
    def of(cls, registry: Registry) -> Census:
        announced = {
            hub_id: hub.announced.first_day.toordinal() for hub_id, hub in registry.hubs.items()
        }
        return cls(registry, announced)

    def _in_scope(self, sector: str | None) -> Iterable[tuple[str, OrgEntry]]:
        orgs = self.registry.orgs.items()
        if sector is None:
            return orgs
        return ((org_id, org) for org_id, org in orgs if sector in org.sectors)

    def _hubs_active(self, day: dt.date, hub: str | None, sector: str | None) -> list[str]:
        ordinal = day.toordinal()
        active = []
        for hub_id, announced in self.announced.items():
            if announced > ordinal or (hub is not None and hub_id != hub):
                continue
            if sector is not None and sector not in hub_sectors_on(self.registry.hubs[hub_id], day):
                continue
            active.append(hub_id)
        return active

    def hubs_active(self, day: dt.date, hub: str | None = None, sector: str | None = None) -> int:
        """Hubs announced by ``day`` (with ``sector``: whose focus on ``day`` includes it)."""
        return len(self._hubs_active(day, hub, sector))

    def _active_entries(
        self, day: dt.date, hub: str | None, sector: str | None
    ) -> Iterator[tuple[str, OrgEntry, Collection[str]]]:
        """Each organisation counted on ``day`` (id, entry) with the hubs it is active in."""
        ordinal = day.toordinal()
        for org_id, org in self._in_scope(sector):
            if len(org.memberships) == 1:  # most organisations: no set needed
                only = org.memberships[0]
                if only.start_day <= ordinal <= only.end_day and (hub is None or only.hub == hub):
                    yield org_id, org, (only.hub,)
                continue
            hubs_on = {
                membership.hub
                for membership in org.memberships
                if membership.start_day <= ordinal <= membership.end_day
                and (hub is None or membership.hub == hub)
            }
            if hubs_on:
                yield org_id, org, hubs_on

    def active_orgs(
        self, day: dt.date, hub: str | None = None, sector: str | None = None
    ) -> set[str]:
        """Ids of the organisations counted on ``day``."""
        return {org_id for org_id, _, _ in self._active_entries(day, hub, sector)}

    def counts_on(self, day: dt.date, hub: str | None = None, sector: str | None = None) -> Counts:
        """Distinct organisations per group on ``day``."""
        values = [0] * len(GROUPS)
        for _, org, _ in self._active_entries(day, hub, sector):
            values[_KIND_INDEX[org.kind]] += 1
            values[_ORGANISATIONS] += 1
        return Counts.from_list(values)

    def snapshot(self, day: dt.date, hub: str | None = None, sector: str | None = None) -> Snapshot:
        """Totals, hub rows and sector rows on ``day``, in one pass."""
        tally = _Tally(self, day, hub, sector)
        for _, org, hubs_on in self._active_entries(day, hub, sector):
            tally.add(org, hubs_on if type(hubs_on) is tuple else tuple(hubs_on))
        return tally.snapshot()

    def first_year(self, hub: str | None = None, sector: str | None = None) -> int | None:
        """The year of the earliest membership in scope, or ``None`` if there is none."""
        orgs = self._in_scope(sector)
        if hub is None:  # unknown starts are OPEN_DAY, after every known one
            first = min(
                (membership.start_day for _, org in orgs for membership in org.memberships),
                default=OPEN_DAY,
            )
        else:
            first = min(
                (
                    membership.start_day
                    for _, org in orgs
                    for membership in org.memberships
                    if membership.hub == hub
                ),
                default=OPEN_DAY,
            )
        return dt.date.fromordinal(first).year if first != OPEN_DAY else None

    def yearly(
        self, today: dt.date, hub: str | None = None, sector: str | None = None
    ) -> list[YearRow]:
        """One row per year from the registry's first membership to ``today``'s year.

        The range is the same with or without a hub or sector filter, so filtered series
        line up. ``organisations(Y) = organisations(Y-1) + joined(Y) + first_recorded(Y)
        - left(Y) - last_recorded(Y)`` holds for every row: an organisation counted from
        Y on joined if a source states the start of a membership that begins its count,
        else it was first recorded (likewise for leaving). Before the first year nobody
        is counted.
        """
        return self._yearly(today, hub, sector, None)

    def yearly_and_snapshot(
        self, today: dt.date, hub: str | None = None, sector: str | None = None
    ) -> tuple[list[YearRow], Snapshot]:
        """:meth:`yearly` and :meth:`snapshot` on ``today``, in one pass."""
        tally = _Tally(self, today, hub, sector)
        years = self._yearly(today, hub, sector, tally)
        return years, tally.snapshot() if years else self.snapshot(today, hub, sector)

    def _yearly(
        self, today: dt.date, hub: str | None, sector: str | None, tally: _Tally | None
    ) -> list[YearRow]:
        """:meth:`yearly`; with ``tally``, today's snapshot is counted on the way (the
        last of the days counted on is today)."""
        first = self.first_year()
        if first is None or first > today.year:
            return []
        days = [year_day(year, today) for year in range(first, today.year + 1)]
        ordinals = [day.toordinal() for day in days]
        last = len(days) - 1
        # Bits of an organisation: counted on days[i]; a stated start begins a count at i;
        # a stated end stops it at i. Organisations alike in all are counted together.
        masks: dict[tuple[int, int, int, int], int] = {}
        alike = tally.alike if tally is not None else {}  # today's, counted alike (_Tally.add)
        count_mask, count_alike = masks.get, alike.get
        kind_index, lows, highs = _KIND_INDEX, bisect_left, bisect_right
        counts_today = tally is not None
        for _, org in self._in_scope(sector):
            memberships = org.memberships
            if len(memberships) == 1:  # most organisations: no loop, no list
                only = memberships[0]
                if hub is not None and only.hub != hub:
                    continue
                low, high = lows(ordinals, only.start_day), highs(ordinals, only.end_day)
                if low < high:
                    key = (
                        kind_index[org.kind],
                        (1 << high) - (1 << low),
                        0 if only.since is None else 1 << low,
                        0 if only.until is None else 1 << high,
                    )
                    masks[key] = count_mask(key, 0) + 1
                    if high > last and counts_today:  # active today
                        alike_key = (org.kind, (only.hub,), org.sectors)
                        alike[alike_key] = count_alike(alike_key, 0) + 1
                continue
            mask = stated_starts = stated_ends = 0
            hubs_today: list[str] = []
            for membership in memberships:
                if hub is not None and membership.hub != hub:
                    continue
                low, high = (
                    lows(ordinals, membership.start_day),
                    highs(ordinals, membership.end_day),
                )
                if low < high:
                    mask |= (1 << high) - (1 << low)
                    if membership.since is not None:
                        stated_starts |= 1 << low
                    if membership.until is not None:
                        stated_ends |= 1 << high
                    if high > last and counts_today:  # active today
                        hubs_today.append(membership.hub)
            if mask:
                key = (kind_index[org.kind], mask, stated_starts, stated_ends)
                masks[key] = count_mask(key, 0) + 1
                if hubs_today and tally is not None:
                    tally.add(org, tuple(dict.fromkeys(hubs_today)))
        counts = [[0] * len(GROUPS) for _ in days]
        joined = [0] * len(days)
        first_recorded = [0] * len(days)
        left = [0] * len(days)
        last_recorded = [0] * len(days)
        everything = (1 << len(days)) - 1
        for (group, mask, stated_starts, stated_ends), number in masks.items():
            before = (mask << 1) & everything  # bit i: counted on days[i - 1]
            entered, exited = mask & ~before, before & ~mask
            for index in range(len(days)):
                bit = 1 << index
                if mask & bit:
                    counts[index][group] += number
                    counts[index][_ORGANISATIONS] += number
                if entered & bit:
                    (joined if stated_starts & bit else first_recorded)[index] += number
                if exited & bit:
                    (left if stated_ends & bit else last_recorded)[index] += number
        return [
            YearRow(
                year=day.year,
                day=day,
                hubs_active=len(self._hubs_active(day, hub, sector)),
                counts=Counts.from_list(counts[index]),
                joined=joined[index],
                left=left[index],
                first_recorded=first_recorded[index],
                last_recorded=last_recorded[index],
            )
            for index, day in enumerate(days)
        ]

    def changes(
        self, start: dt.date, end: dt.date, hub: str | None = None, sector: str | None = None
    ) -> Changes:
        """Per hub: memberships whose start's first day or end's last day is in the span."""
        low, high = start.toordinal(), end.toordinal()
        joined: dict[str, list[Change]] = {}
        left: dict[str, list[Change]] = {}
        for org_id, org in self._in_scope(sector):
            for membership in org.memberships:
                span_hub = membership.hub
                if hub is not None and span_hub != hub:
                    continue
                if low <= membership.start_day <= high:
                    joined.setdefault(span_hub, []).append(
                        Change(
                            org_id,
                            org.name,
                            org.kind,
                            str(membership.start),
                            membership.since is not None,
                        )
                    )
                if membership.end is not None and low <= membership.end_day <= high:
                    left.setdefault(span_hub, []).append(
                        Change(
                            org_id,
                            org.name,
                            org.kind,
                            str(membership.end),
                            membership.until is not None,
                        )
                    )
        hub_ids = [hub] if hub is not None else list(self.registry.hubs)
        hub_ids += sorted((set(joined) | set(left)) - set(hub_ids))
        return Changes(
            start=start,
            end=end,
            hubs=tuple(
                HubChanges(
                    hub_id,
                    _unique_sorted(joined.get(hub_id, ())),
                    _unique_sorted(left.get(hub_id, ())),
                )
                for hub_id in hub_ids
            ),
        )


class _Tally:
    """One day's totals, hub rows and sector rows, counted organisation by organisation."""

    def __init__(self, census: Census, day: dt.date, hub: str | None, sector: str | None) -> None:
        registry = census.registry
        self.registry, self.day = registry, day
        self.active_hubs = census._hubs_active(day, hub, sector)
        self.totals = [0] * len(GROUPS)
        self.by_hub: dict[str, list[int]] = {
            hub_id: [0] * len(GROUPS) for hub_id in self.active_hubs
        }
        if sector is not None:
            sector_ids = [sector]
        elif hub is not None and hub in registry.hubs:
            # One hub's report: its own sectors, and any other its members count under.
            sector_ids = hub_sectors_on(registry.hubs[hub], day)
        else:
            sector_ids = list(registry.sectors)
        self.by_sector: dict[str, list[int]] = {key: [0] * len(GROUPS) for key in sector_ids}
        self.alike: dict[tuple[OrgKind, tuple[str, ...], tuple[str, ...]], int] = {}
        """(kind, hubs, sectors) -> organisations so, not yet in the totals and rows."""

    def add(self, org: OrgEntry, hubs_on: tuple[str, ...]) -> None:
        """Count ``org``, active in the hubs ``hubs_on`` (distinct) on the day.

        Organisations alike in kind, hubs and sectors are counted together, and added to
        the rows in :meth:`snapshot`: one dictionary update each instead of one per row.
        """
        key = (org.kind, hubs_on, org.sectors)
        alike = self.alike
        alike[key] = alike.get(key, 0) + 1

    def _add_up(self) -> None:
        """Add the organisations counted by :meth:`add` to the totals and rows."""
        totals, by_hub, by_sector = self.totals, self.by_hub, self.by_sector
        for (kind, hubs_on, sectors), number in self.alike.items():
            group = _KIND_INDEX[kind]
            totals[group] += number
            totals[_ORGANISATIONS] += number
            for row_key in hubs_on:
                row = by_hub.get(row_key) or by_hub.setdefault(row_key, [0] * len(GROUPS))
                row[group] += number
                row[_ORGANISATIONS] += number
            for row_key in sectors if len(sectors) < 2 else dict.fromkeys(sectors):
                row = by_sector.get(row_key) or by_sector.setdefault(row_key, [0] * len(GROUPS))
                row[group] += number
                row[_ORGANISATIONS] += number
        self.alike.clear()

    def snapshot(self) -> Snapshot:
        self._add_up()
        order = {hub_id: index for index, hub_id in enumerate(self.registry.hubs)}
        hub_rows = {
            hub_id: Counts.from_list(self.by_hub[hub_id])
            for hub_id in sorted(self.by_hub, key=lambda key: (order.get(key, len(order)), key))
        }
        vocabulary = {sector_id: index for index, sector_id in enumerate(self.registry.sectors)}
        sector_rows = {
            key: Counts.from_list(self.by_sector[key])
            for key in sorted(
                self.by_sector, key=lambda key: (vocabulary.get(key, len(vocabulary)), key)
            )
        }
        return Snapshot(
            day=self.day,
            hubs_active=len(self.active_hubs),
            totals=Counts.from_list(self.totals),
            by_hub=hub_rows,
            by_sector=sector_rows,
        )


def _unique_sorted(changes: Iterable[Change]) -> tuple[Change, ...]:
    """By date, then id; one entry per organisation and date (two roles, same day)."""
    seen: dict[tuple[str, str], Change] = {}
    for change in changes:
        seen.setdefault((change.org_id, change.date), change)
    return tuple(sorted(seen.values(), key=lambda change: (change.date, change.org_id)))


def year_day(year: int, today: dt.date) -> dt.date:
    """The day a year is counted on: 31 December, or ``today`` in the current year."""
    return today if year == today.year else dt.date(year, 12, 31)


def count_on(
    registry: Registry, day: dt.date, hub: str | None = None, sector: str | None = None
) -> Counts:
    """Distinct organisations per group on ``day``, optionally in one hub or sector."""
    return Census.of(registry).counts_on(day, hub, sector)


def snapshot(
    registry: Registry, day: dt.date, hub: str | None = None, sector: str | None = None
) -> Snapshot:
    """Totals, hub rows and sector rows on ``day``."""
    return Census.of(registry).snapshot(day, hub, sector)


def yearly_series(
    registry: Registry, today: dt.date, hub: str | None = None, sector: str | None = None
) -> list[YearRow]:
    """One row per year from the first membership to ``today``'s year."""
    return Census.of(registry).yearly(today, hub, sector)


def changes_between(
    registry: Registry,
    start: dt.date,
    end: dt.date,
    hub: str | None = None,
    sector: str | None = None,
) -> Changes:
    """Who joined and who left each hub between ``start`` and ``end``."""
    return Census.of(registry).changes(start, end, hub, sector)
