"""Rules across records. Each rule is ``Registry -> Iterable[Finding]`` with stable codes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from dehub_cli.codes import Code
from dehub_cli.diagnostics import Finding
from dehub_cli.identity import name_keys
from dehub_cli.registry import Registry
from dehub_cli.textnorm import fold_key, suggestion

Rule = Callable[[Registry], Iterable[Finding]]


def _finding(
    registry_file: str,
    path: tuple[str | int, ...],
    code: Code,
    message: str,
    hint: str | None = None,
) -> Finding:
    """A finding of ``code`` with the code's own severity."""
    return Finding(code, code.severity, registry_file, path, message, hint)


def _sector_hint(registry: Registry, value: str) -> str | None:
    known = registry.find_sector(value)
    if known is not None:
        return f"write the sector id '{known}'"
    return suggestion(value, list(registry.sectors)) or suggestion(value, registry.sector_labels())


def references_exist(registry: Registry) -> Iterator[Finding]:
    """Every hub, sector and twin named by a record exists (DH302, DH303, DH304)."""
    sectors = registry.sectors
    check_sectors = bool(sectors)
    for hub_id, hub in registry.hubs.items():
        file = registry.hub_file(hub_id)
        if check_sectors:
            for index, span in enumerate(hub.sectors):
                if span.sector not in sectors:
                    yield _finding(
                        file,
                        ("sectors", index, "sector"),
                        Code.UNKNOWN_SECTOR,
                        f"unknown sector '{span.sector}'",
                        _sector_hint(registry, span.sector),
                    )
        for index, twin in enumerate(hub.twins):
            if twin == hub_id:
                yield _finding(
                    file, ("twins", index), Code.OWN_TWIN, "a hub cannot be its own twin"
                )
            elif twin not in registry.hubs:
                yield _finding(
                    file,
                    ("twins", index),
                    Code.UNKNOWN_TWIN,
                    f"unknown twin hub '{twin}'",
                    suggestion(twin, list(registry.hubs)),
                )
    for org_id, org in registry.orgs.items():
        file = registry.org_file(org_id)
        if check_sectors:
            for index, sector in enumerate(org.sectors):
                if sector not in sectors:
                    yield _finding(
                        file,
                        ("sectors", index),
                        Code.UNKNOWN_SECTOR,
                        f"unknown sector '{sector}'",
                        _sector_hint(registry, sector),
                    )
        for index, membership in enumerate(org.memberships):
            if membership.hub not in registry.hubs:
                known = registry.find_hub(membership.hub)
                hint = (
                    f"write the hub id '{known}'"
                    if known
                    else suggestion(membership.hub, list(registry.hubs))
                )
                yield _finding(
                    file,
                    ("memberships", index, "hub"),
                    Code.UNKNOWN_HUB,
                    f"unknown hub '{membership.hub}'",
                    hint,
                )


def twins_symmetric(registry: Registry) -> Iterator[Finding]:
    """If hub A names B as twin, B names A (DH305)."""
    for hub_id, hub in registry.hubs.items():
        for index, twin in enumerate(hub.twins):
            other = registry.hubs.get(twin)
            if other is not None and twin != hub_id and hub_id not in other.twins:
                yield _finding(
                    registry.hub_file(hub_id),
                    ("twins", index),
                    Code.TWIN_NOT_MUTUAL,
                    f"'{twin}' is a twin of '{hub_id}', but {registry.hub_file(twin)} does not list '{hub_id}'",
                    f"add '{hub_id}' to the twins of '{twin}', or remove '{twin}' here",
                )


def memberships_after_announcement(registry: Registry) -> Iterator[Finding]:
    """No membership starts before its hub was announced (DH307, warning)."""
    for org_id, org in registry.orgs.items():
        for index, membership in enumerate(org.memberships):
            hub = registry.hubs.get(membership.hub)
            start = membership.start
            if hub is not None and start is not None and start.last_day < hub.announced.first_day:
                key = "since" if membership.since is not None else "first_seen"
                yield _finding(
                    registry.org_file(org_id),
                    ("memberships", index, key),
                    Code.BEFORE_ANNOUNCEMENT,
                    f"membership in '{membership.hub}' starts {start}, "
                    f"before the hub was announced ({hub.announced})",
                    "check the date; a membership cannot predate its hub",
                )


def memberships_do_not_overlap(registry: Registry) -> Iterator[Finding]:
    """Two memberships of one org in the same hub and role do not overlap (DH311, warning)."""
    far_future = dt.date.max
    for org_id, org in registry.orgs.items():
        if len(org.memberships) < 2:
            continue
        seen: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for index, membership in enumerate(org.memberships):
            if membership.start is None:
                continue
            start = membership.start.first_day
            end = membership.end.last_day if membership.end else far_future
            spans = seen[(membership.hub, membership.role)]
            if any(start <= other_end and other_start <= end for other_start, other_end in spans):
                yield _finding(
                    registry.org_file(org_id),
                    ("memberships", index),
                    Code.OVERLAPPING,
                    f"this {membership.role} membership in '{membership.hub}' overlaps another one",
                    "merge the two entries, or end the first before the second starts",
                )
            spans.append((start, end))


def names_distinct(registry: Registry) -> Iterator[Finding]:
    """No two organisations look like the same one (DH308), reported on both files.

    The warning stands on each record, so a pull request that adds a duplicate gets the
    annotation on its own new file too.
    """
    first_by_key: dict[str, str] = {}
    pairs: dict[str, list[str]] = {}
    for org_id, org in registry.orgs.items():
        for key in name_keys(org.name):
            first = first_by_key.setdefault(key, org_id)
            if first != org_id and first not in pairs.setdefault(org_id, []):
                pairs[org_id].append(first)
                pairs.setdefault(first, []).append(org_id)
    for org_id, others in pairs.items():
        for other in others:
            yield _finding(
                registry.org_file(org_id),
                ("name",),
                Code.SAME_NAME,
                f"'{registry.orgs[org_id].name}' looks like the same organisation as "
                f"'{registry.orgs[other].name}' ({registry.org_file(other)})",
                "merge the two records, or make the names tell them apart",
            )


def hubs_have_operator(registry: Registry) -> Iterator[Finding]:
    """Every hub has an operator, currently (DH309, warning)."""
    today = dt.date.today()
    for hub_id in registry.hubs:
        if not registry.operators(hub_id):
            yield _finding(
                registry.hub_file(hub_id),
                ("name",),
                Code.NO_OPERATOR,
                f"hub '{hub_id}' has no operator",
                "add a membership with 'role: operator' to the organisation that runs it",
            )
        elif not registry.operators(hub_id, today):
            yield _finding(
                registry.hub_file(hub_id),
                ("name",),
                Code.NO_OPERATOR,
                f"hub '{hub_id}' has no current operator (every operator membership has ended)",
                "add the organisation that runs it now with 'role: operator'",
            )


def sector_labels_unique(registry: Registry) -> Iterator[Finding]:
    """No name or alias stands for two sectors (DH312)."""
    owner: dict[str, str] = {}
    file = registry.files.get("sectors", "sectors.yaml")
    for index, sector in enumerate(registry.sectors.values()):
        for label in {sector.id, sector.name, sector.name_de, *sector.aliases}:
            if not label:
                continue
            key = fold_key(label)
            first = owner.setdefault(key, sector.id)
            if first != sector.id:
                yield _finding(
                    file,
                    ("sectors", index),
                    Code.SECTOR_LABEL_TWICE,
                    f"'{label}' names both sector '{first}' and sector '{sector.id}'",
                    "each name and alias must point to one sector",
                )


ALL_RULES: tuple[Rule, ...] = (
    references_exist,
    twins_symmetric,
    memberships_after_announcement,
    memberships_do_not_overlap,
    names_distinct,
    hubs_have_operator,
    sector_labels_unique,
)


def run_rules(registry: Registry) -> list[Finding]:
    """Every cross-record finding for ``registry``."""
    findings: list[Finding] = []
    for rule in ALL_RULES:
        findings.extend(rule(registry))
    return findings
