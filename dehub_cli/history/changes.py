"""What a semantic diff of the registry finds: one frozen value per change, and the result.

:class:`DiffResult` is what ``dehub diff`` returns and what each ``dehub log`` entry holds;
its ``to_data()`` is the documented JSON shape (docs/HISTORY.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from dehub_cli.history.snapshot import Revision
from dehub_cli.history.text import visible
from dehub_cli.textnorm import plural

if TYPE_CHECKING:
    from dehub_cli.render import Annotation, Section, Table

RecordType = Literal["initiative", "sector", "hub", "org"]
KIND_ORDER: dict[str, int] = {"initiative": 0, "sector": 1, "hub": 2, "org": 3}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A value that changed: ``old`` -> ``new`` (``None``: absent)."""

    field: str
    old: Any
    new: Any
    line: int | None = None
    """Line in the new file (of the key, or of its nearest parent when the key is gone)."""

    def to_data(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "line": self.line}


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source added, removed or changed (same URL, other title or date)."""

    change: Literal["added", "removed", "changed"]
    url: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    membership: tuple[str, str] | None = None
    """``(hub, role)`` when the source belongs to a membership."""
    published: str | None = None
    """The date of the published figures the source belongs to."""
    line: int | None = None

    def to_data(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "url": self.url,
            "old": self.old,
            "new": self.new,
            "membership": (
                {"hub": self.membership[0], "role": self.membership[1]} if self.membership else None
            ),
            "published": self.published,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A membership started (new entry), ended (an end set), changed or removed (entry gone)."""

    change: Literal["started", "ended", "changed", "removed"]
    hub: str
    role: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: tuple[FieldChange, ...] = ()
    line: int | None = None

    def to_data(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "hub": self.hub,
            "role": self.role,
            "old": self.old,
            "new": self.new,
            "fields": [change.to_data() for change in self.fields],
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class FigureChange:
    """Figures the initiative published on one date: added, removed or changed."""

    change: Literal["added", "removed", "changed"]
    date: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: tuple[FieldChange, ...] = ()
    line: int | None = None

    def to_data(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "date": self.date,
            "old": self.old,
            "new": self.new,
            "fields": [change.to_data() for change in self.fields],
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class RecordChange:
    """What happened to one record: an organisation, a hub, a sector or the initiative."""

    kind: RecordType
    change: Literal["added", "removed", "renamed", "changed"]
    id: str
    """The id in the new revision (the old one for a removed record)."""
    file: str
    """The file in the new revision (the old one for a removed record), from the repository root."""
    name: str | None = None
    old_id: str | None = None
    old_file: str | None = None
    renamed_by: Literal["git", "content"] | None = None
    """How a rename was found: git's rename detection, or matching the content."""
    line: int | None = None
    hubs: tuple[str, ...] = ()
    """An organisation's hubs (of its memberships), in file order."""
    record: dict[str, Any] | None = None
    """The whole record, for an added or removed one."""
    fields: tuple[FieldChange, ...] = ()
    memberships: tuple[MembershipChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()
    published: tuple[FigureChange, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id,) if self.old_id is None else (self.id, self.old_id)

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "change": self.change,
            "id": self.id,
            "old_id": self.old_id,
            "name": self.name,
            "file": self.file,
            "old_file": self.old_file,
            "line": self.line,
            "renamed_by": self.renamed_by,
            "hubs": list(self.hubs),
            "record": self.record,
            "fields": [change.to_data() for change in self.fields],
            "memberships": [change.to_data() for change in self.memberships],
            "sources": [change.to_data() for change in self.sources],
            "published": [change.to_data() for change in self.published],
        }


@dataclass(frozen=True, slots=True)
class Note:
    """A file that could not be read (``unreadable``) or does not validate (``invalid``)."""

    file: str
    revision: Literal["from", "to"]
    kind: Literal["unreadable", "invalid"]
    message: str

    def to_data(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "revision": self.revision,
            "kind": self.kind,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The semantic difference between two revisions of the registry."""

    old: Revision
    new: Revision
    changes: tuple[RecordChange, ...]
    notes: tuple[Note, ...] = ()
    layout_only: tuple[str, ...] = ()
    """Files that changed only in layout or comments."""
    hub_labels: Mapping[str, str] = field(default_factory=dict)
    """How summaries name hubs (``dortmund`` -> ``Dortmund``)."""

    @property
    def unreadable(self) -> tuple[str, ...]:
        return tuple(sorted({note.file for note in self.notes if note.kind == "unreadable"}))

    @property
    def has_changes(self) -> bool:
        return bool(self.changes or self.unreadable)

    def hub_ids(self) -> set[str]:
        """Every hub a change names (for :attr:`hub_labels`)."""
        return hub_ids_of(self.changes)

    def counts(self) -> dict[str, dict[str, int]]:
        return count_changes(self.changes, self.unreadable)

    def summary(self) -> str:
        return summarise(self.changes, self.unreadable, self.layout_only, self.hub_labels)

    def to_data(self) -> dict[str, Any]:
        return {
            "from": self.old.to_data(),
            "to": self.new.to_data(),
            "summary": self.summary(),
            "counts": self.counts(),
            "changes": [change.to_data() for change in self.changes],
            "layout_only": list(self.layout_only),
            "notes": [note.to_data() for note in self.notes],
        }

    def tables(self) -> list[Table | Section]:
        from dehub_cli.history.render import diff_tables

        return diff_tables(self)

    def markdown(self) -> str:
        """The pull-request comment: the one-line summary, then every change."""
        from dehub_cli.history.render import diff_markdown

        return diff_markdown(self)

    def annotations(self) -> list[Annotation]:
        """A notice on each changed line of the new revision."""
        from dehub_cli.history.render import diff_annotations

        return diff_annotations(self)


# -- counting and summarising ------------------------------------------------------------


def hub_ids_of(changes: Iterable[RecordChange]) -> set[str]:
    found: set[str] = set()
    for change in changes:
        found.update(change.hubs)
        found.update(membership.hub for membership in change.memberships)
        if change.kind == "hub":
            found.add(change.id)
    return found


def count_changes(
    changes: Iterable[RecordChange], unreadable: Sequence[str] = ()
) -> dict[str, dict[str, int]]:
    """How many of each change, in one fixed shape (every key always present)."""
    counts: dict[str, dict[str, int]] = {
        "organisations": dict.fromkeys(("added", "removed", "renamed", "changed"), 0),
        "hubs": dict.fromkeys(("added", "removed", "renamed", "changed"), 0),
        "memberships": dict.fromkeys(("started", "ended", "changed", "removed"), 0),
        "sources": dict.fromkeys(("added", "removed", "changed"), 0),
        "sectors": dict.fromkeys(("added", "removed", "changed"), 0),
        "published": dict.fromkeys(("added", "removed", "changed"), 0),
        "initiative": dict.fromkeys(("added", "removed", "changed"), 0),
        "files": {"unreadable": len(unreadable)},
    }
    group = {"org": "organisations", "hub": "hubs", "sector": "sectors", "initiative": "initiative"}
    for change in changes:
        bucket = counts[group[change.kind]]
        if change.change == "changed":
            if change.fields:
                bucket["changed"] += 1
        else:
            bucket[change.change] += 1
        for membership in change.memberships:
            counts["memberships"][membership.change] += 1
        for source in change.sources:
            counts["sources"][source.change] += 1
        for figure in change.published:
            counts["published"][figure.change] += 1
    return counts


_NOUNS = {
    "organisations": ("organisation", "organisations"),
    "hubs": ("hub", "hubs"),
    "memberships": ("membership", "memberships"),
    "sources": ("source", "sources"),
    "sectors": ("sector", "sectors"),
    "published": ("figure publication", "figure publications"),
}


SUMMARY_HUBS = 3
"""Organisations added in more hubs than this are summed up: ``(35 in Potsdam, ..., 9 elsewhere)``."""


def _added_where(added_in: Counter[str], labels: Mapping[str, str]) -> str:
    """``3 organisations added in Dortmund``, or ``12 organisations added (9 in Potsdam, 3 in
    Hamburg)`` when they went to several hubs; past three hubs, or without a membership
    (``""``), they count as ``elsewhere``."""
    total = plural(sum(added_in.values()), "organisation") + " added"
    if len(added_in) == 1:
        (hub,) = added_in
        return f"{total} in {visible(labels.get(hub, hub))}" if hub else total
    groups = sorted(
        ((visible(labels.get(hub, hub)) if hub else "", count) for hub, count in added_in.items()),
        key=lambda item: (-item[1], item[0] == "", item[0].casefold()),
    )
    shown = [group for group in groups if group[0]][:SUMMARY_HUBS]
    rest = sum(added_in.values()) - sum(count for _, count in shown)
    where = [f"{count:,} in {label}" for label, count in shown]
    if rest:
        where.append(f"{rest:,} elsewhere")
    return f"{total} ({', '.join(where)})"


def summarise(
    changes: Sequence[RecordChange],
    unreadable: Sequence[str] = (),
    layout_only: Sequence[str] = (),
    hub_labels: Mapping[str, str] | None = None,
) -> str:
    """One line: ``3 organisations added in Dortmund, 1 membership ended, 2 sources added``.

    An added organisation is counted in the hub of its first membership.
    """
    labels = hub_labels or {}
    counts = count_changes(changes, unreadable)
    parts: list[str] = []
    added_in: Counter[str] = Counter()
    for change in changes:
        if change.kind == "org" and change.change == "added":
            added_in[change.hubs[0] if change.hubs else ""] += 1
    if added_in:
        parts.append(_added_where(added_in, labels))
    for group, verbs in (
        ("organisations", ("removed", "renamed", "changed")),
        ("hubs", ("added", "removed", "renamed", "changed")),
        ("memberships", ("started", "ended", "changed", "removed")),
        ("sources", ("added", "removed", "changed")),
        ("sectors", ("added", "removed", "changed")),
        ("published", ("added", "removed", "changed")),
    ):
        singular, plural_form = _NOUNS[group]
        for verb in verbs:
            count = counts[group][verb]
            if count:
                parts.append(f"{plural(count, singular, plural_form)} {verb}")
    for verb in ("added", "removed", "changed"):
        if counts["initiative"][verb]:
            parts.append(f"initiative {verb}")
    if unreadable:
        parts.append(f"{plural(len(unreadable), 'file')} could not be read")
    if parts:
        return ", ".join(parts)
    if layout_only:
        return f"no changes ({plural(len(layout_only), 'file')} changed only in layout or comments)"
    return "no changes"
