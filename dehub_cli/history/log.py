"""``dehub log``: the registry's history, commit by commit, as semantic changes.

One ``git log --raw`` lists every commit that touched the registry with the blob ids of
the files it changed; the diff engine then compares each commit with its parent, reading
only those blobs. A record is followed across renames (git's and those found by content);
``hub`` keeps the membership changes that touch one hub.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.discovery import record_id_of
from dehub_cli.history.changes import (
    DiffResult,
    Note,
    RecordChange,
    count_changes,
    hub_ids_of,
    summarise,
)
from dehub_cli.history.diff import diff_changeset
from dehub_cli.history.git import BlobReader, HistoryError, LogCommit, Repository
from dehub_cli.history.snapshot import Revision, classify, hub_labels, load_changes

if TYPE_CHECKING:
    from dehub_cli.render import Feed, Section, Table


class UnknownRecordError(HistoryError):
    """An id that no commit of the registry's history names."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit and the semantic changes it made (to the record or hub asked about)."""

    commit: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: str
    committed: str
    message: str
    changes: tuple[RecordChange, ...] = ()
    notes: tuple[Note, ...] = ()
    layout_only: tuple[str, ...] = ()
    boundary: bool = False
    """A shallow clone's oldest commit: its parent is missing, so its changes are unknown."""

    @property
    def subject(self) -> str:
        return self.message.strip().split("\n", 1)[0]

    @property
    def unreadable(self) -> tuple[str, ...]:
        return tuple(sorted({note.file for note in self.notes if note.kind == "unreadable"}))

    def summary(self, hub_labels: Mapping[str, str] | None = None) -> str:
        if self.boundary:
            return "changes unknown: the parent commit is not in this shallow clone"
        return summarise(self.changes, self.unreadable, self.layout_only, hub_labels)

    def to_data(self, hub_labels: Mapping[str, str] | None = None) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "parents": list(self.parents),
            "date": self.committed,
            "authored": self.authored,
            "author": {"name": self.author, "email": self.email},
            "subject": self.subject,
            "message": self.message.strip(),
            "summary": self.summary(hub_labels),
            "counts": count_changes(self.changes, self.unreadable),
            "boundary": self.boundary,
            "changes": [change.to_data() for change in self.changes],
            "layout_only": list(self.layout_only),
            "notes": [note.to_data() for note in self.notes],
        }


@dataclass(frozen=True, slots=True)
class LogResult:
    """The commits that changed the registry (or one record, or one hub's memberships)."""

    record: str | None
    hub: str | None
    since: dt.date | None
    until: dt.date | None
    entries: tuple[LogEntry, ...]
    repository_id: str
    """The root commit(s) of the history: what makes feed ids unique to this registry."""
    head_date: str | None = None
    notes: tuple[str, ...] = ()
    hub_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def scope(self) -> str:
        """``registry``, ``record:<id>`` or ``hub:<id>``."""
        if self.record is not None:
            return f"record:{self.record}"
        if self.hub is not None:
            return f"hub:{self.hub}"
        return "registry"

    @property
    def title(self) -> str:
        if self.record is not None:
            return f"Changes to {self.record}"
        if self.hub is not None:
            return f"Membership changes in {self.hub_labels.get(self.hub, self.hub)}"
        return "Changes to the registry"

    @property
    def updated(self) -> str | None:
        """The newest commit date shown (else ``HEAD``'s): the feed's ``updated``."""
        if self.entries:
            return max(self.entries, key=lambda entry: _instant(entry.committed)).committed
        return self.head_date

    def feed_id(self) -> str:
        return _urn(f"dehub-log:{self.repository_id}:{self.scope}")

    def entry_id(self, entry: LogEntry) -> str:
        return _urn(f"dehub-log:{self.repository_id}:{self.scope}:{entry.commit}")

    def to_data(self) -> dict[str, Any]:
        return {
            "scope": {"record": self.record, "hub": self.hub},
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "entries": [entry.to_data(self.hub_labels) for entry in self.entries],
            "notes": list(self.notes),
        }

    def tables(self) -> list[Table | Section]:
        from dehub_cli.history.render import log_tables

        return log_tables(self)

    def markdown(self) -> str:
        from dehub_cli.history.render import log_markdown

        return log_markdown(self)

    def feed(self) -> Feed:
        """An Atom feed of the commits shown."""
        from dehub_cli.history.render import log_feed

        return log_feed(self)


def build_log(
    registry: Path,
    *,
    record: str | None = None,
    hub: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    first_parent: bool = False,
) -> LogResult:
    """The history of the registry at ``registry``, newest first.

    ``record``: only the commits that changed that hub or organisation, followed across
    renames. ``hub``: only membership changes in that hub (and changes of the hub itself).
    An id no commit names may be a name or city in the current registry (``Köln``).
    ``since``/``until``: commit dates, both days included. ``limit``: at most that many
    entries. Raises :class:`UnknownRecordError` for an id no commit names.
    """
    repository = Repository.discover(registry)
    prefix = repository.prefix_of(registry)
    commits = repository.log(prefix, first_parent=first_parent)
    if record is not None:
        record = _known_id(record, commits, prefix, registry, hub=False)
    if hub is not None:
        hub = _known_id(hub, commits, prefix, registry, hub=True)
    boundary = repository.shallow_commits()
    walk = _Walk(prefix, since, until, limit, boundary)
    with repository.blobs() as blobs:
        if record is not None:
            entries = walk.record(commits, record, blobs)
        elif hub is not None:
            entries = walk.hub(commits, hub, blobs)
        else:
            entries = walk.everything(commits, blobs)
        named = hub_ids_of(change for entry in entries for change in entry.changes)
        if hub is not None:
            named.add(hub)
        labels = _current_labels(repository, prefix, named, blobs)
    notes: list[str] = []
    if any(entry.boundary for entry in entries) or (repository.shallow and commits):
        notes.append(
            "this clone is shallow: older history is missing; fetch it with "
            "'git fetch --unshallow' (or 'git fetch --deepen=N' for N more commits)"
        )
    roots = repository.root_commits() if commits else ()
    return LogResult(
        record=record,
        hub=hub,
        since=since,
        until=until,
        entries=tuple(entries),
        repository_id=",".join(roots) or "empty",
        head_date=commits[0].committed if commits else None,
        notes=tuple(notes),
        hub_labels=labels,
    )


@dataclass
class _Walk:
    prefix: str
    since: dt.date | None
    until: dt.date | None
    limit: int | None
    boundary: frozenset[str]

    def everything(self, commits: Iterable[LogCommit], blobs: BlobReader) -> list[LogEntry]:
        entries: list[LogEntry] = []
        for commit in commits:
            if not self._in_window(commit):
                continue
            entries.append(self._entry(commit, self._diff(commit, blobs)))
            if self._full(entries):
                break
        return entries

    def record(
        self, commits: Iterable[LogCommit], record: str, blobs: BlobReader
    ) -> list[LogEntry]:
        """Commits that touched the record, newest first, following renames backwards."""
        tracked = {record}
        entries: list[LogEntry] = []
        for commit in commits:
            if not self._touches(commit, tracked, ("hub", "org")):
                continue
            result = self._diff(commit, blobs)
            kept = tuple(
                change
                for change in (result.changes if result else ())
                if change.kind in ("hub", "org") and tracked & set(change.ids)
            )
            if self._in_window(commit):
                entries.append(self._entry(commit, result, kept, tracked))
            for change in kept:
                if change.old_id is not None and change.id in tracked:
                    tracked.discard(change.id)
                    tracked.add(change.old_id)
            if self._full(entries):
                break
        return entries

    def hub(self, commits: Iterable[LogCommit], hub: str, blobs: BlobReader) -> list[LogEntry]:
        """Commits with membership changes in the hub (or changes of the hub itself)."""
        tracked = {hub}
        entries: list[LogEntry] = []
        for commit in commits:
            in_window = self._in_window(commit)
            if not in_window and not self._touches(commit, tracked, ("hub",)):
                continue
            if not self._touches(commit, None, ("hub", "org")):
                continue
            result = self._diff(commit, blobs)
            kept = tuple(
                found
                for change in (result.changes if result else ())
                if (found := _for_hub(change, tracked)) is not None
            )
            if in_window and (kept or result is None):
                entries.append(self._entry(commit, result, kept, None))
            for change in kept:
                if change.kind == "hub" and change.old_id is not None and change.id in tracked:
                    tracked.discard(change.id)
                    tracked.add(change.old_id)
            if self._full(entries):
                break
        return entries

    def _diff(self, commit: LogCommit, blobs: BlobReader) -> DiffResult | None:
        """The commit against its (first) parent; ``None`` at a shallow boundary."""
        if not commit.parents and commit.commit in self.boundary:
            return None
        parent = commit.parents[0] if commit.parents else None
        old = Revision(parent or "empty tree", parent)
        new = Revision(commit.commit, commit.commit)
        return diff_changeset(load_changes(commit.changes, self.prefix, old, new, blobs))

    def _entry(
        self,
        commit: LogCommit,
        result: DiffResult | None,
        changes: tuple[RecordChange, ...] | None = None,
        ids: set[str] | None = None,
    ) -> LogEntry:
        if result is None:
            return _log_entry(commit, boundary=True)
        notes = result.notes
        layout = result.layout_only
        if ids is not None:
            notes = tuple(note for note in notes if record_id_of(note.file) in ids)
            layout = tuple(path for path in layout if record_id_of(path) in ids)
        return _log_entry(
            commit,
            changes=result.changes if changes is None else changes,
            notes=notes,
            layout_only=layout,
        )

    def _in_window(self, commit: LogCommit) -> bool:
        day = _day(commit.committed)
        if self.since is not None and day < self.since:
            return False
        return not (self.until is not None and day > self.until)

    def _full(self, entries: list[LogEntry]) -> bool:
        return self.limit is not None and len(entries) >= self.limit

    def _touches(self, commit: LogCommit, ids: set[str] | None, kinds: tuple[str, ...]) -> bool:
        for change in commit.changes:
            for path in (change.old_path, change.new_path):
                found = _registry_kind(path, self.prefix)
                if found is not None and found[0] in kinds and (ids is None or found[1] in ids):
                    return True
        return False


def _log_entry(
    commit: LogCommit,
    *,
    changes: tuple[RecordChange, ...] = (),
    notes: tuple[Note, ...] = (),
    layout_only: tuple[str, ...] = (),
    boundary: bool = False,
) -> LogEntry:
    return LogEntry(
        commit=commit.commit,
        parents=commit.parents,
        author=commit.author,
        email=commit.email,
        authored=commit.authored,
        committed=commit.committed,
        message=commit.message,
        changes=changes,
        notes=notes,
        layout_only=layout_only,
        boundary=boundary,
    )


def _for_hub(change: RecordChange, hubs: set[str]) -> RecordChange | None:
    """The part of ``change`` that touches one of ``hubs``: memberships and their sources."""
    if change.kind == "hub":
        return change if hubs & set(change.ids) else None
    if change.kind != "org":
        return None
    if change.change in ("added", "removed"):
        return change if hubs & set(change.hubs) else None
    memberships = tuple(
        membership
        for membership in change.memberships
        if membership.hub in hubs or (membership.old or {}).get("hub") in hubs
    )
    sources = tuple(
        source
        for source in change.sources
        if source.membership is not None and source.membership[0] in hubs
    )
    renamed_member = change.change == "renamed" and bool(hubs & set(change.hubs))
    if not (memberships or sources or renamed_member):
        return None
    return replace(change, fields=(), memberships=memberships, sources=sources)


def _known_id(
    wanted: str, commits: Iterable[LogCommit], prefix: str, registry: Path, *, hub: bool
) -> str:
    """``wanted`` if a commit names it (or names its file), else the id its name or city has
    in the registry now."""
    if wanted.endswith((".yaml", ".yml")):  # a file named instead of its record
        wanted = wanted.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    kinds = ("hub",) if hub else ("hub", "org")
    seen: set[str] = set()
    for commit in commits:
        for change in commit.changes:
            for path in (change.old_path, change.new_path):
                found = _registry_kind(path, prefix)
                if found is not None and found[0] in kinds:
                    seen.add(found[1])
    if wanted in seen:
        return wanted
    named = _current_id(registry, wanted, hub=hub)
    if named is not None and named in seen:
        return named
    from dehub_cli.textnorm import suggestion

    what = "hub" if hub else "hub or organisation"
    raise UnknownRecordError(
        f"no commit of the registry's history names a {what} '{wanted}'",
        suggestion(wanted, seen) or "ids are file names without .yaml: dehub log bitkom",
    )


def _current_id(registry: Path, text: str, *, hub: bool) -> str | None:
    """The id a name or city has in the current registry (``Köln`` -> ``koeln``), if any."""
    from dehub_cli.api import load
    from dehub_cli.errors import QueryError
    from dehub_cli.query import resolve_record

    current = load(registry).registry
    if hub:
        return current.find_hub(text)
    try:
        return resolve_record(current, text)[1]
    except QueryError:
        return None


def _registry_kind(path: str | None, prefix: str) -> tuple[str, str] | None:
    if path is None:
        return None
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix) + 1 :]
    return classify(path)


def _current_labels(
    repository: Repository, prefix: str, hubs: set[str], blobs: BlobReader
) -> dict[str, str]:
    """Hub labels from the working tree (a hub since removed keeps its id)."""
    from dehub_cli.history.snapshot import Snapshot

    empty = Snapshot(Revision("working tree", None), {})
    return hub_labels(hubs, empty, prefix, blobs, repository.toplevel)


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _day(text: str) -> dt.date:
    return dt.datetime.fromisoformat(text).date()


def _urn(text: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, text).urn
