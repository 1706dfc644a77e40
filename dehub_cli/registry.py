"""The loaded registry: records by id, and the indexes that link organisations and hubs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from dehub_cli.entries import MembershipEntry, OrgEntry
from dehub_cli.kinds import Role
from dehub_cli.textnorm import fold, fold_key, fold_keys

if TYPE_CHECKING:
    from dehub_cli.models import Hub, Initiative, Membership, Org, Sector


def membership_active(membership: Membership | MembershipEntry, day: dt.date) -> bool:
    """Whether ``membership`` is active on ``day`` (start's first day .. end's last day).

    A membership with an unknown start is active on no day: no count includes it.
    """
    if type(membership) is MembershipEntry:  # the common case: ordinals worked out once
        return membership.start_day <= day.toordinal() <= membership.end_day
    start = membership.start
    if start is None or start.first_day > day:
        return False
    end = membership.end
    return end is None or day <= end.last_day


def hub_sectors_on(hub: Hub, day: dt.date | None) -> list[str]:
    """The sector ids a hub had on ``day`` (all of them when ``day`` is None)."""
    result = []
    for span in hub.sectors:
        if day is not None:
            if span.since is not None and span.since.first_day > day:
                continue
            if span.until is not None and span.until.last_day < day:
                continue
        if span.sector not in result:
            result.append(span.sector)
    return result


class RecordSource(Protocol):
    """Where a loaded registry finds an organisation's full record and file when asked."""

    def org_data(self, org_id: str) -> bytes | None: ...
    def org_file(self, org_id: str) -> str | None: ...


@dataclass
class Registry:
    """Every valid record of one registry directory, keyed by id.

    Hubs, the sectors and the initiative are full records. Organisations are compact
    entries (:class:`~dehub_cli.entries.OrgEntry`: what queries and counts read), so
    that 100,000 of them load fast; :meth:`org_record` gives one in full. Records that
    failed validation are not here; their diagnostics say why.
    """

    root: str
    hubs: dict[str, Hub] = field(default_factory=dict)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)
    org_data: dict[str, bytes] = field(default_factory=dict, repr=False)
    """The full record of each organisation as stored (MessagePack), read on demand."""
    sectors: dict[str, Sector] = field(default_factory=dict)
    initiative: Initiative | None = None
    files: dict[str, str] = field(default_factory=dict)
    """Display path of each record, keyed ``hub:<id>``, ``org:<id>``, ``sectors``, ``initiative``.

    A loaded registry keeps its organisations' paths in ``records`` instead: ask
    :meth:`loaded_file` or :meth:`org_file`.
    """
    records: RecordSource | None = field(default=None, repr=False, compare=False)
    """Full records and files of organisations not in ``org_data`` and ``files``."""

    def loaded_file(self, key: str) -> str | None:
        """The display path of a loaded record (key as in ``files``), else ``None``."""
        found = self.files.get(key)
        if found is None and self.records is not None and key.startswith("org:"):
            found = self.records.org_file(key[4:])
        return found

    def hub_file(self, hub_id: str) -> str:
        return self.files.get(f"hub:{hub_id}", f"hubs/{hub_id}.yaml")

    def org_file(self, org_id: str) -> str:
        return self.loaded_file(f"org:{org_id}") or f"orgs/{org_id}.yaml"

    def org_record(self, org_id: str) -> Org:
        """The full record of one organisation (every field, sources included).

        ``orgs`` holds what queries and counts need; ask here for the rest.
        Raises ``KeyError`` for an unknown id.
        """
        record = self._full_orgs.get(org_id)
        if record is None:
            import msgspec

            from dehub_cli.models import Org

            data = self.org_data.get(org_id)
            if data is None and self.records is not None:
                data = self.records.org_data(org_id)
            if data is None:
                raise KeyError(org_id)
            record = Org.model_validate(msgspec.msgpack.decode(data))
            self._full_orgs[org_id] = record
        return record

    @cached_property
    def _full_orgs(self) -> dict[str, Org]:
        return {}

    def hub_record(self, hub_id: str) -> Hub:
        """The full record of one hub."""
        return self.hubs[hub_id]

    @cached_property
    def members_by_hub(self) -> dict[str, list[tuple[str, MembershipEntry]]]:
        """Every membership, current or past, grouped by hub id: ``(org id, membership)``."""
        index: dict[str, list[tuple[str, MembershipEntry]]] = defaultdict(list)
        for org_id, org in self.orgs.items():
            for membership in org.memberships:
                index[membership.hub].append((org_id, membership))
        return dict(index)

    def operators(self, hub_id: str, day: dt.date | None = None) -> list[str]:
        """Org ids with an operator membership in ``hub_id`` (active on ``day`` if given)."""
        result = []
        for org_id, membership in self.members_by_hub.get(hub_id, ()):
            if membership.role is not Role.OPERATOR:
                continue
            if day is not None and not membership_active(membership, day):
                continue
            if org_id not in result:
                result.append(org_id)
        return result

    @cached_property
    def sector_lookup(self) -> dict[str, str]:
        """Folded id, name, German name and aliases -> sector id."""
        lookup: dict[str, str] = {}
        for sector in self.sectors.values():
            for label in (sector.id, sector.name, sector.name_de, *sector.aliases):
                if label:
                    lookup.setdefault(fold_key(label), sector.id)
        return lookup

    @cached_property
    def hub_lookup(self) -> dict[str, str]:
        """Folded id, name and single city -> hub id (``Koeln`` and ``Köln`` -> ``koeln``)."""
        lookup: dict[str, str] = {}
        for hub_id, hub in self.hubs.items():
            lookup.setdefault(fold_key(hub_id), hub_id)
            lookup.setdefault(fold_key(hub.name), hub_id)
        for hub_id, hub in self.hubs.items():
            for city in hub.city_names:
                lookup.setdefault(fold_key(city), hub_id)
        return lookup

    def find_sector(self, text: str) -> str | None:
        """A sector id from an id, name, German name or alias, any case."""
        return self.sector_lookup.get(fold_key(text))

    def find_hub(self, text: str) -> str | None:
        """A hub id from an id, a name or a city, forgiving case and umlauts, also umlauts
        left out (``Koln``, ``Nurnberg``) when that names one hub only."""
        found = self.hub_lookup.get(fold_key(text))
        if found is not None:
            return found
        wanted = fold_keys(text)
        matches = {
            hub_id
            for hub_id, hub in self.hubs.items()
            if any(wanted & fold_keys(label) for label in (hub_id, hub.name, *hub.city_names))
        }
        return matches.pop() if len(matches) == 1 else None

    def sector_labels(self) -> list[str]:
        labels: list[str] = []
        for sector in self.sectors.values():
            labels.extend(label for label in (sector.id, sector.name, sector.name_de) if label)
            labels.extend(sector.aliases)
        return labels

    def hub_labels(self) -> list[str]:
        labels: list[str] = list(self.hubs)
        for hub in self.hubs.values():
            labels.append(hub.name)
            labels.extend(hub.city_names)
        return labels


def city_matches(city: str | None, wanted: str) -> bool:
    """Case- and umlaut-insensitive city comparison (``Koeln`` = ``köln`` = ``Köln``)."""
    return city is not None and fold_key(city) == fold_key(wanted)


__all__ = ["Registry", "city_matches", "fold", "hub_sectors_on", "membership_active"]
