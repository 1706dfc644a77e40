"""Rules across records. Each rule is ``RuleView -> Iterable[Finding]`` with stable codes.

They run on the compact facts of every record (see :mod:`dehub_cli.entries`): valid
records and the valid fields of invalid ones, so one invalid field never hides a
problem between files. They run on every load, after the cache, so a rule that depends
on today's date (DH309) is never answered from yesterday's cache; on 100,000 records
they take a fraction of a second, as they compare ids and dates kept in the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dehub_cli.codes import Code
from dehub_cli.diagnostics import Finding
from dehub_cli.entries import HubFacts, MembershipLike, OrgLike
from dehub_cli.identity import name_keys
from dehub_cli.models import Role, Sector
from dehub_cli.textnorm import fold_key, suggestion


@dataclass
class RuleView:
    """What the rules see: every record's facts by id, the vocabulary, and file names."""

    hubs: Mapping[str, HubFacts]
    orgs: Mapping[str, OrgLike]
    sectors: Mapping[str, Sector]
    files: Mapping[str, str]
    """File of each record, keyed ``hub:<id>``, ``org:<id>``, ``sectors``."""
    today: dt.date = field(default_factory=dt.date.today)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    """``(file, id, other file)`` for each file whose id another file already has."""
    vocabulary: bool = True
    """Whether a sector vocabulary was read (without one, sector ids are not checked)."""
    name_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Each organisation's name keys, worked out once per file (see identity.name_keys)."""

    def hub_file(self, hub_id: str) -> str:
        return self.files.get(f"hub:{hub_id}", f"hubs/{hub_id}.yaml")

    def org_file(self, org_id: str) -> str:
        return self.files.get(f"org:{org_id}", f"orgs/{org_id}.yaml")

    @cached_property
    def hub_labels(self) -> dict[str, str]:
        """Folded id, name and cities -> hub id, for hints."""
        labels: dict[str, str] = {}
        for hub_id, hub in self.hubs.items():
            for label in (hub_id, hub.name or "", *hub.cities):
                if label:
                    labels.setdefault(fold_key(label), hub_id)
        return labels

    @cached_property
    def sector_labels(self) -> dict[str, str]:
        """Folded id, names and aliases -> sector id, for hints."""
        labels: dict[str, str] = {}
        for sector in self.sectors.values():
            for label in (sector.id, sector.name, sector.name_de, *sector.aliases):
                if label:
                    labels.setdefault(fold_key(label), sector.id)
        return labels


Rule = Callable[[RuleView], Iterable[Finding]]


def _finding(
    file: str, path: tuple[str | int, ...], code: Code, message: str, hint: str | None = None
) -> Finding:
    """A finding of ``code`` with the code's own severity."""
    return Finding(code, code.severity, file, path, message, hint)


def ids_unique(view: RuleView) -> Iterator[Finding]:
    """No two files give the same id (DH301): hubs and organisations share one namespace."""
    for file, record_id, other in view.duplicates:
        yield _finding(
            file,
            ("id",),
            Code.DUPLICATE_ID,
            f"id '{record_id}' is already used by {other}",
            "ids are unique across hubs and organisations: choose another id and file name",
        )


def _sector_hint(view: RuleView, value: str) -> str | None:
    known = view.sector_labels.get(fold_key(value))
    if known is not None:
        return f"write the sector id '{known}'"
    return suggestion(value, list(view.sectors)) or suggestion(
        value,
        [label for sector in view.sectors.values() for label in (sector.name, *sector.aliases)],
    )


def _hub_hint(view: RuleView, value: str) -> str | None:
    known = view.hub_labels.get(fold_key(value))
    if known is not None and known != value:
        return f"write the hub id '{known}'"
    return suggestion(value, list(view.hubs))


def references_exist(view: RuleView) -> Iterator[Finding]:
    """Every hub, sector and twin named by a record exists (DH302, DH303, DH304, DH310)."""
    sectors = view.sectors
    for hub_id, hub in view.hubs.items():
        file = view.hub_file(hub_id)
        if view.vocabulary:
            for index, span in enumerate(hub.sectors):
                if span is not None and span.sector is not None and span.sector not in sectors:
                    yield _finding(
                        file,
                        ("sectors", index, "sector"),
                        Code.UNKNOWN_SECTOR,
                        f"unknown sector '{span.sector}'",
                        _sector_hint(view, span.sector),
                    )
        for index, twin in enumerate(hub.twins):
            if twin is None:
                continue
            if twin == hub_id:
                yield _finding(
                    file, ("twins", index), Code.OWN_TWIN, "a hub cannot be its own twin"
                )
            elif twin not in view.hubs:
                yield _finding(
                    file,
                    ("twins", index),
                    Code.UNKNOWN_TWIN,
                    f"unknown twin hub '{twin}'",
                    suggestion(twin, list(view.hubs)),
                )
    for org_id, org in view.orgs.items():
        file = view.org_file(org_id)
        if view.vocabulary:
            for index, sector in enumerate(org.sectors):
                if sector not in sectors:
                    yield _finding(
                        file,
                        ("sectors", index),
                        Code.UNKNOWN_SECTOR,
                        f"unknown sector '{sector}'",
                        _sector_hint(view, sector),
                    )
        for index, membership in enumerate(org.memberships):
            if membership is None or membership.hub is None or membership.hub in view.hubs:
                continue
            yield _finding(
                file,
                ("memberships", index, "hub"),
                Code.UNKNOWN_HUB,
                f"unknown hub '{membership.hub}'",
                _hub_hint(view, membership.hub),
            )


def twins_symmetric(view: RuleView) -> Iterator[Finding]:
    """If hub A names B as twin, B names A (DH305)."""
    for hub_id, hub in view.hubs.items():
        for index, twin in enumerate(hub.twins):
            other = view.hubs.get(twin) if twin is not None else None
            if other is not None and twin != hub_id and hub_id not in other.twins:
                yield _finding(
                    view.hub_file(hub_id),
                    ("twins", index),
                    Code.TWIN_NOT_MUTUAL,
                    f"'{twin}' is a twin of '{hub_id}', but {view.hub_file(str(twin))} does not "
                    f"list '{hub_id}'",
                    f"add '{hub_id}' to the twins of '{twin}', or remove '{twin}' here",
                )


def memberships_after_announcement(view: RuleView) -> Iterator[Finding]:
    """No membership starts before its hub was announced (DH307, warning)."""
    for org_id, org in view.orgs.items():
        for index, membership in enumerate(org.memberships):
            if membership is None or membership.hub is None:
                continue
            hub = view.hubs.get(membership.hub)
            start = membership.start
            if hub is None or hub.announced is None or start is None:
                continue
            if start.last_day < hub.announced.first_day:
                key = "since" if membership.since is not None else "first_seen"
                yield _finding(
                    view.org_file(org_id),
                    ("memberships", index, key),
                    Code.BEFORE_ANNOUNCEMENT,
                    f"membership in '{membership.hub}' starts {start}, "
                    f"before the hub was announced ({hub.announced})",
                    "check the date; a membership cannot predate its hub",
                )


def names_distinct(view: RuleView) -> Iterator[Finding]:
    """No two organisations look like the same one (DH308), reported on both files.

    The warning stands on each record, so a pull request that adds a duplicate gets the
    annotation on its own new file too.
    """
    first_by_key: dict[str, str] = {}
    pairs: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    keys_of = view.name_keys
    for org_id, org in view.orgs.items():
        if not org.name:
            continue
        names[org_id] = org.name
        keys = keys_of.get(org_id)
        for key in keys if keys is not None else name_keys(org.name):
            first = first_by_key.setdefault(key, org_id)
            if first != org_id and first not in pairs.setdefault(org_id, []):
                pairs[org_id].append(first)
                pairs.setdefault(first, []).append(org_id)
    for org_id, others in pairs.items():
        for other in others:
            yield _finding(
                view.org_file(org_id),
                ("name",),
                Code.SAME_NAME,
                f"'{names[org_id]}' looks like the same organisation as '{names[other]}' "
                f"({view.org_file(other)})",
                "merge the two records, or make the names tell them apart",
            )


def _operators(view: RuleView) -> dict[str, list[MembershipLike]]:
    found: dict[str, list[MembershipLike]] = {}
    for org in view.orgs.values():
        for membership in org.memberships:
            if membership is not None and membership.role is Role.OPERATOR and membership.hub:
                found.setdefault(membership.hub, []).append(membership)
    return found


def hubs_have_operator(view: RuleView) -> Iterator[Finding]:
    """Every hub has an operator, today (DH309, warning)."""
    operators = _operators(view)
    today = view.today
    for hub_id in view.hubs:
        memberships = operators.get(hub_id, [])
        if not memberships:
            yield _finding(
                view.hub_file(hub_id),
                ("name",),
                Code.NO_OPERATOR,
                f"hub '{hub_id}' has no operator",
                "add a membership with 'role: operator' to the organisation that runs it",
            )
        elif not any(_active(membership, today) for membership in memberships):
            yield _finding(
                view.hub_file(hub_id),
                ("name",),
                Code.NO_OPERATOR,
                f"hub '{hub_id}' has no current operator (every operator membership has ended "
                "or has no known start)",
                "add the organisation that runs it now with 'role: operator'",
            )


def _active(membership: MembershipLike, day: dt.date) -> bool:
    start, end = membership.start, membership.end
    return start is not None and start.first_day <= day and (end is None or day <= end.last_day)


def sector_labels_unique(view: RuleView) -> Iterator[Finding]:
    """No name or alias stands for two sectors (DH312)."""
    owner: dict[str, str] = {}
    file = view.files.get("sectors", "sectors.yaml")
    for index, sector in enumerate(view.sectors.values()):
        for label in {sector.id, sector.name, sector.name_de, *sector.aliases}:
            if not label:
                continue
            first = owner.setdefault(fold_key(label), sector.id)
            if first != sector.id:
                yield _finding(
                    file,
                    ("sectors", index),
                    Code.SECTOR_LABEL_TWICE,
                    f"'{label}' names both sector '{first}' and sector '{sector.id}'",
                    "each name and alias must point to one sector",
                )


ALL_RULES: tuple[Rule, ...] = (
    ids_unique,
    references_exist,
    twins_symmetric,
    memberships_after_announcement,
    names_distinct,
    hubs_have_operator,
    sector_labels_unique,
)


def run_rules(view: RuleView) -> list[Finding]:
    """Every cross-record finding for ``view``."""
    findings: list[Finding] = []
    for rule in ALL_RULES:
        findings.extend(rule(view))
    return findings
