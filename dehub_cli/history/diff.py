"""The semantic diff of two snapshots of the registry: pure, no git, no I/O.

Records are paired by path (git's rename detection included), then by id, then by
content for renames git missed; then each pair is compared value by value
(:mod:`~dehub_cli.history.fields`). Values are compared in the canonical form of
:mod:`~dehub_cli.history.snapshot`, so layout and comments never count as changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from dehub_cli.history.changes import (
    KIND_ORDER,
    DiffResult,
    FigureChange,
    MembershipChange,
    Note,
    RecordChange,
    SourceChange,
)
from dehub_cli.history.fields import (
    dict_items,
    field_changes,
    figure_changes,
    membership_changes,
    source_changes,
    text,
)
from dehub_cli.history.snapshot import ChangeSet, RecordFile
from dehub_cli.textnorm import plural

FIELD_ORDER: dict[str, tuple[str, ...]] = {
    "org": ("name", "kind", "city", "founded", "website", "description", "identifiers", "sectors"),
    "hub": ("name", "cities", "laender", "sectors", "announced", "twins", "website", "description"),
    "sector": ("name", "name_de", "aliases"),
    "initiative": ("name", "short_name", "launched", "website", "description"),
}
CONTENT_MATCH_MIN = 0.8
"""Share of equal values (sources aside) from which a removed and an added record are one,
renamed. The same name (legal form aside), website or identifiers count as a match too.
High on purpose: records of one batch share kind, role and start date."""
CONTENT_MATCH_MAX_PAIRS = 40_000
"""Beyond this many removed x added records, renames are matched by name and website only."""


def diff_changeset(changes: ChangeSet) -> DiffResult:
    """The semantic diff of the files in ``changes`` (both sides already read)."""
    notes = _notes(changes)
    entries = _pair_records(changes)
    hub_renames = {
        old.id: new.id
        for old, new, _ in entries
        if old is not None and new is not None and old.kind == "hub" and old.id != new.id
    }
    results: list[RecordChange] = []
    layout_only: list[str] = []
    for old, new, renamed_by in entries:
        found = _record_changes(old, new, renamed_by, hub_renames)
        results.extend(found)
        readable = old is not None and new is not None and None not in (old.data, new.data)
        if readable and not found:
            assert new is not None
            layout_only.append(new.path)
    results.sort(key=lambda change: (KIND_ORDER[change.kind], change.id, change.file))
    return DiffResult(
        changes.old.revision,
        changes.new.revision,
        tuple(results),
        tuple(notes),
        tuple(sorted(layout_only)),
    )


def _notes(changes: ChangeSet) -> list[Note]:
    notes: list[Note] = []
    for side, snapshot in (("from", changes.old), ("to", changes.new)):
        for path in sorted(snapshot.files):
            record = snapshot.files[path]
            if record.valid and record.data is not None:
                continue
            more = len(record.problems) - 1
            first = record.problems[0] if record.problems else "it could not be read"
            detail = first + (f" (and {plural(more, 'more problem')})" if more > 0 else "")
            if record.data is None:
                notes.append(Note(path, side, "unreadable", f"could not be read: {detail}"))  # type: ignore[arg-type]
            else:
                notes.append(
                    Note(
                        path,
                        side,  # type: ignore[arg-type]
                        "invalid",
                        f"does not validate, compared as far as it parses: {detail}",
                    )
                )
    return notes


Entry = tuple[RecordFile | None, RecordFile | None, Literal["git", "content"] | None]


def _pair_records(changes: ChangeSet) -> list[Entry]:
    """Old and new file of each record: git's pairs, then same id, then similar content."""
    entries: list[Entry] = []
    removed: list[RecordFile] = []
    added: list[RecordFile] = []
    for pair in changes.pairs:
        old = changes.old.files.get(pair.old) if pair.old else None
        new = changes.new.files.get(pair.new) if pair.new else None
        if old is not None and new is not None and old.kind == new.kind:
            if old.id == new.id:
                entries.append((old, new, None))
                continue
            if _git_rename_holds(old, new, pair.score):
                entries.append((old, new, "git"))
                continue
        if old is not None:
            removed.append(old)
        if new is not None:
            added.append(new)
    by_key = {(record.kind, record.id): record for record in added}
    unmatched_removed: list[RecordFile] = []
    for old in removed:
        new = by_key.pop((old.kind, old.id), None)
        if new is None:
            unmatched_removed.append(old)
        else:
            entries.append((old, new, None))
    unmatched_added = [record for record in added if by_key.get((record.kind, record.id)) is record]
    matched = _match_by_content(unmatched_removed, unmatched_added)
    for old, new in matched:
        entries.append((old, new, "content"))
    paired = {id(record) for pair in matched for record in pair}
    entries += [(old, None, None) for old in unmatched_removed if id(old) not in paired]
    entries += [(None, new, None) for new in unmatched_added if id(new) not in paired]
    return entries


def _git_rename_holds(old: RecordFile, new: RecordFile, score: int | None) -> bool:
    """Git pairs small files on shared lines (``kind: startup``, a common source): a rename
    it reports holds when the files are identical or the records alike."""
    if score == 100 or old.data is None or new.data is None:
        return True
    return _similarity(old, new) >= CONTENT_MATCH_MIN


def _match_by_content(
    removed: Sequence[RecordFile], added: Sequence[RecordFile]
) -> list[tuple[RecordFile, RecordFile]]:
    """Renames git missed: same name, website or identifiers, or mostly the same values.

    Names, websites and identifiers are looked up in an index; values are compared pair by
    pair only while there are at most ``CONTENT_MATCH_MAX_PAIRS`` pairs.
    """
    matches: list[tuple[RecordFile, RecordFile]] = []
    for kind in ("hub", "org"):
        olds = [record for record in removed if record.kind == kind and record.data is not None]
        news = [record for record in added if record.kind == kind and record.data is not None]
        if not olds or not news:
            continue
        scores: dict[tuple[int, int], float] = {}
        index: dict[tuple[str, str], list[int]] = {}
        for position, new in enumerate(news):
            for key, _ in _identity(new):
                index.setdefault(key, []).append(position)
        for old_position, old in enumerate(olds):
            for key, score in _identity(old):
                for new_position in index.get(key, ()):
                    pair = (old_position, new_position)
                    scores[pair] = max(scores.get(pair, 0.0), score)
        if len(olds) * len(news) <= CONTENT_MATCH_MAX_PAIRS:
            old_leaves = [_leaves(record.data) for record in olds]
            new_leaves = [_leaves(record.data) for record in news]
            for old_position, first in enumerate(old_leaves):
                for new_position, second in enumerate(new_leaves):
                    share = len(first & second) / max(len(first), len(second), 1)
                    pair = (old_position, new_position)
                    # the share also breaks ties between equally named candidates
                    scores[pair] = max(scores.get(pair, 0.0), share) + share / 100
        candidates = sorted(
            (
                (-score, olds[old_position].id, news[new_position].id, old_position, new_position)
                for (old_position, new_position), score in scores.items()
                if score >= CONTENT_MATCH_MIN
            )
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, _, _, old_position, new_position in candidates:
            if old_position in used_old or new_position in used_new:
                continue
            used_old.add(old_position)
            used_new.add(new_position)
            matches.append((olds[old_position], news[new_position]))
    return matches


def _identity(record: RecordFile) -> list[tuple[tuple[str, str], float]]:
    """What names a record beyond its id, with how sure a match on it is."""
    from dehub_cli.textnorm import normalise_name

    assert record.data is not None
    keys: list[tuple[tuple[str, str], float]] = []
    name = record.data.get("name")
    if isinstance(name, str) and normalise_name(name):
        keys.append((("name", normalise_name(name)), 1.0))
    website = record.data.get("website")
    if isinstance(website, str) and website:
        keys.append((("website", website), 0.9))
    identifiers = record.data.get("identifiers")
    if isinstance(identifiers, list) and identifiers:
        keys.append((("identifiers", repr(identifiers)), 0.9))
    return keys


def _similarity(old: RecordFile, new: RecordFile) -> float:
    """How alike two records are: 1 for the same name, 0.9 for the same website or
    identifiers, else the share of equal values."""
    assert old.data is not None
    assert new.data is not None
    theirs = dict(_identity(new))
    score = max((value for key, value in _identity(old) if key in theirs), default=0.0)
    first, second = _leaves(old.data), _leaves(new.data)
    return max(score, len(first & second) / max(len(first), len(second), 1))


def _leaves(value: Any, path: str = "") -> frozenset[str]:
    """Every value with its path; sources left out (records cite the same press releases)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "sources":
                found |= _leaves(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found |= _leaves(item, f"{path}/{index}")
    else:
        found.add(f"{path}={value!r}")
    return frozenset(found)


def _record_changes(
    old: RecordFile | None,
    new: RecordFile | None,
    renamed_by: Literal["git", "content"] | None,
    hub_renames: Mapping[str, str],
) -> list[RecordChange]:
    if (old is not None and old.data is None) or (new is not None and new.data is None):
        return []  # a file that could not be read: reported as a note
    kind = (new or old).kind  # type: ignore[union-attr]
    if kind == "sectors":
        return _sector_changes(old, new)
    if kind == "initiative":
        return _initiative_changes(old, new)
    if old is None or new is None:
        present = old or new
        assert present is not None
        assert present.data is not None
        return [_whole_record(present, "removed" if new is None else "added")]
    return _record_change(old, new, renamed_by, hub_renames)


def _whole_record(record: RecordFile, change: Literal["added", "removed"]) -> RecordChange:
    assert record.data is not None
    return RecordChange(
        kind=record.kind,  # type: ignore[arg-type]
        change=change,
        id=record.id,
        file=record.path,
        name=_text_or_none(record.data.get("name")),
        line=record.line(("name",), key=True) if change == "added" else None,
        hubs=_hubs(record.data) if record.kind == "org" else (),
        record=record.data,
    )


def _record_change(
    old: RecordFile,
    new: RecordFile,
    renamed_by: Literal["git", "content"] | None,
    hub_renames: Mapping[str, str],
) -> list[RecordChange]:
    assert old.data is not None
    assert new.data is not None
    kind = new.kind
    special = ("memberships", "sources") if kind == "org" else ("sources",)
    fields = field_changes(old.data, new.data, FIELD_ORDER[kind], (), new, skip=special)
    memberships: list[MembershipChange] = []
    sources: list[SourceChange] = []
    if kind == "org":
        found = membership_changes(
            old.data.get("memberships"), new.data.get("memberships"), new, hub_renames
        )
        if found is None:
            fields += field_changes(old.data, new.data, (), (), new, only=("memberships",))
        else:
            memberships, sources = found
    own_sources = source_changes(
        old.data.get("sources"), new.data.get("sources"), ("sources",), new
    )
    if own_sources is None:
        fields += field_changes(old.data, new.data, (), (), new, only=("sources",))
    else:
        sources = own_sources + sources
    renamed = old.id != new.id
    if not (fields or memberships or sources or renamed):
        return []
    return [
        RecordChange(
            kind=kind,  # type: ignore[arg-type]
            change="renamed" if renamed else "changed",
            id=new.id,
            file=new.path,
            name=_text_or_none(new.data.get("name")),
            old_id=old.id if renamed else None,
            old_file=old.path if old.path != new.path else None,
            renamed_by=(renamed_by or "content") if renamed else None,
            line=new.line(("name",), key=True),
            hubs=_hubs(new.data) if kind == "org" else (),
            fields=tuple(fields),
            memberships=tuple(memberships),
            sources=tuple(sources),
        )
    ]


def _sector_changes(old: RecordFile | None, new: RecordFile | None) -> list[RecordChange]:
    before = _sector_items(old)
    after = _sector_items(new)
    path = (new or old).path  # type: ignore[union-attr]
    changes: list[RecordChange] = []
    for sector_id, (index, sector) in after.items():
        if sector_id not in before:
            changes.append(
                RecordChange(
                    "sector",
                    "added",
                    sector_id,
                    path,
                    name=_text_or_none(sector.get("name")),
                    line=new.line(("sectors", index)) if new else None,
                    record=sector,
                )
            )
            continue
        _, previous = before[sector_id]
        fields = field_changes(
            previous, sector, FIELD_ORDER["sector"], ("sectors", index), new, skip=("id",)
        )
        if fields:
            changes.append(
                RecordChange(
                    "sector",
                    "changed",
                    sector_id,
                    path,
                    name=_text_or_none(sector.get("name")),
                    line=new.line(("sectors", index)) if new else None,
                    fields=tuple(fields),
                )
            )
    for sector_id, (_, sector) in before.items():
        if sector_id not in after:
            changes.append(
                RecordChange(
                    "sector",
                    "removed",
                    sector_id,
                    path,
                    name=_text_or_none(sector.get("name")),
                    record=sector,
                )
            )
    return changes


def _sector_items(record: RecordFile | None) -> dict[str, tuple[int, dict[str, Any]]]:
    if record is None or record.data is None:
        return {}
    items = dict_items(record.data.get("sectors")) or []
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, sector in items:
        found.setdefault(text(sector.get("id")), (index, sector))
    return found


def _initiative_changes(old: RecordFile | None, new: RecordFile | None) -> list[RecordChange]:
    if old is None or new is None:
        present = old or new
        assert present is not None
        assert present.data is not None
        return [
            RecordChange(
                "initiative",
                "removed" if new is None else "added",
                "initiative",
                present.path,
                name=_text_or_none(present.data.get("name")),
                line=new.line(("name",), key=True) if new else None,
                record=present.data,
            )
        ]
    assert old.data is not None
    assert new.data is not None
    fields = field_changes(
        old.data, new.data, FIELD_ORDER["initiative"], (), new, skip=("published", "sources")
    )
    sources = source_changes(old.data.get("sources"), new.data.get("sources"), ("sources",), new)
    if sources is None:
        fields += field_changes(old.data, new.data, (), (), new, only=("sources",))
        sources = []
    published = figure_changes(old.data.get("published"), new.data.get("published"), new)
    if published is None:
        fields += field_changes(old.data, new.data, (), (), new, only=("published",))
        figures: list[FigureChange] = []
    else:
        figures, figure_sources = published
        sources += figure_sources
    if not (fields or sources or figures):
        return []
    return [
        RecordChange(
            "initiative",
            "changed",
            "initiative",
            new.path,
            name=_text_or_none(new.data.get("name")),
            old_file=old.path if old.path != new.path else None,
            line=new.line(("name",), key=True),
            fields=tuple(fields),
            sources=tuple(sources),
            published=tuple(figures),
        )
    ]


def _hubs(data: Mapping[str, Any]) -> tuple[str, ...]:
    items = dict_items(data.get("memberships")) or []
    hubs: list[str] = []
    for _, membership in items:
        hub = membership.get("hub")
        if isinstance(hub, str) and hub not in hubs:
            hubs.append(hub)
    return tuple(hubs)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def with_labels(result: DiffResult, labels: Mapping[str, str]) -> DiffResult:
    return replace(result, hub_labels=dict(labels))
