"""Rules across records. Each rule is ``RuleView -> Iterable[Finding]`` with stable codes.

They run on the compact facts of every record (see :mod:`dehub_cli.entries`): valid
records and the valid fields of invalid ones, so one invalid field never hides a
problem between files. They run on every load, after the cache, so a rule that depends
on today's date (DH309) is never answered from yesterday's cache; on 100,000 records
they take a fraction of a second, as they compare ids and dates kept in the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from dehub_cli.codes import Code
from dehub_cli.dates import PartialDate
from dehub_cli.diagnostics import Finding
from dehub_cli.entries import HubFacts, OrgEntry, OrgLike
from dehub_cli.identity import name_keys
from dehub_cli.kinds import Role
from dehub_cli.textnorm import fold_key, quoted, suggestion

if TYPE_CHECKING:
    from dehub_cli.models import Sector


@dataclass
class RuleView:
    """What the rules see: every record's facts by id, the vocabulary, and file names."""

    hubs: Mapping[str, HubFacts]
    orgs: dict[str, OrgLike]
    sectors: Mapping[str, Sector]
    hub_files: Mapping[str, str]
    org_files: dict[str, str]
    sector_file: str = "sectors.yaml"
    today: dt.date = field(default_factory=dt.date.today)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    """``(file, id, other file)`` for each file whose id another file already has."""
    vocabulary: bool = True
    """Whether a sector vocabulary was read (without one, sector ids are not checked)."""
    name_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each organisation's name keys, worked out once per file (see identity.name_keys)."""

    def hub_file(self, hub_id: str) -> str:
        return self.hub_files.get(hub_id) or f"hubs/{hub_id}.yaml"

    def org_file(self, org_id: str) -> str:
        return self.org_files.get(org_id) or f"orgs/{org_id}.yaml"

    @cached_property
    def context_key(self) -> str:
        """A digest of what :func:`org_findings` reads besides the organisation itself."""
        import hashlib

        hubs = sorted(
            (hub_id, str(hub.announced), hub.name or "", list(hub.cities))
            for hub_id, hub in self.hubs.items()
        )
        sectors = sorted(
            (sector.id, sector.name, sector.name_de or "", list(sector.aliases))
            for sector in self.sectors.values()
        )
        text = repr((hubs, sectors, self.vocabulary))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    @cached_property
    def announced_days(self) -> dict[str, int]:
        """Hub id -> ordinal of its announcement's first day (0 when it has none)."""
        return {
            hub_id: hub.announced.first_day.toordinal() if hub.announced is not None else 0
            for hub_id, hub in self.hubs.items()
        }

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
            f"id {quoted(record_id)} is already used by {other}",
            "ids are unique across hubs and organisations: choose another id and file name",
        )


def _sector_hint(view: RuleView, value: str) -> str | None:
    known = view.sector_labels.get(fold_key(value))
    if known is not None:
        return f"write the sector id {quoted(known)}"
    return suggestion(value, list(view.sectors)) or suggestion(
        value,
        [label for sector in view.sectors.values() for label in (sector.name, *sector.aliases)],
    )


def _hub_hint(view: RuleView, value: str) -> str | None:
    known = view.hub_labels.get(fold_key(value))
    if known is not None and known != value:
        return f"write the hub id {quoted(known)}"
    return suggestion(value, list(view.hubs))


def hub_references_exist(view: RuleView) -> Iterator[Finding]:
    """Every sector and twin a hub names exists (DH303, DH304, DH310)."""
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
                        f"unknown sector {quoted(span.sector)}",
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
                    f"unknown twin hub {quoted(twin)}",
                    suggestion(twin, list(view.hubs)),
                )


def nothing_to_link(view: RuleView, org: OrgLike) -> bool:
    """Whether :func:`org_findings` surely finds nothing for ``org``, told cheaply: a valid
    organisation whose sectors are known, and whose memberships are in known hubs and
    start no earlier than their hub's announcement. At 100,000 organisations this check
    takes a third of the time of the rules themselves; anything else goes to them."""
    if type(org) is not OrgEntry:
        return False
    if view.vocabulary:
        sectors = view.sectors
        for sector in org.sectors:
            if sector not in sectors:
                return False
    announced = view.announced_days
    for membership in org.memberships:
        first_day = announced.get(membership.hub)
        # A start's last day is never before its first: starting on or after the hub's
        # announcement's first day, it cannot precede the announcement.
        if first_day is None or membership.start_day < first_day:
            return False
    return True


def org_findings(view: RuleView, org_id: str, org: OrgLike) -> list[Finding]:
    """The rules that check one organisation against the hubs and sectors (DH302, DH303, DH307).

    Their answer depends only on the organisation and :meth:`RuleView.context_key`, so
    the loader keeps it per file and re-asks only for changed files or a changed context.
    """
    found: list[Finding] = []
    file = view.org_file(org_id)
    if view.vocabulary:
        for index, sector in enumerate(org.sectors):
            if sector not in view.sectors:
                found.append(
                    _finding(
                        file,
                        ("sectors", index),
                        Code.UNKNOWN_SECTOR,
                        f"unknown sector {quoted(sector)}",
                        _sector_hint(view, sector),
                    )
                )
    for index, membership in enumerate(org.memberships):
        if membership is None or membership.hub is None:
            continue
        hub = view.hubs.get(membership.hub)
        if hub is None:
            found.append(
                _finding(
                    file,
                    ("memberships", index, "hub"),
                    Code.UNKNOWN_HUB,
                    f"unknown hub {quoted(membership.hub)}",
                    _hub_hint(view, membership.hub),
                )
            )
            continue
        start = membership.start
        announced = hub.announced
        if announced is not None and start is not None and start.last_day < announced.first_day:
            key = "since" if membership.since is not None else "first_seen"
            found.append(
                _finding(
                    file,
                    ("memberships", index, key),
                    Code.BEFORE_ANNOUNCEMENT,
                    f"membership in {quoted(membership.hub)} starts {start}, "
                    f"before the hub was announced ({announced})",
                    "check the date; a membership cannot predate its hub",
                )
            )
    return found


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
                    f"{quoted(twin)} is a twin of {quoted(hub_id)}, but {view.hub_file(str(twin))} does not "
                    f"list {quoted(hub_id)}",
                    f"add {quoted(hub_id)} to the twins of {quoted(twin)}, or remove {quoted(twin)} here",
                )


def names_distinct(view: RuleView) -> Iterator[Finding]:
    """No two organisations look like the same one (DH308), reported on both files.

    The warning stands on each record, so a pull request that adds a duplicate gets the
    annotation on its own new file too.
    """
    first_by_key: dict[str, str] = {}
    pairs: dict[str, list[str]] = {}
    keys_of = view.name_keys
    orgs = view.orgs
    for org_id, org in orgs.items():
        keys = keys_of.get(org_id)
        if keys is None:
            keys = name_keys(org.name) if org.name else ()
        for key in keys:  # a nameless organisation has none
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
                f"{quoted(orgs[org_id].name)} looks like the same organisation as "
                f"{quoted(orgs[other].name)} ({view.org_file(other)})",
                "merge the two records, or make the names tell them apart",
            )


Span = tuple[PartialDate | None, PartialDate | None]
"""A membership's (start, end): what DH309 needs of it."""


def operator_spans(view: RuleView) -> dict[str, list[Span]]:
    """Every hub's operator memberships as (start, end): all that DH309 reads."""
    found: dict[str, list[Span]] = {hub_id: [] for hub_id in view.hubs}
    operator = Role.OPERATOR
    for org in view.orgs.values():
        for membership in org.memberships:
            if membership is not None and membership.role is operator and membership.hub in found:
                found[membership.hub].append((membership.start, membership.end))
    return found


def hubs_without_operator(
    spans: Mapping[str, Sequence[Span]], hub_files: Mapping[str, str], today: dt.date
) -> Iterator[Finding]:
    """Every hub has an operator today (DH309, warning): from the spans, so never cached."""
    for hub_id, memberships in spans.items():
        file = hub_files.get(hub_id) or f"hubs/{hub_id}.yaml"
        if not memberships:
            yield _finding(
                file,
                ("name",),
                Code.NO_OPERATOR,
                f"hub {quoted(hub_id)} has no operator",
                "add a membership with 'role: operator' to the organisation that runs it",
            )
        elif not any(_active(start, end, today) for start, end in memberships):
            yield _finding(
                file,
                ("name",),
                Code.NO_OPERATOR,
                f"hub {quoted(hub_id)} has no current operator (every operator membership has ended "
                "or has no known start)",
                "add the organisation that runs it now with 'role: operator'",
            )


def _active(start: PartialDate | None, end: PartialDate | None, day: dt.date) -> bool:
    return start is not None and start.first_day <= day and (end is None or day <= end.last_day)


def sector_labels_unique(view: RuleView) -> Iterator[Finding]:
    """No name or alias stands for two sectors (DH312)."""
    owner: dict[str, str] = {}
    file = view.sector_file
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
                    f"{quoted(label)} names both sector {quoted(first)} and sector {quoted(sector.id)}",
                    "each name and alias must point to one sector",
                )


STABLE_RULES: tuple[Rule, ...] = (
    ids_unique,
    hub_references_exist,
    twins_symmetric,
    names_distinct,
    sector_labels_unique,
)
"""Rules over the whole registry whose answer changes only when a file does."""
