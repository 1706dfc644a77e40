"""The registry at a revision, as far as a diff needs it: ``{path: parsed record}``.

Only files that differ between two revisions are read (by blob id from ``git diff --raw``,
or from disk for the working tree); unchanged files cost nothing. Each file is parsed and
validated with :func:`dehub_cli.check_record_bytes`. A valid record is compared in its
canonical form (defaults filled in, ``fintech`` = ``{sector: fintech}``); an invalid one
as far as it parses, in the same form, with a note saying why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dehub_cli.discovery import YAML_SUFFIXES as SUFFIXES
from dehub_cli.discovery import Kind as FileKind
from dehub_cli.filecheck import MAX_FILE_BYTES
from dehub_cli.history.git import BlobReader, RawChange
from dehub_cli.models import ID_PATTERN
from dehub_cli.reading import read_limited

DATE_KEYS = frozenset(
    ("since", "until", "first_seen", "last_seen", "date", "announced", "launched")
)

_ID = re.compile(ID_PATTERN)


def classify(relative: str) -> tuple[FileKind, str] | None:
    """What a path inside the registry holds: ``("org", "bitkom")`` for ``orgs/bitkom.yaml``.

    ``None`` for files the registry does not read (other suffixes, hidden or nested files).
    """
    directory, _, name = relative.rpartition("/")
    if name.startswith(".") or not name.endswith(SUFFIXES):
        return None
    stem = name.rsplit(".", 1)[0]
    if directory == "":
        if stem in ("sectors", "initiative"):
            return stem, stem  # type: ignore[return-value]
        return None
    if directory == "hubs":
        return "hub", stem
    if directory == "orgs":
        return "org", stem
    return None


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of a comparison: what the user named, and the commit (``None``: working tree)."""

    label: str
    commit: str | None

    def to_data(self) -> dict[str, Any]:
        return {"revision": self.label, "commit": self.commit}


@dataclass(slots=True)
class RecordFile:
    """One registry file at one revision: its record in canonical form, or why it has none."""

    path: str
    """From the repository root: ``data/orgs/bitkom.yaml``."""
    kind: FileKind
    id: str
    data: dict[str, Any] | None
    """Canonical record (without ``id``); ``None`` when the file could not be read at all."""
    problems: tuple[str, ...] = ()
    """Why it does not validate (``line:column: message [code]``), first problem first."""
    text: str | None = None
    _parsed: Any = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return not self.problems

    def line(self, path: tuple[str | int, ...], *, key: bool = False) -> int | None:
        """The 1-based line of ``path`` in this file (or of its nearest known parent)."""
        if self.text is None:
            return None
        if self._parsed is None:
            from dehub_cli.yamlparse import parse_yaml

            self._parsed = parse_yaml(self.text, track_positions=True)
        return int(self._parsed.position(path, key=key)[0])


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The files of one revision that a comparison read, by path."""

    revision: Revision
    files: Mapping[str, RecordFile]


@dataclass(frozen=True, slots=True)
class FilePair:
    """A file on both sides, or on one, as git paired them."""

    old: str | None
    new: str | None
    renamed: bool = False
    """Git saw a rename (``score``: how similar it found the files, in percent)."""
    score: int | None = None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything a semantic diff needs: both snapshots and the pairs of changed files."""

    old: Snapshot
    new: Snapshot
    pairs: tuple[FilePair, ...]


def read_record(path: str, kind: FileKind, record_id: str, data: bytes | None) -> RecordFile:
    """Parse and validate one file's bytes; an invalid record is kept as far as it parses."""
    from dehub_cli import check_record_bytes

    if data is None:
        return RecordFile(path, kind, record_id, None, ("the file could not be read",))
    check = check_record_bytes(kind, path, data)
    problems = tuple(
        f"{d.line}:{d.column}: {d.message} [{d.code}]"
        for d in check.diagnostics
        if d.severity == "error"
    )
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if check.record is not None:
        dumped = check.record.model_dump(mode="json", exclude_none=True)
        return RecordFile(path, kind, record_id, canonical(kind, dumped), problems, text)
    if text is None or len(data) > MAX_FILE_BYTES:
        return RecordFile(path, kind, record_id, None, problems)
    from dehub_cli.yamlparse import parse_yaml

    value = parse_yaml(text).value
    if not isinstance(value, dict):
        return RecordFile(path, kind, record_id, None, problems, text)
    return RecordFile(path, kind, record_id, canonical(kind, value), problems, text)


def canonical(kind: FileKind, value: dict[Any, Any]) -> dict[str, Any]:
    """One meaning, one form: no ``id``, no empty or null keys, defaults and short forms expanded."""
    record = {key: item for key, item in value.items() if key != "id"}
    if kind == "hub":
        for key, inner in (("sectors", "sector"), ("cities", "name")):
            items = record.get(key)
            if isinstance(items, list):
                record[key] = [{inner: item} if isinstance(item, str) else item for item in items]
    elif kind == "org" and isinstance(record.get("memberships"), list):
        record["memberships"] = [
            {**item, "role": item.get("role") or "member"} if isinstance(item, dict) else item
            for item in record["memberships"]
        ]
    cleaned = _clean(record, None)
    assert isinstance(cleaned, dict)
    return cleaned


def _clean(value: Any, key: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(inner): _clean(item, inner) for inner, item in value.items() if not _empty(item)
        }
    if isinstance(value, list):
        return [_clean(item, None) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if key in DATE_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, dict)) and not value)


def load_changes(
    changes: Iterable[RawChange],
    prefix: str,
    old: Revision,
    new: Revision,
    blobs: BlobReader,
    worktree: Path | None = None,
) -> ChangeSet:
    """Read both sides of every changed registry file; files outside ``prefix`` are ignored.

    The old side comes from the object store; the new side too, or from disk under
    ``worktree`` when ``new`` is the working tree.
    """
    selected = []
    for change in changes:
        old_path = _inside(change.old_path, prefix, change.old_mode)
        new_path = _inside(change.new_path, prefix, change.new_mode)
        if old_path is not None or new_path is not None:
            selected.append((change, old_path, new_path))
    names: list[str] = []
    for change, old_path, new_path in selected:
        if old_path is not None:
            names.append(change.old_oid or f"{old.commit}:{old_path[0]}")
        if new_path is not None and worktree is None:
            names.append(change.new_oid or f"{new.commit}:{new_path[0]}")
    contents = blobs.read_many(names)
    old_files: dict[str, RecordFile] = {}
    new_files: dict[str, RecordFile] = {}
    pairs: list[FilePair] = []
    for change, old_path, new_path in selected:
        data: bytes | None = None
        if new_path is not None:
            if worktree is None:
                data = contents[change.new_oid or f"{new.commit}:{new_path[0]}"]
            else:
                data = _read_disk(worktree / new_path[0])
                if data is not None and _same_blob(data, change.old_oid):
                    continue  # only its stat changed (git lists it: the index is not refreshed)
            kind, record_id = new_path[1]
            new_files[new_path[0]] = read_record(new_path[0], kind, record_id, data)
        if old_path is not None:
            kind, record_id = old_path[1]
            before = contents[change.old_oid or f"{old.commit}:{old_path[0]}"]
            old_files[old_path[0]] = read_record(old_path[0], kind, record_id, before)
        pairs.append(
            FilePair(
                old_path[0] if old_path else None,
                new_path[0] if new_path else None,
                renamed=change.renamed and old_path is not None and new_path is not None,
                score=change.score,
            )
        )
    return ChangeSet(Snapshot(old, old_files), Snapshot(new, new_files), tuple(pairs))


def _same_blob(data: bytes, oid: str | None) -> bool:
    """Whether ``data`` is the blob ``oid`` (SHA-1 or SHA-256 repositories)."""
    if oid is None:
        return False
    import hashlib

    digest = hashlib.sha1 if len(oid) == 40 else hashlib.sha256
    return digest(b"blob %d\0" % len(data) + data).hexdigest() == oid


def _inside(path: str | None, prefix: str, mode: str) -> tuple[str, tuple[FileKind, str]] | None:
    """``(path, (kind, id))`` for a regular file of the registry, else ``None``."""
    if path is None or not mode.startswith("100"):
        return None
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        relative = path[len(prefix) + 1 :]
    else:
        relative = path
    kind = classify(relative)
    return (path, kind) if kind is not None else None


def _read_disk(path: Path) -> bytes | None:
    try:
        return read_limited(path, MAX_FILE_BYTES)
    except OSError:
        return None


def hub_labels(
    hub_ids: Iterable[str],
    new: Snapshot,
    prefix: str,
    blobs: BlobReader,
    worktree: Path | None = None,
) -> dict[str, str]:
    """How summaries name each hub: its cities (``Dresden/Leipzig``), else its name, else its id.

    A hub file the diff did not read is read here: one small file per hub named.
    """
    from dehub_cli.yamlparse import parse_yaml

    base = f"{prefix}/hubs/" if prefix else "hubs/"
    labels: dict[str, str] = {}
    for hub_id in sorted(set(hub_ids)):
        value: Any = None
        if not _ID.fullmatch(hub_id):  # not a hub's id: no file can have its name
            labels[hub_id] = hub_id
            continue
        for suffix in SUFFIXES:
            path = base + hub_id + suffix
            known = new.files.get(path)
            if known is not None:
                value = known.data
                break
            data = _read_current(path, new, blobs, worktree)
            if data is not None:
                try:
                    value = parse_yaml(data.decode("utf-8-sig")).value
                except UnicodeDecodeError:
                    value = None
                break
        labels[hub_id] = _hub_label(value, hub_id)
    return labels


def _read_current(
    path: str, new: Snapshot, blobs: BlobReader, worktree: Path | None
) -> bytes | None:
    if worktree is not None:
        return _read_disk(worktree / path)
    if new.revision.commit is None or "/" not in path:
        return None
    return blobs.read(f"{new.revision.commit}:{path}")


def _hub_label(value: Any, hub_id: str) -> str:
    if not isinstance(value, dict):
        return hub_id
    cities = value.get("cities")
    if isinstance(cities, list):
        found = [city.get("name") if isinstance(city, dict) else city for city in cities]
        names = [name.strip() for name in found if isinstance(name, str) and name.strip()]
        if names:
            return "/".join(names)
    name = value.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else hub_id
