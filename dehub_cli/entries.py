"""Compact records for counting, querying and checking rules: what every command reads.

A full record (:class:`~dehub_cli.models.Org`) carries sources, descriptions and
identifiers; queries, counts and the rules across records need only names, kinds,
sectors and memberships. These msgspec structs hold just that, so a registry of 100,000
organisations is read back from the cache in a fraction of a second. The full record of
one organisation is read on demand (:meth:`~dehub_cli.registry.Registry.org_record`).

``*Entry`` types describe valid records; ``*Facts`` types describe what is still valid
in an invalid record, so that rules across records run on every valid field.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

import msgspec

from dehub_cli.dates import PartialDate
from dehub_cli.kinds import OrgKind, Role

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dehub_cli.models import Hub, Membership, Org


class Dated(Protocol):
    """Anything with a membership's four dates."""

    @property
    def since(self) -> PartialDate | None: ...
    @property
    def first_seen(self) -> PartialDate | None: ...
    @property
    def until(self) -> PartialDate | None: ...
    @property
    def last_seen(self) -> PartialDate | None: ...


def start_of(dates: Dated) -> PartialDate | None:
    """The first day known: ``since``, else ``first_seen``, else ``None`` (unknown)."""
    return dates.since if dates.since is not None else dates.first_seen


def end_of(dates: Dated) -> PartialDate | None:
    """The last day known: ``until``, else ``last_seen``, else ``None`` (still a member)."""
    return dates.until if dates.until is not None else dates.last_seen


OPEN_DAY = dt.date.max.toordinal()
"""The day ordinal of an unknown start (never active) or of no end (still active)."""


class MembershipEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A valid membership: hub, role, the four dates, and whether it has its own sources.

    ``start_day`` and ``end_day`` are the first and last active days as ordinals, worked
    out once when the file is checked (see :func:`membership_entry`), so that counting
    100,000 organisations compares integers.
    """

    hub: str
    role: Role
    since: PartialDate | None = None
    first_seen: PartialDate | None = None
    until: PartialDate | None = None
    last_seen: PartialDate | None = None
    sourced: bool = False
    start_day: int = OPEN_DAY
    """Ordinal of the first active day; :data:`OPEN_DAY` when the start is unknown."""
    end_day: int = OPEN_DAY
    """Ordinal of the last active day; :data:`OPEN_DAY` while still a member."""

    @property
    def start(self) -> PartialDate | None:
        return start_of(self)

    @property
    def end(self) -> PartialDate | None:
        return end_of(self)

    @property
    def start_stated(self) -> bool:
        return self.since is not None

    @property
    def end_stated(self) -> bool:
        return self.until is not None


class OrgEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A valid organisation, as queries and counts see it."""

    name: str
    kind: OrgKind
    city: str | None = None
    website: str | None = None
    sectors: tuple[str, ...] = ()
    memberships: tuple[MembershipEntry, ...] = ()


class MembershipFacts(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What is valid in a membership of an invalid record (each field may be missing)."""

    hub: str | None = None
    role: Role | None = None
    since: PartialDate | None = None
    first_seen: PartialDate | None = None
    until: PartialDate | None = None
    last_seen: PartialDate | None = None

    @property
    def start(self) -> PartialDate | None:
        return start_of(self)

    @property
    def end(self) -> PartialDate | None:
        return end_of(self)


class OrgFacts(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What is valid in an invalid organisation record, for the rules across records."""

    name: str | None = None
    sectors: tuple[str, ...] = ()
    memberships: tuple[MembershipFacts | None, ...] = ()
    """One per membership in the file, ``None`` where nothing of it is valid (indexes hold)."""


class SectorSpanFacts(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A hub's sector (as far as valid)."""

    sector: str | None = None


class HubFacts(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What the rules across records need of a hub, valid or not."""

    name: str | None = None
    cities: tuple[str, ...] = ()
    announced: PartialDate | None = None
    sectors: tuple[SectorSpanFacts | None, ...] = ()
    twins: tuple[str | None, ...] = ()


def membership_entry(membership: Membership) -> MembershipEntry:
    """The compact form of a validated membership."""
    start, end = membership.start, membership.end
    return MembershipEntry(
        membership.hub,
        membership.role,
        membership.since,
        membership.first_seen,
        membership.until,
        membership.last_seen,
        bool(membership.sources),
        OPEN_DAY if start is None else start.first_day.toordinal(),
        OPEN_DAY if end is None else end.last_day.toordinal(),
    )


def org_entry(org: Org) -> OrgEntry:
    """The compact form of a validated organisation."""
    return OrgEntry(
        org.name,
        org.kind,
        org.city,
        org.website,
        tuple(org.sectors),
        tuple(membership_entry(membership) for membership in org.memberships),
    )


def hub_facts(hub: Hub) -> HubFacts:
    """What the rules need of a validated hub."""
    return HubFacts(
        hub.name,
        tuple(hub.city_names),
        hub.announced,
        tuple(SectorSpanFacts(span.sector) for span in hub.sectors),
        tuple(hub.twins),
    )


class OrgLike(Protocol):
    """An organisation as the rules see it: an :class:`OrgEntry` or :class:`OrgFacts`."""

    @property
    def name(self) -> str | None: ...
    @property
    def sectors(self) -> Sequence[str]: ...
    @property
    def memberships(self) -> Sequence[MembershipLike | None]: ...


class MembershipLike(Protocol):
    """A membership as the rules see it."""

    @property
    def hub(self) -> str | None: ...
    @property
    def role(self) -> Role | None: ...
    @property
    def since(self) -> PartialDate | None: ...
    @property
    def start(self) -> PartialDate | None: ...
    @property
    def end(self) -> PartialDate | None: ...
