"""Rows of a member list -> what importing them into a hub would change. No I/O.

Each row either creates an organisation, gives an existing one a membership in the hub,
changes nothing (the organisation is a member already) or is a conflict: an invalid
value, a name matching several organisations, two rows meaning the same one. A plan
with any conflict must not be written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dehub_cli.dates import DateFormatError, PartialDate
from dehub_cli.edit.inputs import (
    KIND_WORDS,
    ROLE_WORDS,
    parse_date,
    parse_kind,
    parse_role,
    parse_website,
)
from dehub_cli.edit.records import (
    membership_conflict,
    membership_mapping,
    org_mapping,
)
from dehub_cli.edit.spreadsheet import SheetRow
from dehub_cli.identity import OrgIndex, website_domain
from dehub_cli.textnorm import normalise_name, plural, quoted, slugify, suggestion

if TYPE_CHECKING:
    from dehub_cli.registry import Registry
    from dehub_cli.render import Section, Table

__all__ = [
    "Conflict",
    "ImportOptions",
    "ImportPlan",
    "NewMembership",
    "NewOrg",
    "Unchanged",
    "plan_import",
]
_SECTOR_SPLIT = re.compile(r"[,;]")
NO_DATE = "no date: fill the 'since' column or pass --since"
_PLACEHOLDER_SOURCE = {"url": "https://example.org/", "title": "source"}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What applies to every row: the hub, defaults for missing cells, the source of new records."""

    hub: str
    since: PartialDate | None = None
    role: str = "member"
    source: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class NewOrg:
    row: int
    org_id: str
    name: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NewMembership:
    row: int
    org_id: str
    name: str
    membership: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Unchanged:
    row: int
    org_id: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Conflict:
    row: int
    name: str
    message: str
    org_id: str = ""


@dataclass
class ImportPlan:
    """What an import would do, row by row."""

    hub: str
    new_orgs: list[NewOrg] = field(default_factory=list)
    new_memberships: list[NewMembership] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts

    @property
    def changes(self) -> int:
        return len(self.new_orgs) + len(self.new_memberships)

    @property
    def files(self) -> int:
        """How many files writing the plan touches: each new one, each edited one once."""
        return len(self.new_orgs) + len({added.org_id for added in self.new_memberships})

    def summary(self) -> str:
        return ", ".join(
            (
                plural(len(self.new_orgs), "new organisation"),
                plural(len(self.new_memberships), "new membership"),
                f"{len(self.unchanged)} unchanged",
                plural(len(self.conflicts), "conflict"),
            )
        )

    def rows(self) -> list[dict[str, Any]]:
        """One line per spreadsheet row, in row order."""
        lines: list[dict[str, Any]] = []
        for new in self.new_orgs:
            detail = f"orgs/{new.org_id}.yaml, member since {new.record['memberships'][0]['since']}"
            lines.append(_line(new.row, "new", new.org_id, new.name, detail))
        for added in self.new_memberships:
            detail = f"member of {self.hub} since {added.membership['since']}"
            lines.append(_line(added.row, "membership", added.org_id, added.name, detail))
        for same in self.unchanged:
            lines.append(_line(same.row, "unchanged", same.org_id, same.name, same.reason))
        for conflict in self.conflicts:
            lines.append(
                _line(conflict.row, "conflict", conflict.org_id, conflict.name, conflict.message)
            )
        lines.sort(key=lambda line: (line["row"], line["action"]))
        return lines

    def to_data(self) -> dict[str, Any]:
        return {
            "hub": self.hub,
            "ok": self.ok,
            "summary": {
                "new": len(self.new_orgs),
                "memberships": len(self.new_memberships),
                "unchanged": len(self.unchanged),
                "conflicts": len(self.conflicts),
            },
            "rows": self.rows(),
        }

    def tables(self) -> list[Table | Section]:
        from dehub_cli.render import Column, Table

        columns = [
            Column("row", "Row", numeric=True),
            Column("action", "Action", kind="id"),
            Column("id", "Id", kind="id"),
            Column("name", "Name"),
            Column("detail", "Detail"),
        ]
        return [
            Table(columns, self.rows(), title=f"Import into hub {self.hub}", caption=self.summary())
        ]


def _line(row: int, action: str, org_id: str, name: str, detail: str) -> dict[str, Any]:
    return {"id": org_id, "row": row, "action": action, "name": name, "detail": detail}


class _Planner:
    def __init__(self, registry: Registry, options: ImportOptions) -> None:
        self.registry = registry
        self.options = options
        self.index = OrgIndex(registry)
        self.plan = ImportPlan(options.hub)
        self.existing_rows: dict[str, int] = {}
        self.new_ids: dict[str, int] = {}
        self.new_names: dict[str, int] = {}
        self.new_domains: dict[str, int] = {}

    def conflict(self, row: SheetRow, name: str, problems: list[str], org_id: str = "") -> None:
        self.plan.conflicts.append(Conflict(row.number, name, "; ".join(problems), org_id))

    def add(self, row: SheetRow) -> None:
        values = row.values
        name = " ".join(values.get("name", "").split())
        if not name:
            self.conflict(row, "", ["the name is empty"])
            return
        problems: list[str] = []
        since = self._since(values.get("since", ""), problems)
        role = self._role(values.get("role", ""), problems)
        website = parse_website(values.get("website", ""))
        matches = self.index.match(name, website or None)
        found = list(dict.fromkeys(match.org_id for match in matches))
        if len(found) > 1:
            described = ", ".join(f"{match.org_id} (same {match.reason})" for match in matches)
            self.conflict(row, name, [f"matches several organisations: {described}"])
            return
        if found:
            self._existing(row, name, found[0], since, role, problems)
        else:
            self._new(row, name, website, since, role, problems)

    def _since(self, text: str, problems: list[str]) -> PartialDate | None:
        if text.strip():
            try:
                return parse_date(text)
            except DateFormatError as error:
                problems.append(f"since: {error}")
                return None
        return self.options.since

    def _role(self, text: str, problems: list[str]) -> str:
        if not text.strip():
            return self.options.role
        role = parse_role(text)
        if role is None:
            hint = (
                suggestion(text, list(ROLE_WORDS)) or "member, operator, partner, mentor, investor"
            )
            problems.append(f"unknown role {quoted(text)} ({hint})")
            return self.options.role
        return role

    def _existing(
        self,
        row: SheetRow,
        name: str,
        org_id: str,
        since: PartialDate | None,
        role: str,
        problems: list[str],
    ) -> None:
        hub = self.options.hub
        first = self.existing_rows.setdefault(org_id, row.number)
        if first != row.number:
            self.conflict(row, name, [f"same organisation as row {first}"], org_id)
            return
        if problems:
            self.conflict(row, name, problems, org_id)
            return
        org = self.registry.orgs[org_id]
        current = [m for m in org.memberships if m.hub == hub and m.end is None]
        if current:
            reason = f"member of {hub} since {current[0].start or 'an unknown date'} already"
            self.plan.unchanged.append(Unchanged(row.number, org_id, org.name, reason))
            return
        if since is None:
            self.conflict(row, name, [NO_DATE], org_id)
            return
        overlap = membership_conflict(org, hub, since)
        if overlap is not None:
            self.conflict(row, name, [f"{org_id} {overlap}"], org_id)
            return
        membership = membership_mapping(hub, since, role, self.options.source)
        self.plan.new_memberships.append(NewMembership(row.number, org_id, org.name, membership))

    def _new(
        self,
        row: SheetRow,
        name: str,
        website: str,
        since: PartialDate | None,
        role: str,
        problems: list[str],
    ) -> None:
        values = row.values
        kind_text = values.get("kind", "").strip()
        kind = parse_kind(kind_text) if kind_text else None
        if not kind_text:
            problems.append("the kind is empty (startup, sme, university, ...)")
        elif kind is None:
            hint = suggestion(kind_text, list(KIND_WORDS))
            problems.append(f"unknown kind {quoted(kind_text)}" + (f" ({hint})" if hint else ""))
        sectors = self._sectors(values.get("sectors", ""), problems)
        if since is None and not values.get("since", "").strip():
            problems.append(NO_DATE)
        org_id = slugify(name)
        for seen, key in (
            (self.new_ids, org_id),
            (self.new_names, normalise_name(name)),
            (self.new_domains, website_domain(website) or ""),
        ):
            if key and key in seen:
                self.conflict(row, name, [f"same new organisation as row {seen[key]}"], org_id)
                return
        self.new_ids[org_id] = self.new_names[normalise_name(name)] = row.number
        if website_domain(website):
            self.new_domains[website_domain(website) or ""] = row.number
        if org_id in self.registry.orgs or org_id in self.registry.hubs:
            taken = (
                self.registry.org_file(org_id)
                if org_id in self.registry.orgs
                else self.registry.hub_file(org_id)
            )
            problems.append(
                f"the id {quoted(org_id)} is taken by {taken}; rename the row or add that record's name"
            )
        if problems or since is None or kind is None:
            self.conflict(row, name, problems, org_id)
            return
        source = self.options.source
        record = org_mapping(
            org_id=org_id,
            name=name,
            kind=kind,
            city=values.get("city") or None,
            website=website or None,
            sectors=sectors,
            memberships=[membership_mapping(self.options.hub, since, role, self.options.source)],
            sources=[source] if source is not None else [],
        )
        invalid = _model_problems(
            {**record, "sources": record.get("sources") or [_PLACEHOLDER_SOURCE]}
        )
        if invalid:
            self.conflict(row, name, invalid, org_id)
            return
        self.plan.new_orgs.append(NewOrg(row.number, org_id, name, record))

    def _sectors(self, text: str, problems: list[str]) -> list[str]:
        sectors = []
        for part in _SECTOR_SPLIT.split(text):
            label = part.strip()
            if not label:
                continue
            sector = self.registry.find_sector(label)
            if sector is None:
                hint = suggestion(label, self.registry.sector_labels())
                problems.append(f"unknown sector {quoted(label)}" + (f" ({hint})" if hint else ""))
            else:
                sectors.append(sector)
        return sectors


def _model_problems(record: dict[str, Any]) -> list[str]:
    from pydantic import ValidationError

    from dehub_cli.models import Org
    from dehub_cli.schema_errors import findings_from_errors

    try:
        Org.model_validate(record)
    except ValidationError as error:
        return [finding.message for finding in findings_from_errors(Org, error.errors(), "")]
    return []


def plan_import(
    rows: Sequence[SheetRow],
    registry: Registry,
    options: ImportOptions,
    *,
    step: Callable[[], None] | None = None,
) -> ImportPlan:
    """What importing ``rows`` into ``options.hub`` would change, row by row.

    ``step`` is called after each row (the CLI advances a progress bar with it).
    """
    planner = _Planner(registry, options)
    for row in rows:
        planner.add(row)
        if step is not None:
            step()
    return planner.plan
