"""The editing commands as plans: what ``add``, ``end`` and ``import`` would write.

Each function checks its input against the loaded registry, builds the new texts, checks
every text with the models and returns a :class:`~dehub_cli.atomic.Transaction` that
writes them all or nothing. Nothing touches the disk before ``commit()``; the CLI commits
under :func:`~dehub_cli.edit.lock.registry_lock`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.atomic import Transaction
from dehub_cli.dates import PartialDate
from dehub_cli.discovery import display_path
from dehub_cli.edit import EditError
from dehub_cli.edit.lookup import hub_path, org_path, refuse_taken_id
from dehub_cli.edit.records import (
    add_membership_text,
    add_twin_text,
    end_membership_text,
    hub_id_for,
    hub_mapping,
    membership_conflict,
    membership_mapping,
    new_record_text,
    org_mapping,
    source_mapping,
    validate_text,
)
from dehub_cli.errors import QueryError
from dehub_cli.models import ID_PATTERN, Hub, Org, OrgKind, Role
from dehub_cli.textnorm import fold_key, quoted, slugify

if TYPE_CHECKING:
    from dehub_cli.edit.importplan import ImportPlan
    from dehub_cli.registry import Registry


class DuplicateOrgError(EditError):
    """A new organisation looks like one that exists; ``existing`` is its id."""

    def __init__(self, message: str, hint: str, existing: str) -> None:
        super().__init__(message, hint)
        self.existing = existing


@dataclass(frozen=True)
class NewOrg:
    """What ``dehub add org`` was given, already resolved to ids."""

    name: str
    kind: OrgKind
    hub: str
    since: PartialDate
    source_url: str
    role: Role = Role.MEMBER
    city: str | None = None
    website: str | None = None
    sectors: Sequence[str] = ()
    source_title: str | None = None
    org_id: str | None = None


@dataclass(frozen=True)
class NewHub:
    """What ``dehub add hub`` was given, already resolved to ids."""

    name: str
    cities: Sequence[str]
    sectors: Sequence[str]
    announced: PartialDate
    source_url: str
    twins: Sequence[str] = field(default_factory=tuple)
    website: str | None = None
    source_title: str | None = None
    hub_id: str | None = None


def checked_id(wanted: str | None, derived_from: str) -> str:
    """``wanted`` or an id derived from a name; :class:`QueryError` if it is not an id."""
    new_id = wanted.strip() if wanted else slugify(derived_from)
    if not re.match(ID_PATTERN, new_id):
        raise QueryError(
            f"--id {quoted(new_id)} is not an id",
            f"lowercase letters, digits, hyphens: {quoted(slugify(new_id))}",
        )
    return new_id


def plan_new_org(registry: Registry, new: NewOrg) -> Transaction:
    """A new ``orgs/<id>.yaml`` with one membership; refuses a duplicate or a taken id."""
    from dehub_cli.identity import OrgIndex

    new_id = checked_id(new.org_id, new.name)
    source = source_mapping(new.source_url, new.source_title)
    same = list(dict.fromkeys(m.org_id for m in OrgIndex(registry).match(new.name, new.website)))
    if same:
        first = same[0]
        raise DuplicateOrgError(
            f"{quoted(new.name)} looks like {display_path(org_path(registry, first))} "
            f"({quoted(registry.orgs[first].name)})",
            f"add a membership to it instead: dehub add membership {first} --hub {new.hub} "
            f"--since {new.since}",
            first,
        )
    refuse_taken_id(registry, new_id)
    record = org_mapping(
        org_id=new_id,
        name=new.name,
        kind=str(new.kind),
        city=new.city,
        website=new.website,
        sectors=new.sectors,
        memberships=[membership_mapping(new.hub, new.since, new.role, source)],
        sources=[source],
    )
    return _creating(Transaction(), registry, Org, new_id, record)


def _creating(
    transaction: Transaction,
    registry: Registry,
    model: type[Hub] | type[Org],
    record_id: str,
    record: dict[str, Any],
) -> Transaction:
    """Plan, in ``transaction``, the new file of a checked record."""
    folder = "hubs" if model is Hub else "orgs"
    path = Path(registry.root) / folder / f"{record_id}.yaml"
    text = new_record_text(record)
    validate_text(text, model, record_id, display_path(path))
    transaction.create(path, text)
    return transaction


def similar_orgs(registry: Registry, name: str) -> list[str]:
    """Ids of organisations whose name is close to ``name`` (worth a second look)."""
    from dehub_cli.identity import OrgIndex

    return OrgIndex(registry).similar(name)


def _replace_org(
    transaction: Transaction, registry: Registry, org_id: str, edit: Callable[[str], str]
) -> Transaction:
    """Plan, in ``transaction``, an organisation's file with ``edit`` applied to its text.

    The file is replaced only if it still holds what was read here.
    """
    path = org_path(registry, org_id)
    try:
        original = path.read_bytes()
        text = edit(original.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise EditError(f"{display_path(path)}: {error}") from None
    validate_text(text, Org, org_id, display_path(path))
    transaction.replace(path, text, expected=original)
    return transaction


def plan_membership(
    registry: Registry,
    org_id: str,
    hub: str,
    since: PartialDate,
    role: Role = Role.MEMBER,
    source: dict[str, Any] | None = None,
) -> Transaction:
    """A new membership in ``hub`` from ``since``, with its own source, in an organisation's file."""
    conflict = membership_conflict(registry.orgs[org_id], hub, since)
    if conflict is not None:
        raise EditError(
            f"{org_id} {conflict}",
            f"to end it first: dehub end membership {org_id} --hub {hub} --until DATE",
        )
    membership = membership_mapping(hub, since, role, source)
    return _replace_org(
        Transaction(), registry, org_id, lambda text: add_membership_text(text, membership)
    )


def plan_end_membership(
    registry: Registry,
    org_id: str,
    hub: str,
    until: PartialDate,
    source: dict[str, Any] | None = None,
) -> Transaction:
    """``until`` (and the source that states it) written into an open membership in ``hub``."""
    return _replace_org(
        Transaction(), registry, org_id, lambda text: end_membership_text(text, hub, until, source)
    )


def plan_new_hub(registry: Registry, new: NewHub) -> Transaction:
    """A new ``hubs/<id>.yaml``; each twin hub's file gains the new hub as its twin."""
    new_id = (
        checked_id(new.hub_id, " ".join(new.cities)) if new.hub_id else hub_id_for(list(new.cities))
    )
    checked_id(new_id, new_id)
    for existing_id, existing in registry.hubs.items():
        if fold_key(existing.name) == fold_key(new.name):
            raise EditError(
                f"a hub named {quoted(new.name)} exists: {display_path(hub_path(registry, existing_id))}"
            )
    refuse_taken_id(registry, new_id)
    record = hub_mapping(
        hub_id=new_id,
        name=new.name,
        cities=list(new.cities),
        sectors=list(new.sectors),
        announced=new.announced,
        twins=list(new.twins),
        website=new.website,
        sources=[source_mapping(new.source_url, new.source_title)],
    )
    transaction = _creating(Transaction(), registry, Hub, new_id, record)
    for twin in dict.fromkeys(new.twins):  # twins name each other: edit theirs too
        twin_path = hub_path(registry, twin)
        try:
            original = twin_path.read_bytes()
            twin_text = add_twin_text(original.decode("utf-8"), new_id)
        except (OSError, UnicodeDecodeError) as error:
            raise EditError(f"{display_path(twin_path)}: {error}") from None
        validate_text(twin_text, Hub, twin, display_path(twin_path))
        transaction.replace(twin_path, twin_text, expected=original)
    return transaction


def _adding(membership: dict[str, Any]) -> Callable[[str], str]:
    """An edit that adds ``membership`` to an organisation's text."""
    return lambda text: add_membership_text(text, membership)


def plan_import_writes(
    registry: Registry, plan: ImportPlan, *, step: Callable[[], None] | None = None
) -> Transaction:
    """Every file an import plan writes; :class:`EditError` listing each invalid record.

    ``step`` is called after each planned change (the CLI advances a progress bar with it).
    """
    transaction = Transaction()
    problems: list[str] = []
    for new in plan.new_orgs:
        try:
            _creating(transaction, registry, Org, new.org_id, new.record)
        except EditError as error:
            problems += [f"{error.message}: {detail}" for detail in error.details] or [
                error.message
            ]
        if step is not None:
            step()
    for added in plan.new_memberships:
        try:
            _replace_org(transaction, registry, added.org_id, _adding(added.membership))
        except EditError as error:
            problems += [f"{error.message}: {detail}" for detail in error.details] or [
                error.message
            ]
        if step is not None:
            step()
    if problems:
        raise EditError(
            "the import would write invalid records",
            "nothing was written; correct the rows and import again",
            details=problems,
        )
    return transaction
