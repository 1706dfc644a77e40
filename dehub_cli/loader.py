"""Loading a registry: scan, check each changed file (cached per file), run the rules, link.

1. :func:`~dehub_cli.discovery.scan_registry` lists every file with its stamp.
2. Each file whose stamp matches the cache keeps its cached check; the others are read
   and checked (:mod:`dehub_cli.checking`), in two processes when there are many.
3. The rules across records run on the compact facts of every record
   (:mod:`dehub_cli.rules`), today; their findings are located in their files, with
   positions remembered in the cache.
4. The valid records become the :class:`~dehub_cli.registry.Registry`.

Never prints, never stops at the first problem.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from dehub_cli.cache import (
    EMPTY,
    CachedFile,
    Derived,
    code_fingerprint,
    racy_digest,
    read_cache,
    touch,
    usable,
    write_cache,
)
from dehub_cli.checking import (
    MAX_FILE_BYTES,
    FileCheck,
    Kind,
    Located,
    check_files,
    locate_in,
    position_key,
    too_large,
)
from dehub_cli.codes import Code
from dehub_cli.diagnostics import Diagnostic, Finding
from dehub_cli.discovery import ScannedFile, display_path, scan_registry
from dehub_cli.entries import HubFacts, OrgLike
from dehub_cli.loadresult import LoadResult, gc_paused
from dehub_cli.reading import read_limited
from dehub_cli.registry import Registry
from dehub_cli.rules import (
    STABLE_RULES,
    RuleView,
    hubs_without_operator,
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
) -> LoadResult:
    """Read, check and link every file of the registry at ``root``."""
    day = today or dt.date.today()
    with gc_paused(freeze=True):
        scanned = scan_registry(root)
        code = code_fingerprint() if use_cache else ""
        document = read_cache(root, code) if use_cache else EMPTY
        cached = document.files
        checks, fresh = _checks(scanned, cached, progress)
        derived = document.derived
        changed = bool(fresh) or len(cached) != len(checks) or derived is None
        located: dict[str, list[Located]] = defaultdict(list)
        if changed:
            derived = _derive(scanned, checks, day)
        assert derived is not None
        for name, item in derived.findings:
            located[name].append(item)
        left_out = set(derived.left_out)
        remembered = _locate(
            hubs_without_operator(derived.operators, derived.hub_files, day),
            checks,
            scanned,
            located,
        )
        prefix = _display_prefix(root)
        diagnostics = _diagnostics(prefix, scanned, checks, left_out, located)
        suppressions = [
            msgspec.structs.replace(suppression, file=prefix + name)
            for name, check in checks.items()
            if check.suppressions
            for suppression in check.suppressions
        ]
    if use_cache:
        if changed or remembered:
            _store(root, code, scanned, checks, cached, derived)
        else:
            touch(root)

    def registry() -> Registry:
        with gc_paused(freeze=True):
            return _registry(root, prefix, scanned, checks, left_out)

    return LoadResult(registry, diagnostics, len(scanned), suppressions)


def _derive(scanned: list[ScannedFile], checks: dict[str, FileCheck], day: dt.date) -> Derived:
    """Run the rules over the whole registry (the per-file ones only where needed)."""
    view, left_out = _rule_view(scanned, checks, day)
    located: dict[str, list[Located]] = defaultdict(list)
    _locate([f for rule in STABLE_RULES for f in rule(view)], checks, scanned, located)
    _link(view, checks, scanned)
    findings = [(name, item) for name, items in located.items() for item in items]
    return Derived(findings, operator_spans(view), dict(view.hub_files), sorted(left_out))


def _diagnostics(
    prefix: str,
    scanned: list[ScannedFile],
    checks: dict[str, FileCheck],
    left_out: set[str],
    located: dict[str, list[Located]],
) -> list[Diagnostic]:
    """Every diagnostic, by file and line: the file's own, its rules', the registry's."""
    diagnostics: list[Diagnostic] = []
    for name, kind, _, _, _, _ in scanned:
        check = checks[name]
        found: list[Located] = check.diagnostics
        if check.linked and kind == "org" and name not in left_out:
            found = found + check.linked
        if name in located:
            found = found + located[name]
        if found:
            file = prefix + name
            diagnostics += [_diagnostic(file, item) for item in found]
    if not any(scanned_file.kind == "sectors" for scanned_file in scanned):
        diagnostics.append(_no_vocabulary(prefix))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


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
    scanned: list[ScannedFile], cached: dict[str, CachedFile], progress: Progress | None
) -> tuple[dict[str, FileCheck], set[str]]:
    """A check for every file: cached when its stamp matches, else made now."""
    checks: dict[str, FileCheck] = {}
    todo: list[ScannedFile] = []
    lookup = cached.get
    for scanned_file in scanned:
        name, _, _, path, stamp, problem = scanned_file
        if problem is not None:
            checks[name] = _unreadable(scanned_file)
            continue
        hit = lookup(name)
        if hit is not None and hit.stamp == stamp and hit.digest is None:
            checks[name] = hit.check  # the common case, without a call
        elif hit is not None and usable(hit, stamp, path):
            checks[name] = hit.check
        else:
            checks[name] = _PENDING
            todo.append(scanned_file)
    for scanned_file, check in zip(todo, _check_scanned(todo, progress), strict=True):
        checks[scanned_file.name] = check
    return checks, {scanned_file.name for scanned_file in todo}


_PENDING = FileCheck("", [])
"""Keeps a file's place in the order of checks until it is checked."""


def _unreadable(scanned_file: ScannedFile) -> FileCheck:
    message = f"not read: {scanned_file.problem}"
    hint = "registry files must be regular files inside the registry directory"
    located = Located(Code.UNREADABLE, Code.UNREADABLE.severity, 0, 0, message, hint)
    return FileCheck(scanned_file.kind, [located], parsed=False)


def _read(scanned_file: ScannedFile) -> tuple[Kind, str, bytes]:
    """The file's bytes, at most one more than the limit (a larger file says so by that)."""
    expected = scanned_file.stamp[0] if scanned_file.stamp is not None else None
    try:
        data = read_limited(scanned_file.path, MAX_FILE_BYTES, expected)
    except OSError as error:
        return (
            scanned_file.kind,
            scanned_file.name,
            _UNREADABLE_MARK + str(error.strerror or error).encode(),
        )
    return scanned_file.kind, scanned_file.name, data


_UNREADABLE_MARK = b"\x00dehub-unreadable\x00"


BATCH = 500
"""Files read and checked together: their bytes, texts and parsed values are let go after
each batch, so memory holds only the checks (a third of it at 100,000 files)."""
SHARES = 24
"""Runs of files the two processes share out (see :func:`_check_scanned`)."""


def _check_batch(files: list[ScannedFile]) -> list[FileCheck]:
    items = [_read(scanned_file) for scanned_file in files]
    readable = [item for item in items if not item[2].startswith(_UNREADABLE_MARK)]
    checked = iter(check_files(readable))
    result = []
    for scanned_file, (kind, _, data) in zip(files, items, strict=True):
        if len(data) > MAX_FILE_BYTES and scanned_file.stamp is not None:
            result.append(FileCheck(kind, [too_large(scanned_file.stamp[0])], parsed=False))
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


def _check_scanned(files: list[ScannedFile], progress: Progress | None) -> list[FileCheck]:
    """Check ``files``; with many, a forked second process shares the work.

    The files are cut into :data:`SHARES` runs. The worker is given them all, last first;
    this process works from the first on, each time taking back a run the worker has not
    started (a pending future can be cancelled). The two meet wherever the work is
    balanced, whatever this process spends on other work or the machine on others.
    """
    if len(files) < PARALLEL_MIN_FILES or not _can_fork():
        return _check_in_batches(files, progress)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // SHARES)
    runs = [files[start : start + size] for start in range(0, len(files), size)]
    try:
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):  # pragma: no cover - no fork, or no process left
        return _check_in_batches(files, progress)
    results: list[list[FileCheck]] = []
    done = 0
    with executor:
        futures = [executor.submit(_encoded_checks, run) for run in reversed(runs)][::-1]
        for run, future in zip(runs, futures, strict=True):
            if future.cancel():
                results.append(_check_in_batches(run, progress, done=done, total=len(files)))
            else:
                try:
                    results.append(msgspec.msgpack.decode(future.result(), type=list[FileCheck]))
                except Exception:  # pragma: no cover - the worker died: do its run here
                    results.append(_check_in_batches(run, None))
            done += len(run)
            if progress is not None:
                progress(done, len(files))
    return [check for run in results for check in run]


def _encoded_checks(files: list[ScannedFile]) -> bytes:
    with gc_paused():
        return msgspec.msgpack.encode(_check_in_batches(files, None))


def _check_in_batches(
    files: list[ScannedFile], progress: Progress | None, *, done: int = 0, total: int | None = None
) -> list[FileCheck]:
    result: list[FileCheck] = []
    for start in range(0, len(files), BATCH):
        result += _check_batch(files[start : start + BATCH])
        if progress is not None:
            progress(done + len(result), total or len(files))
    return result


def _can_fork() -> bool:
    return (
        hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and os.environ.get("DEHUB_JOBS") != "1"
    )


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _rule_view(
    scanned: list[ScannedFile], checks: dict[str, FileCheck], today: dt.date
) -> tuple[RuleView, set[str]]:
    """The facts of every record by id; a file whose id another file has is left out."""
    hubs: dict[str, HubFacts] = {}
    orgs: dict[str, OrgLike] = {}
    keys: dict[str, tuple[str, ...]] = {}
    hub_files: dict[str, str] = {}
    org_files: dict[str, str] = {}
    duplicates: list[tuple[str, str, str]] = []
    left_out: set[str] = set()
    sectors: dict[str, Any] = {}
    sector_file = "sectors.yaml"
    vocabulary = False
    for name, kind, record_id, _, _, _ in scanned:
        check = checks[name]
        if kind == "org":
            if record_id in org_files or record_id in hub_files:
                other = org_files.get(record_id) or hub_files[record_id]
                duplicates.append((name, record_id, other))
                left_out.add(name)
                continue
            org_files[record_id] = name
            facts: OrgLike | None = check.entry or check.org_facts
            if facts is not None:
                orgs[record_id] = facts
                keys[record_id] = check.name_keys
        elif kind == "hub":
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
        hubs, orgs, sectors, hub_files, org_files, sector_file, today, duplicates, vocabulary, keys
    )
    return view, left_out


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
    checks: dict[str, FileCheck],
    scanned: list[ScannedFile],
    located: dict[str, list[Located]],
) -> bool:
    """Add findings to ``located`` by file; positions come from the memo or a second parse.

    Returns whether a position was newly found (the cache then remembers it).
    """
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    if not by_file:
        return False
    paths = {scanned_file.name: scanned_file.path for scanned_file in scanned}
    remembered = False
    for name, file_findings in by_file.items():
        check = checks.get(name)
        memo = check.positions if check is not None else {}
        missing = [f for f in file_findings if position_key(f.path, f.at_key) not in memo]
        if missing and name in paths:
            for finding, position in locate_in(_text(paths[name]), missing):
                memo[position_key(finding.path, finding.at_key)] = position
            if check is not None:
                check.positions = memo
                remembered = True
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
    return remembered


def _link(view: RuleView, checks: dict[str, FileCheck], scanned: list[ScannedFile]) -> bool:
    """Check each organisation against the hubs and sectors, unless its file's answer holds.

    A file's answer holds while the file and the context (hubs, sectors) are unchanged:
    editing one organisation re-checks that one only. Returns whether any answer is new.
    """
    key = view.context_key
    changed = False
    paths: dict[str, str] | None = None
    for org_id, org in view.orgs.items():
        name = view.org_files[org_id]
        check = checks[name]
        if check.context == key:
            continue
        findings = org_findings(view, org_id, org)
        if findings:
            if paths is None:
                paths = {scanned_file.name: scanned_file.path for scanned_file in scanned}
            located = locate_in(_text(paths[name]), findings)
            check.linked = [
                Located(f.code, f.severity, *position, f.message, f.hint) for f, position in located
            ]
        else:
            check.linked = []
        check.context = key
        changed = True
    return changed


def _text(path: str) -> str:
    import unicodedata

    try:
        with open(path, "rb") as stream:
            return unicodedata.normalize("NFC", stream.read().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return ""


def _registry(
    root: Path,
    prefix: str,
    scanned: list[ScannedFile],
    checks: dict[str, FileCheck],
    left_out: set[str],
) -> Registry:
    """The valid records, linked: full hubs, compact organisations, the vocabulary."""
    from dehub_cli.models import Hub, Initiative, SectorsFile

    registry = Registry(root=str(root))
    orgs, org_data, files = registry.orgs, registry.org_data, registry.files
    decode = msgspec.msgpack.decode
    for name, kind, record_id, _, _, _ in scanned:
        check = checks[name]
        full = check.full
        if full is None or name in left_out:
            continue
        if kind == "org":
            assert check.entry is not None
            orgs[record_id] = check.entry
            org_data[record_id] = full
            files["org:" + record_id] = prefix + name
        elif kind == "hub":
            registry.hubs[record_id] = Hub.model_validate(decode(full))
            files["hub:" + record_id] = prefix + name
        elif kind == "sectors":
            files["sectors"] = prefix + name
            for sector in SectorsFile.model_validate(decode(full)).sectors:
                registry.sectors.setdefault(sector.id, sector)
        elif kind == "initiative":
            files["initiative"] = prefix + name
            registry.initiative = Initiative.model_validate(decode(full))
    return registry


def _store(
    root: Path,
    code: str,
    scanned: list[ScannedFile],
    checks: dict[str, FileCheck],
    cached: dict[str, CachedFile],
    derived: Derived,
) -> None:
    """Write the cache when nothing changed while we were reading."""
    now = time.time_ns()
    files: dict[str, CachedFile] = {}
    for scanned_file in scanned:
        if scanned_file.stamp is None:
            continue
        previous = cached.get(scanned_file.name)
        check = checks[scanned_file.name]
        if previous is not None and previous.check is check:
            files[scanned_file.name] = previous
            continue
        digest = racy_digest(scanned_file.stamp, scanned_file.path, now)
        files[scanned_file.name] = CachedFile(scanned_file.stamp, digest, check)
    if [(f.name, f.stamp) for f in scan_registry(root)] != [(f.name, f.stamp) for f in scanned]:
        return  # a file changed while we were reading: do not cache what may be stale
    write_cache(root, code, files, derived)
