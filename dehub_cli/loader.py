"""Loading a registry: scan, check each changed file (cached per file), run the rules, link.

1. :func:`~dehub_cli.discovery.scan_registry` lists every file with its stamp (on a
   large registry in a child process, while this one reads the cache).
2. When the scan matches the cache (no file added, removed or changed), the answer is
   the cache's: the rules' findings are kept, DH309 (which depends on today) is worked
   out again, and only the checks of files with something to report are decoded.
3. Otherwise each file whose stamp matches the cache keeps its cached check; the others
   are read and checked (:mod:`dehub_cli.checking`), in two processes when there are
   many; the rules across records run on the compact facts of every record
   (:mod:`dehub_cli.rules`), today; their findings are located in their files, with
   positions remembered in the cache.
4. The valid records become the :class:`~dehub_cli.registry.Registry`, when asked for.

Never prints, never stops at the first problem.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import importlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

import msgspec

from dehub_cli.cache import (
    EMPTY,
    Cache,
    CacheDamaged,
    CachedFile,
    Derived,
    Header,
    OrgIndex,
    StoredRun,
    code_fingerprint,
    decode_checks,
    encode_check,
    encode_checks,
    forget,
    is_racy,
    racy_digest,
    read_cache,
    touch,
    usable,
    write_cache,
    write_cache_parts,
)
from dehub_cli.codes import Code
from dehub_cli.diagnostics import Diagnostic, Finding
from dehub_cli.discovery import (
    Kind,
    PendingScan,
    Scan,
    ScannedFile,
    Stamp,
    StampsDamaged,
    changed_stamps,
    display_path,
    hand_over,
    is_unstamped,
    record_id_of,
    scan_in_child,
    scan_registry,
    stamp_at,
    stamp_of,
)
from dehub_cli.entries import HubFacts, OrgEntry, OrgLike
from dehub_cli.filecheck import MAX_FILE_BYTES, FileCheck, Located, position_key, too_large
from dehub_cli.forking import can_fork
from dehub_cli.loadresult import LoadResult, gc_paused
from dehub_cli.reading import read_limited
from dehub_cli.registry import Registry
from dehub_cli.rules import (
    STABLE_RULES,
    RuleView,
    hubs_without_operator,
    nothing_to_link,
    operator_spans,
    org_findings,
)

PARALLEL_MIN_FILES = 2000
"""From this many files to check on, a second process checks half of them."""

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) while files are checked."""


def load_registry(
    root: Path,
    *,
    use_cache: bool = True,
    today: dt.date | None = None,
    progress: Progress | None = None,
    provisional: bool = False,
) -> LoadResult:
    """Read, check and link every file of the registry at ``root``.

    With ``provisional``, a large registry's cached answer may be returned before its
    files are scanned: the result's :meth:`~dehub_cli.loadresult.LoadResult.settle`
    then waits for the scan and says whether the answer holds (see :func:`_provisional`).
    """
    day = today or dt.date.today()
    with gc_paused(freeze=True):
        code = code_fingerprint() if use_cache else ""
        pending = PendingScan(root, in_child=scan_in_child(root), stamped=use_cache)
        early: LoadResult | None = None
        try:
            cache = read_cache(root, code) if use_cache else EMPTY
            # While the child scans, decode what a warm query needs: it costs no time.
            orgs = _prefetch(cache) if pending.in_child else None
            if orgs is False:
                cache = EMPTY
            if provisional and orgs:
                early = _provisional(root, code, pending, cache, day, orgs)
            if early is None:
                _while_scanning(pending)
        finally:  # the child is waited for here, unless the early answer takes it over
            scan = pending.result() if early is None else None
        if early is not None:
            return early
        assert scan is not None
        prefix = _display_prefix(root)
        if (
            cache.header.derived is not None
            and cache.header.same_files(scan)
            and _digests_hold(cache, scan)
        ):
            try:
                result, finish = _unchanged(root, code, prefix, scan, cache, day, orgs or None)
                finish(scan)
                return result
            except _DAMAGED:
                cache = EMPTY
        if orgs:
            try:
                edited = _edited(root, code, prefix, scan, cache, day, orgs, use_cache)
            except _DAMAGED:
                edited, cache = None, EMPTY
            if edited is not None:
                return edited
        try:
            return _changed(root, code, prefix, scan, cache, day, progress, use_cache)
        except _DAMAGED:  # the cache, or (never seen) the child's answer: scan here
            scan = scan_registry(root, stamped=use_cache)
            return _changed(root, code, prefix, scan, EMPTY, day, progress, use_cache)


_DAMAGED = (CacheDamaged, StampsDamaged)
"""A part of the cache, or packed stamps, that cannot be read."""


def _provisional(
    root: Path, code: str, pending: PendingScan, cache: Cache, day: dt.date, orgs: OrgIndex
) -> LoadResult | None:
    """The cache's answer before the scan ends, presuming the files are those it describes.

    A query answered meanwhile costs no time while the child still scans (the second
    core's work). :meth:`~dehub_cli.loadresult.LoadResult.settle` takes the scan: when
    it saw exactly the cache's files and stamps, and the files changed just before the
    cache was written still hold their content, the answer holds and the cache's
    housekeeping is done; otherwise it is ``False``, the scan is handed over to the next
    load (:func:`~dehub_cli.discovery.hand_over`) and the caller loads again. ``None``
    when the cache keeps no answer.
    """
    header = cache.header
    if header.derived is None or not pending.in_child:
        return None
    presumed = Scan(str(root), header.names, header.stamps_data, header.problems)
    try:
        result, finish = _unchanged(root, code, _display_prefix(root), presumed, cache, day, orgs)
    except _DAMAGED:
        return None

    def settle() -> bool:
        scan = pending.result()
        if not header.same_files(scan) or not _digests_hold(cache, scan):
            hand_over(root, scan)
            return False
        with contextlib.suppress(CacheDamaged):  # the answer holds; the cache waits
            finish(scan)
        return True

    result.settle = settle
    return result


_NEEDED_NEXT = ("dehub_cli.models", "dehub_cli.checking")
"""What most loads need after the scan: the models (hubs of every registry, records
shown in full) and the checks (any changed file). Importing them takes 0.15 s."""


def _while_scanning(pending: PendingScan) -> None:
    """While the child still scans, import what comes next, one module at a time: the
    wait costs nothing then, and an import left for later would be on the way."""
    for module in _NEEDED_NEXT:
        if not pending.busy():
            return
        importlib.import_module(module)


def _prefetch(cache: Cache) -> OrgIndex | Literal[False] | None:
    """The cache's organisations; ``False`` when they cannot be read (the cache is damaged)."""
    if not cache.header.names:
        return None
    try:
        return cache.org_index()
    except CacheDamaged:
        return False


def _digests_hold(cache: Cache, scan: Scan) -> bool:
    """Whether every file changed just before the cache was written still has its content."""
    header = cache.header
    if not header.digests:
        return True
    return all(
        usable(CachedFile(stamp, header.digests.get(name), _PENDING), stamp, path)
        for name, stamp, path in _racy(cache, scan)
    )


def _racy(cache: Cache, scan: Scan) -> Iterator[tuple[str, Any, str]]:
    for name in cache.header.digests:
        index = cache.index_of(name)
        stamp = scan.stamp(index) if index is not None else None
        yield name, stamp, os.path.join(scan.base, name)


class _StoredChecks(Mapping[str, FileCheck]):
    """The cached check of each file, decoded the first time it is asked for."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._decoded: dict[int, FileCheck] = {}

    def at(self, index: int) -> FileCheck:
        check = self._decoded.get(index)
        if check is None:
            check = self._decoded[index] = self._cache.check(index)
        return check

    def __getitem__(self, name: str) -> FileCheck:
        index = self._cache.index_of(name)
        if index is None:
            raise KeyError(name)
        return self.at(index)

    def __iter__(self) -> Iterator[str]:
        return iter(self._cache.header.names)

    def __len__(self) -> int:
        return len(self._cache.header.names)


def _unchanged(
    root: Path,
    code: str,
    prefix: str,
    scan: Scan,
    cache: Cache,
    day: dt.date,
    orgs: OrgIndex | None,
) -> tuple[LoadResult, Callable[[Scan], None]]:
    """No file changed since the cache was written: its answer, with DH309 worked out
    today, and what writes the cache after it (given the scan)."""
    header = cache.header
    derived = header.derived
    assert derived is not None
    checks = _StoredChecks(cache)
    left_out = set(derived.left_out)
    touched: set[str] = set()
    located = _findings_by_file(derived, checks, scan, touched, day)
    indexes = set(header.reported)
    for name in located:
        index = cache.index_of(name)
        if index is not None:
            indexes.add(index)
    names = [header.names[index] for index in sorted(indexes)]
    diagnostics = _diagnostics(prefix, names, checks, left_out, located, _has_vocabulary(scan))
    suppressions = _suppressions(prefix, names, checks)

    def finish(scanned: Scan) -> None:
        digests = _digests(scanned, cache, {}) if header.digests else header.digests
        # Positions found for the first time are remembered; hashes of files no longer
        # racy are dropped when there is a write anyway, or when many are (hashing each
        # costs).
        if touched or len(header.digests) - len(digests) > DIGESTS_WORTH_A_WRITE:
            reported, orgs_bytes = header.reported, cache.org_bytes()
            _rewrite(
                root, code, scanned, cache, touched, checks, digests, reported, derived, orgs_bytes
            )
        else:
            touch(root)

    def check_at(index: int) -> FileCheck:
        return _stored_check(root, scan, checks, index)

    def registry() -> Registry:
        with gc_paused(freeze=True):
            try:
                index = orgs if orgs is not None else cache.org_index()
            except CacheDamaged:
                forget(root)
                return load_registry(root, today=day).registry
            return _registry(root, prefix, header.names, index, check_at, left_out)

    return LoadResult(registry, diagnostics, len(scan.names), suppressions), finish


EDITED_MAX_FILES = 1000
"""Up to this many changed organisation files, and no other change, a load checks them
against indexes kept in the cache (:func:`_edited`) instead of decoding every check."""


class _Overlay(Mapping[str, FileCheck]):
    """The checks made now, over the cached ones."""

    def __init__(self, fresh: dict[str, FileCheck], stored: _StoredChecks) -> None:
        self.fresh = fresh
        self.stored = stored

    def __getitem__(self, name: str) -> FileCheck:
        check = self.fresh.get(name)
        return check if check is not None else self.stored[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.stored)

    def __len__(self) -> int:
        return len(self.stored)


def _stale(scan: Scan, cache: Cache) -> list[int] | None:
    """The files whose stamp (or, if racy, content) differs from the cache's, by index;
    ``None`` when the files themselves differ (added, removed, renamed, unreadable), or
    more than :data:`EDITED_MAX_FILES` changed."""
    header = cache.header
    if header.names != scan.names or header.problems != scan.problems:
        return None
    stale = changed_stamps(header.stamps_data, scan.stamps_data, EDITED_MAX_FILES)
    if stale is None:
        return None
    for name, stamp, path in _racy(cache, scan):
        index = cache.index_of(name)
        assert index is not None
        cached = stamp_at(header.stamps_data, index, len(header.names))
        hit = CachedFile(cached, header.digests[name], _PENDING)  # type: ignore[arg-type]
        if index not in stale and not usable(hit, stamp, path):
            stale.append(index)
    if any(scan.stamp(index) is None for index in stale):
        return None
    return sorted(stale)


def _edited(
    root: Path,
    code: str,
    prefix: str,
    scan: Scan,
    cache: Cache,
    day: dt.date,
    orgs: OrgIndex,
    use_cache: bool,
) -> LoadResult | None:
    """A few organisation files changed, nothing else: check them, and run the rules
    across records on the cached organisation index with their new facts.

    Only the changed files, the few files before the organisations and the files with
    something to report are decoded; the cache is written again with the unchanged runs
    of checks copied whole. ``None`` for any other change (a hub, the vocabulary, a file
    added or removed, many files), which :func:`_changed` handles.
    """
    header = cache.header
    names = scan.names
    stale = _stale(scan, cache)
    if (
        header.derived is None
        or stale is None
        or not stale
        or len(stale) > EDITED_MAX_FILES
        or len(orgs.keys) != len(orgs.ids)
        or not all(names[index].startswith("orgs/") for index in stale)
    ):
        return None
    stored = _StoredChecks(cache)
    if orgs.slots and orgs.slots[0] not in stale:
        context = stored.at(orgs.slots[0]).context  # what every organisation was linked with
    else:
        context = None
    to_check = scan.files(stale)
    checked_now = _check_scanned(to_check, None)
    fresh = {file.name: check for file, check in zip(to_check, checked_now, strict=True)}
    checks = _Overlay(fresh, stored)

    view, left_out = _context_view(names, checks, day)
    _org_files(names, view, left_out)
    if sorted(left_out) != header.derived.left_out or (
        context is not None and context != view.context_key
    ):
        return None
    index = _edited_index(orgs, stale, names, checks, left_out, header.reported)
    view.orgs = dict(zip(index.view_ids, index.view_facts, strict=True))
    view.name_keys = dict(zip(index.view_ids, index.view_keys, strict=True))
    touched = set(fresh)
    linked = [record_id_of(names[i]) for i in stale if record_id_of(names[i]) in view.orgs]
    derived = _derived(view, left_out, checks, scan, touched, linked)

    located = _findings_by_file(derived, checks, scan, touched, day)
    candidates = set(header.reported) | set(stale)
    candidates.update(slot for slot, name in enumerate(names) if name in located)
    shown = [names[i] for i in sorted(candidates)]
    diagnostics = _diagnostics(prefix, shown, checks, left_out, located, _has_vocabulary(scan))
    suppressions = _suppressions(prefix, shown, checks)
    scanned = {file.name: file.stamp for file in to_check}
    if use_cache and _as_scanned(scan, scanned):
        with_findings = {name for name, _ in derived.findings}
        reported = [
            i
            for i in sorted(candidates)
            if _to_report(checks[names[i]], names[i], with_findings, left_out)
        ]
        digests = _digests(scan, cache, scanned)
        orgs_bytes = msgspec.msgpack.encode(index.kept)
        _rewrite(root, code, scan, cache, touched, checks, digests, reported, derived, orgs_bytes)

    def check_at(slot: int) -> FileCheck:
        check = fresh.get(names[slot])
        return check if check is not None else _stored_check(root, scan, stored, slot)

    def registry() -> Registry:
        with gc_paused(freeze=True):
            return _registry(root, prefix, names, index.kept, check_at, left_out)

    return LoadResult(registry, diagnostics, len(names), suppressions)


@dataclass
class _EditedIndex:
    """The organisations after an edit: all with facts for the rules (valid or not, in
    file order), and the valid ones as the cache and queries keep them."""

    view_ids: list[str]
    view_facts: list[OrgLike]
    view_keys: list[tuple[str, ...]]
    kept: OrgIndex


def _edited_index(
    orgs: OrgIndex,
    stale: list[int],
    names: list[str],
    checks: Mapping[str, FileCheck],
    left_out: set[str],
    reported: list[int],
) -> _EditedIndex:
    """The cached index with the changed files' entries put in, and the invalid
    organisations (files with something to report) added for the rules."""
    ids, slots = list(orgs.ids), list(orgs.slots)
    entries: list[OrgLike] = list(orgs.entries)
    keys = list(orgs.keys)
    stale_set = set(stale)
    extra: dict[int, tuple[str, OrgLike, tuple[str, ...]]] = {}
    dropped: set[int] = set()
    for slot in sorted(stale_set | set(reported)):
        name = names[slot]
        if not name.startswith("orgs/") or name in left_out:
            continue
        check = checks[name]
        record_id = record_id_of(name)
        at = bisect.bisect_left(slots, slot)
        in_index = at < len(slots) and slots[at] == slot
        if slot in stale_set and in_index:
            if check.entry is not None:
                entries[at], keys[at] = check.entry, check.name_keys
                continue
            dropped.add(at)
        if check.entry is not None and not in_index:
            extra[slot] = (record_id, check.entry, check.name_keys)
        elif check.entry is None and check.org_facts is not None:
            extra[slot] = (record_id, check.org_facts, check.name_keys)
    if not extra and not dropped:
        kept = OrgIndex.of(ids, slots, entries, keys)  # type: ignore[arg-type]
        return _EditedIndex(ids, entries, keys, kept)
    rows = [
        (slot, ids[at], entries[at], keys[at]) for at, slot in enumerate(slots) if at not in dropped
    ]
    rows += [(slot, *row) for slot, row in extra.items()]
    rows.sort(key=lambda row: row[0])
    valid = [row for row in rows if type(row[2]) is OrgEntry]
    kept = OrgIndex.of(
        [row[1] for row in valid],
        [row[0] for row in valid],
        [row[2] for row in valid],  # type: ignore[misc]
        [row[3] for row in valid],
    )
    return _EditedIndex(
        [row[1] for row in rows], [row[2] for row in rows], [row[3] for row in rows], kept
    )


DIGESTS_WORTH_A_WRITE = 100
"""An unchanged registry's cache is written again to drop this many hashes of files no
longer racy (every warm load hashes those files until then)."""


def _rewrite(
    root: Path,
    code: str,
    scan: Scan,
    cache: Cache,
    touched: Iterable[str],
    checks: Mapping[str, FileCheck],
    digests: dict[str, str],
    reported: list[int],
    derived: Derived,
    orgs: bytes | memoryview,
) -> None:
    """Write the cache of the same files again: the checks of ``touched`` anew, the
    others copied as stored."""
    pieces = {
        slot: encode_check(checks[name])
        for name in touched
        if (slot := cache.index_of(name)) is not None  # the names are the cache's
    }
    offsets, body = _body(cache, pieces)
    header = _header(code, scan, digests, reported, derived)
    write_cache_parts(root, code, header, offsets, body, orgs)


def _header(
    code: str, scan: Scan, digests: dict[str, str], reported: list[int], derived: Derived
) -> Header:
    """The cache's header for the files of ``scan`` (the offsets are filled in on writing)."""
    return Header(
        0,
        code,
        "",
        names=scan.names,
        stamps_data=scan.stamps_data,
        problems=scan.problems,
        digests=digests,
        reported=reported,
        derived=derived,
    )


def _body(cache: Cache, pieces: dict[int, bytes]) -> tuple[list[int], list[bytes | StoredRun]]:
    """The checks of every file as the cache holds them, but ``pieces`` (new checks by
    index): the new offsets, and the body as the unchanged runs and the new pieces."""
    old = cache.header.offsets
    count = len(old) - 1
    body: list[bytes | StoredRun] = []
    start = 0
    for index in sorted(pieces):
        body += [StoredRun(cache, start, index), pieces[index]]
        start = index + 1
    body.append(StoredRun(cache, start, count))
    shifts = {index: len(piece) - (old[index + 1] - old[index]) for index, piece in pieces.items()}
    if not any(shifts.values()):
        return old, body
    offsets = []
    shift = 0
    for index, offset in enumerate(old):
        offsets.append(offset + shift)
        shift += shifts.get(index, 0)
    return offsets, body


def _changed(
    root: Path,
    code: str,
    prefix: str,
    scan: Scan,
    cache: Cache,
    day: dt.date,
    progress: Progress | None,
    use_cache: bool,
) -> LoadResult:
    """Some file changed (or nothing is cached): check what changed, run the rules again."""
    cache.read_checks()
    checks, fresh = _checks(scan, cache, progress)
    touched = set(fresh)
    touched.update(name for name, problem in scan.problems.items() if problem)
    derived = _derive(scan, checks, day, touched)
    left_out = set(derived.left_out)
    located = _findings_by_file(derived, checks, scan, touched, day)
    diagnostics = _diagnostics(prefix, scan.names, checks, left_out, located, _has_vocabulary(scan))
    suppressions = _suppressions(prefix, scan.names, checks)
    # Without a cache to write, the index waits for a registry to be asked for (validate
    # asks for none: 0.1 s at 100,000 files).
    index = _org_index(scan, checks, left_out) if use_cache else None
    if index is not None and _as_scanned(scan, fresh):
        reported = _reported(scan, checks, derived, left_out)
        pieces = _pieces(scan, checks, cache, touched)
        digests = _digests(scan, cache, fresh)
        _write(root, code, scan, digests, reported, derived, pieces, msgspec.msgpack.encode(index))

    def registry() -> Registry:
        with gc_paused(freeze=True):
            orgs = index if index is not None else _org_index(scan, checks, left_out)
            return _registry(
                root, prefix, scan.names, orgs, lambda slot: checks[scan.names[slot]], left_out
            )

    return LoadResult(registry, diagnostics, len(scan.names), suppressions)


def _has_vocabulary(scan: Scan) -> bool:
    """Whether a ``sectors`` file was found (the scan lists it first)."""
    return bool(scan.names) and scan.names[0].startswith("sectors.")


def _derive(scan: Scan, checks: dict[str, FileCheck], day: dt.date, touched: set[str]) -> Derived:
    """Run the rules over the whole registry (the per-file ones only where needed)."""
    view, left_out = _rule_view(scan, checks, day)
    return _derived(view, left_out, checks, scan, touched, view.orgs)


def _derived(
    view: RuleView,
    left_out: set[str],
    checks: Mapping[str, FileCheck],
    scan: Scan,
    touched: set[str],
    to_link: Iterable[str],
) -> Derived:
    """What the rules across records find in ``view``; the organisations ``to_link`` are
    checked against the hubs and sectors unless their answer holds."""
    located: dict[str, list[Located]] = defaultdict(list)
    rule_findings = [f for rule in STABLE_RULES for f in rule(view)]
    _locate(rule_findings, checks, scan, located, touched)
    _link(view, checks, scan, touched, to_link)
    findings = [(name, item) for name, items in located.items() for item in items]
    return Derived(findings, operator_spans(view), dict(view.hub_files), sorted(left_out))


def _findings_by_file(
    derived: Derived,
    checks: Mapping[str, FileCheck],
    scan: Scan,
    touched: set[str],
    day: dt.date,
) -> dict[str, list[Located]]:
    """The findings of the rules across records by file, DH309 worked out for ``day``."""
    located: dict[str, list[Located]] = defaultdict(list)
    for name, item in derived.findings:
        located[name].append(item)
    _locate(
        hubs_without_operator(derived.operators, derived.hub_files, day),
        checks,
        scan,
        located,
        touched,
    )
    return located


def _stored_check(root: Path, scan: Scan, stored: _StoredChecks, slot: int) -> FileCheck:
    """A cached check; one that cannot be read is made again from its file."""
    try:
        return stored.at(slot)
    except CacheDamaged:
        forget(root)
    try:
        return _check_scanned([scan.file(slot)], None)[0]
    except StampsDamaged:  # a provisional answer's stamps, the cache's: scan this file
        return _check_scanned(scan_registry(root).files([slot]), None)[0]


def _diagnostics(
    prefix: str,
    names: Iterable[str],
    checks: Mapping[str, FileCheck],
    left_out: set[str],
    located: dict[str, list[Located]],
    vocabulary: bool,
) -> list[Diagnostic]:
    """Every diagnostic of the files ``names``, by file and line: their own, their rules'."""
    diagnostics: list[Diagnostic] = []
    for name in names:
        check = checks[name]
        found: list[Located] = check.diagnostics
        if check.linked and check.kind == "org" and name not in left_out:
            found = found + check.linked
        if name in located:
            found = found + located[name]
        if found:
            file = prefix + name
            diagnostics += [_diagnostic(file, item) for item in found]
    if not vocabulary:
        diagnostics.append(_no_vocabulary(prefix))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def _suppressions(prefix: str, names: Iterable[str], checks: Mapping[str, FileCheck]) -> list[Any]:
    """Every ``# dehub: ...`` comment of the files ``names``, with its file as shown."""
    return [
        msgspec.structs.replace(suppression, file=prefix + name)
        for name in names
        if (suppressions := checks[name].suppressions)
        for suppression in suppressions
    ]


def _reported(
    scan: Scan, checks: dict[str, FileCheck], derived: Derived, left_out: set[str]
) -> list[int]:
    """The files a warm load must look at: with diagnostics, findings or suppressions."""
    with_findings = {name for name, _ in derived.findings}
    return [
        index
        for index, name in enumerate(scan.names)
        if _to_report(checks[name], name, with_findings, left_out)
    ]


def _to_report(check: FileCheck, name: str, with_findings: set[str], left_out: set[str]) -> bool:
    """Whether a warm load must look at the file: diagnostics, findings or suppressions."""
    return bool(
        check.diagnostics
        or check.suppressions
        or name in with_findings
        or (check.linked and check.kind == "org" and name not in left_out)
    )


def _display_prefix(root: Path) -> str:
    shown = display_path(root)
    return "" if shown in (".", "") else os.path.join(shown, "")


def _no_vocabulary(prefix: str) -> Diagnostic:
    return Diagnostic(
        Code.NO_VOCABULARY,
        Code.NO_VOCABULARY.severity,
        prefix + "sectors.yaml",
        0,
        0,
        "sectors.yaml is missing: sector ids cannot be checked",
        "create it with a 'sectors:' list of {id, name, name_de, aliases}",
    )


def _diagnostic(file: str, item: Located) -> Diagnostic:
    return Diagnostic(
        item.code, item.severity, file, item.line, item.column, item.message, item.hint
    )


def _checks(
    scan: Scan, cache: Cache, progress: Progress | None
) -> tuple[dict[str, FileCheck], dict[str, Stamp | None]]:
    """A check for every file: cached when its stamp matches, else made now; and the
    files checked now, with their stamps as scanned."""
    checks: dict[str, FileCheck] = {}
    waiting: list[int] = []
    header = cache.header
    cached_stamps, digests = header.stamps, header.digests
    if not cached_stamps:
        return _checks_afresh(scan, progress)
    same_names = header.names == scan.names
    stored = cache.all_checks()
    for index, name in enumerate(scan.names):
        stamp = scan.stamps[index]
        if stamp is None:
            checks[name] = _unreadable(scan.file(index))
            continue
        slot = index if same_names else cache.index_of(name)
        if slot is not None and cached_stamps[slot] == stamp and name not in digests:
            checks[name] = stored[slot]  # the common case, without more ado
            continue
        if slot is not None and (cached_stamp := cached_stamps[slot]) is not None:
            hit = CachedFile(cached_stamp, digests.get(name), stored[slot])
            if usable(hit, stamp, os.path.join(scan.base, name)):
                checks[name] = hit.check
                continue
        checks[name] = _PENDING
        waiting.append(index)
    names = scan.names
    for index, check in zip(
        waiting, _check_scanned(_FilesToCheck(scan, waiting), progress), strict=True
    ):
        checks[names[index]] = check
    return checks, {names[index]: scan.stamp(index) for index in waiting}


def _checks_afresh(
    scan: Scan, progress: Progress | None
) -> tuple[dict[str, FileCheck], dict[str, Stamp | None]]:
    """:func:`_checks` with nothing cached: every readable file is checked now."""
    names, stamps = scan.names, scan.stamps
    readable = (
        [index for index, stamp in enumerate(stamps) if stamp is not None]
        if scan.problems  # only a file with a problem has no stamp
        else list(range(len(names)))
    )
    checked = _check_scanned(_FilesToCheck(scan, readable), progress)
    if len(readable) == len(names):  # the common case, in bulk
        return dict(zip(names, checked, strict=True)), dict(zip(names, stamps, strict=True))
    by_index = dict(zip(readable, checked, strict=True))
    checks = {
        name: by_index[index] if index in by_index else _unreadable(scan.file(index))
        for index, name in enumerate(names)
    }
    return checks, {names[index]: stamps[index] for index in readable}


class _FilesToCheck(Sequence[ScannedFile]):
    """The files ``indexes`` of ``scan``, made into objects a run at a time: by whichever
    process checks the run (at 100,000 files, 0.1 s shared out instead of spent first)."""

    def __init__(self, scan: Scan, indexes: list[int]) -> None:
        self._scan, self._indexes = scan, indexes

    def __len__(self) -> int:
        return len(self._indexes)

    @overload
    def __getitem__(self, at: int) -> ScannedFile: ...
    @overload
    def __getitem__(self, at: slice) -> list[ScannedFile]: ...
    def __getitem__(self, at: int | slice) -> ScannedFile | list[ScannedFile]:
        if isinstance(at, slice):
            return self._scan.files(self._indexes[at])
        return self._scan.file(self._indexes[at])


def _as_scanned(scan: Scan, fresh: Mapping[str, Stamp | None]) -> bool:
    """Whether every file read now (name -> stamp when scanned) still has that stamp.

    A file changed while it was read would be cached with a check of other content.
    Files not read keep the checks their stamps were cached with, so they need no look.
    """
    for name, stamp in fresh.items():
        try:
            info = os.stat(os.path.join(scan.base, name))
        except OSError:
            return False
        if stamp_of(info) != stamp:
            return False
    return True


def _pieces(
    scan: Scan, checks: Mapping[str, FileCheck], cache: Cache, touched: set[str]
) -> list[bytes | memoryview]:
    """Each file's check, encoded: as cached when it came from the cache untouched."""
    same_names = cache.header.names == scan.names
    pieces: list[bytes | memoryview] = []
    for index, name in enumerate(scan.names):
        slot = None if name in touched else index if same_names else cache.index_of(name)
        pieces.append(encode_check(checks[name]) if slot is None else cache.piece(slot))
    return pieces


def _digests(scan: Scan, cache: Cache, fresh: Mapping[str, Stamp | None]) -> dict[str, str]:
    """Content hashes of the files changed just now (racy): those read now, and those the
    cache has whose content this load found unchanged and which are racy still. Once a
    file's change is older than the racy window, its stamp tells any later change."""
    now = time.time_ns()
    if cache.header.names == scan.names:
        stamps: Mapping[str, Stamp | None] = _StampsByName(scan, cache)
    else:
        stamps = dict(zip(scan.names, scan.stamps, strict=True))
    digests = {
        name: digest
        for name, digest in cache.header.digests.items()
        if name not in fresh and (stamp := stamps.get(name)) is not None and is_racy(stamp, now)
    }
    for name, stamp in fresh.items():
        if stamp is not None:
            digest = racy_digest(stamp, os.path.join(scan.base, name), now)
            if digest is not None:
                digests[name] = digest
    return digests


class _StampsByName(Mapping[str, "Stamp | None"]):
    """The scan's stamps by name, when the scan lists the cache's files in its order."""

    def __init__(self, scan: Scan, cache: Cache) -> None:
        self._scan, self._cache = scan, cache

    def __getitem__(self, name: str) -> Stamp | None:
        index = self._cache.index_of(name)
        if index is None:
            raise KeyError(name)
        return self._scan.stamp(index)

    def __iter__(self) -> Iterator[str]:
        return iter(self._scan.names)

    def __len__(self) -> int:
        return len(self._scan.names)


def _write(
    root: Path,
    code: str,
    scan: Scan,
    digests: dict[str, str],
    reported: list[int],
    derived: Derived,
    pieces: Sequence[bytes | memoryview],
    orgs: bytes | memoryview,
) -> None:
    write_cache(root, code, _header(code, scan, digests, reported, derived), pieces, orgs)


def check_files(files: Sequence[tuple[Kind, str, bytes]]) -> list[FileCheck]:
    """:func:`dehub_cli.checking.check_files`, imported when first needed: a load the
    cache answers never builds the models or the YAML parser."""
    from dehub_cli import checking

    return checking.check_files(files)


def locate_in(text: str, findings: Iterable[Finding]) -> list[tuple[Finding, tuple[int, int]]]:
    """:func:`dehub_cli.checking.locate_in`, imported when first needed."""
    from dehub_cli import checking

    return checking.locate_in(text, findings)


_PENDING = FileCheck("", [])
"""Keeps a file's place in the order of checks until it is checked."""


def _unreadable(scanned_file: ScannedFile) -> FileCheck:
    message = f"not read: {scanned_file.problem}"
    hint = "registry files must be regular files inside the registry directory"
    located = Located(Code.UNREADABLE, Code.UNREADABLE.severity, 0, 0, message, hint)
    return FileCheck(scanned_file.kind, [located], parsed=False)


def _read(scanned_file: ScannedFile) -> tuple[Kind, str, bytes]:
    """The file's bytes, at most one more than the limit (a larger file says so by that)."""
    stamp = scanned_file.stamp
    expected = None if stamp is None or is_unstamped(stamp) else stamp[0]
    try:
        data = read_limited(scanned_file.path, MAX_FILE_BYTES, expected)
    except OSError as error:
        return (
            scanned_file.kind,
            scanned_file.name,
            _UNREADABLE_MARK + str(error.strerror or error).encode(),
        )
    return scanned_file.kind, scanned_file.name, data


def _size_of(scanned_file: ScannedFile) -> int:
    """The file's size as scanned (or, listed without stamps, as it is now)."""
    assert scanned_file.stamp is not None
    if not is_unstamped(scanned_file.stamp):
        return scanned_file.stamp[0]
    try:
        return os.stat(scanned_file.path).st_size
    except OSError:
        return MAX_FILE_BYTES + 1


_UNREADABLE_MARK = b"\x00dehub-unreadable\x00"


BATCH = 500
"""Files read and checked together: their bytes, texts and parsed values are let go after
each batch, so memory holds only the checks (a third of it at 100,000 files)."""
SHARES = 64
"""Runs of files the two processes share out (see :func:`_check_scanned`)."""


def _check_batch(files: Sequence[ScannedFile]) -> list[FileCheck]:
    items = [_read(scanned_file) for scanned_file in files]
    readable = [item for item in items if not item[2].startswith(_UNREADABLE_MARK)]
    checked = iter(check_files(readable))
    result = []
    for scanned_file, (kind, _, data) in zip(files, items, strict=True):
        if len(data) > MAX_FILE_BYTES and scanned_file.stamp is not None:
            result.append(FileCheck(kind, [too_large(_size_of(scanned_file))], parsed=False))
            next(checked)
        elif data.startswith(_UNREADABLE_MARK):
            reason = data[len(_UNREADABLE_MARK) :].decode(errors="replace")
            located = Located(
                Code.UNREADABLE, Code.UNREADABLE.severity, 0, 0, f"cannot read file: {reason}"
            )
            result.append(FileCheck(kind, [located], parsed=False))
        else:
            result.append(next(checked))
    return result


def _check_scanned(files: Sequence[ScannedFile], progress: Progress | None) -> list[FileCheck]:
    """Check ``files``; with many, a forked worker shares the work.

    The files are cut into :data:`SHARES` runs, which this process takes from the first
    on and the worker from the last back (:func:`dehub_cli.sharing.share_runs`). The
    worker finds the files in the memory it was forked with: only its checks travel back.
    """
    if len(files) < PARALLEL_MIN_FILES or not can_fork():
        return _check_in_batches(files, progress)
    from dehub_cli.sharing import share_runs

    size = -(-len(files) // SHARES)
    bounds = [(start, min(start + size, len(files))) for start in range(0, len(files), size)]
    done = [0]

    def check_run(run: int) -> list[FileCheck]:
        start, stop = bounds[run]
        return _check_in_batches(files[start:stop], None)

    def count(run: int) -> None:
        start, stop = bounds[run]
        done[0] += stop - start
        if progress is not None:
            progress(done[0], len(files))

    runs = share_runs(len(bounds), check_run, encode_checks, decode_checks, count)
    return [check for run in runs for check in run]


def _check_in_batches(files: Sequence[ScannedFile], progress: Progress | None) -> list[FileCheck]:
    result: list[FileCheck] = []
    for start in range(0, len(files), BATCH):
        result += _check_batch(files[start : start + BATCH])
        if progress is not None:
            progress(len(result), len(files))
    return result


def _rule_view(
    scan: Scan, checks: Mapping[str, FileCheck], today: dt.date
) -> tuple[RuleView, set[str]]:
    """The facts of every record by id; a file whose id another file has is left out."""
    view, left_out = _context_view(scan.names, checks, today)
    orgs, keys = view.orgs, view.name_keys
    for record_id, name in _org_files(scan.names, view, left_out).items():
        check = checks[name]
        facts: OrgLike | None = check.entry or check.org_facts
        if facts is not None:
            orgs[record_id] = facts
            keys[record_id] = check.name_keys
    return view, left_out


def _org_files(names: list[str], view: RuleView, left_out: set[str]) -> dict[str, str]:
    """Each organisation file by its id, entered in ``view``; a file whose id another
    file already has is left out (see :func:`_org_id`)."""
    first_org = next((i for i, name in enumerate(names) if name.startswith("orgs/")), len(names))
    org_names = names[first_org:]  # the scan lists the organisations last
    org_files = {name[5:].rpartition(".")[0]: name for name in org_names}
    if len(org_files) == len(org_names) and not org_files.keys() & view.hub_files.keys():
        view.org_files = org_files  # no id given twice, the common case, in one pass
    else:
        for name in org_names:
            _org_id(name, view, left_out)
    return view.org_files


def _context_view(
    names: Sequence[str], checks: Mapping[str, FileCheck], today: dt.date
) -> tuple[RuleView, set[str]]:
    """A view of the files before the organisations (vocabulary, initiative, hubs), with
    no organisation yet; and the files left out so far (a hub id given twice)."""
    hubs: dict[str, HubFacts] = {}
    hub_files: dict[str, str] = {}
    duplicates: list[tuple[str, str, str]] = []
    left_out: set[str] = set()
    sectors: dict[str, Any] = {}
    sector_file = "sectors.yaml"
    vocabulary = False
    for name in names:
        if name.startswith("orgs/"):
            break  # the scan lists the organisations last
        check = checks[name]
        kind = check.kind
        if kind == "hub":
            record_id = record_id_of(name)
            if record_id in hub_files:
                duplicates.append((name, record_id, hub_files[record_id]))
                left_out.add(name)
                continue
            hub_files[record_id] = name
            if check.hub_facts is not None:
                hubs[record_id] = check.hub_facts
        elif kind == "sectors":
            sector_file = name
            vocabulary = check.parsed
            if check.full is not None:
                sectors = _sectors(check)
    view = RuleView(
        hubs, {}, sectors, hub_files, {}, sector_file, today, duplicates, vocabulary, {}
    )
    return view, left_out


def _org_id(name: str, view: RuleView, left_out: set[str]) -> str | None:
    """The id of the organisation file ``name``, entered in ``view``'s files; ``None``
    (and the file left out) when another file already has that id."""
    record_id = name[5:].rpartition(".")[0]  # orgs/<id>.yaml
    org_files = view.org_files
    if record_id in org_files or record_id in view.hub_files:
        other = org_files.get(record_id) or view.hub_files[record_id]
        view.duplicates.append((name, record_id, other))
        left_out.add(name)
        return None
    org_files[record_id] = name
    return record_id


def _sectors(check: FileCheck) -> dict[str, Any]:
    """The vocabulary, first definition of each id (a repeated id is DH312's business)."""
    from dehub_cli.models import SectorsFile

    assert check.full is not None
    vocabulary = SectorsFile.model_validate(msgspec.msgpack.decode(check.full))
    found: dict[str, Any] = {}
    for sector in vocabulary.sectors:
        found.setdefault(sector.id, sector)
    return found


def _locate(
    findings: Iterable[Finding],
    checks: Mapping[str, FileCheck],
    scan: Scan,
    located: dict[str, list[Located]],
    touched: set[str],
) -> None:
    """Add findings to ``located`` by file; positions come from the memo or a second parse.

    A file whose memo gains a position is added to ``touched`` (the cache remembers it).
    """
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    for name, file_findings in by_file.items():
        check = checks.get(name)
        memo = check.positions if check is not None else {}
        missing = [f for f in file_findings if position_key(f.path, f.at_key) not in memo]
        if missing and check is not None:
            for finding, position in locate_in(_text(os.path.join(scan.base, name)), missing):
                memo[position_key(finding.path, finding.at_key)] = position
            check.positions = memo
            touched.add(name)
        located[name] += [
            Located(
                finding.code,
                finding.severity,
                *memo.get(position_key(finding.path, finding.at_key), (0, 0)),
                finding.message,
                finding.hint,
            )
            for finding in file_findings
        ]


def _link(
    view: RuleView,
    checks: Mapping[str, FileCheck],
    scan: Scan,
    touched: set[str],
    org_ids: Iterable[str],
) -> None:
    """Check the organisations ``org_ids`` against the hubs and sectors, unless their
    file's answer holds.

    A file's answer holds while the file and the context (hubs, sectors) are unchanged:
    editing one organisation re-checks that one only. Files with a new answer are added
    to ``touched``.
    """
    key = view.context_key
    for org_id in org_ids:
        org = view.orgs[org_id]
        name = view.org_files[org_id]
        check = checks[name]
        if check.context == key:
            continue
        findings = [] if nothing_to_link(view, org) else org_findings(view, org_id, org)
        if findings:
            located = locate_in(_text(os.path.join(scan.base, name)), findings)
            check.linked = [
                Located(f.code, f.severity, *position, f.message, f.hint) for f, position in located
            ]
        else:
            check.linked = []
        check.context = key
        touched.add(name)


def _text(path: str) -> str:
    import unicodedata

    try:
        with open(path, "rb") as stream:
            return unicodedata.normalize("NFC", stream.read().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return ""


def _org_index(scan: Scan, checks: dict[str, FileCheck], left_out: set[str]) -> OrgIndex:
    """The valid organisations, compact, in file order (what :class:`Registry` holds)."""
    ids: list[str] = []
    slots: list[int] = []
    entries = []
    keys = []
    for slot, name in enumerate(scan.names):
        check = checks[name]
        if check.kind == "org" and check.entry is not None and name not in left_out:
            ids.append(name[5:].rpartition(".")[0])
            slots.append(slot)
            entries.append(check.entry)
            keys.append(check.name_keys)
    return OrgIndex.of(ids, slots, entries, keys)


class _Records:
    """The full record and the file of each organisation, looked up when asked for."""

    def __init__(
        self, prefix: str, names: list[str], orgs: OrgIndex, check_at: Callable[[int], FileCheck]
    ) -> None:
        self._prefix = prefix
        self._names = names
        self._orgs = orgs
        self._check_at = check_at
        self._slots: dict[str, int] | None = None

    def _slot(self, org_id: str) -> int | None:
        if self._slots is None:
            self._slots = dict(zip(self._orgs.ids, self._orgs.slots, strict=True))
        return self._slots.get(org_id)

    def org_data(self, org_id: str) -> bytes | None:
        slot = self._slot(org_id)
        return self._check_at(slot).full if slot is not None else None

    def org_file(self, org_id: str) -> str | None:
        slot = self._slot(org_id)
        return self._prefix + self._names[slot] if slot is not None else None


def _registry(
    root: Path,
    prefix: str,
    names: list[str],
    orgs: OrgIndex,
    check_at: Callable[[int], FileCheck],
    left_out: set[str],
) -> Registry:
    """The valid records, linked: full hubs, compact organisations, the vocabulary.

    Organisations come whole from ``orgs``; their full records and files are looked up
    when asked for. Only the few other files' checks are read here.
    """
    from dehub_cli.models import Hub, Initiative, SectorsFile

    registry = Registry(root=str(root), orgs=dict(zip(orgs.ids, orgs.entries, strict=True)))
    registry.records = _Records(prefix, names, orgs, check_at)
    files = registry.files
    decode = msgspec.msgpack.decode
    for slot, name in enumerate(names):
        if name.startswith("orgs/"):
            break  # the scan lists the organisations last
        check = check_at(slot)
        full = check.full
        if full is None or name in left_out:
            continue
        if check.kind == "hub":
            record_id = record_id_of(name)
            registry.hubs[record_id] = Hub.model_validate(decode(full))
            files["hub:" + record_id] = prefix + name
        elif check.kind == "sectors":
            files["sectors"] = prefix + name
            for sector in SectorsFile.model_validate(decode(full)).sectors:
                registry.sectors.setdefault(sector.id, sector)
        elif check.kind == "initiative":
            files["initiative"] = prefix + name
            registry.initiative = Initiative.model_validate(decode(full))
    return registry
