"""Files -> validated records and diagnostics. Never prints, never stops at the first problem."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from dehub_cli.codes import Code
from dehub_cli.diagnostics import Diagnostic, Finding, Severity
from dehub_cli.discovery import RegistryFiles, display_path, list_registry_files
from dehub_cli.loadresult import LoadResult, gc_paused
from dehub_cli.models import ID_PATTERN, Hub, Initiative, Org, SectorsFile
from dehub_cli.registry import Registry
from dehub_cli.schema_errors import findings_from_errors
from dehub_cli.yamlparse import ParsedYaml, parse_yaml

MAX_FILE_BYTES = 1_000_000
"""Larger files are refused unread (a record is a few KB)."""

_ID = re.compile(ID_PATTERN)
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class _RawFile:
    path: Path
    display: str
    value: dict[str, Any] | None


class _Collector:
    """Gathers findings and located diagnostics while loading."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.findings: list[Finding] = []
        self.paths: dict[str, Path] = {}

    def error(
        self, code: Code, file: str, line: int, column: int, message: str, hint: str | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, file, line, column, message, hint))


def read_yaml_file(path: Path, display: str, out: _Collector) -> dict[str, Any] | None:
    """One file -> its top-level mapping, or ``None`` with diagnostics in ``out``."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                _too_large(display, os.fstat(stream.fileno()).st_size, out)
                return None
    except OSError as error:
        out.error(Code.UNREADABLE, display, 0, 0, f"cannot read file: {error.strerror or error}")
        return None
    return parse_yaml_bytes(data, display, out)


def _too_large(display: str, size: int, out: _Collector) -> None:
    out.error(
        Code.TOO_LARGE,
        display,
        0,
        0,
        f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
        "a record is a few KB: split it or remove what does not belong",
    )


def parse_yaml_bytes(data: bytes, display: str, out: _Collector) -> dict[str, Any] | None:
    """A file's bytes -> its top-level mapping, or ``None`` with diagnostics in ``out``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        out.error(
            Code.NOT_UTF8,
            display,
            line,
            column,
            f"byte 0x{data[error.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (Excel and old editors may write Windows-1252)",
        )
        return None
    parsed = parse_yaml(text)
    for problem in parsed.problems:
        out.error(
            problem.code, display, problem.line, problem.column, problem.message, problem.hint
        )
    if parsed.problems:
        return None
    value = parsed.value
    if value is None:
        out.error(
            Code.EMPTY, display, 1, 1, "file is empty", "write the record as 'key: value' lines"
        )
        return None
    if not isinstance(value, dict):
        out.error(
            Code.NOT_A_MAPPING,
            display,
            1,
            1,
            f"the top level is a {_yaml_kind(value)}, not a mapping",
            "one record per file, written as 'key: value' lines",
        )
        return None
    return value


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _with_file_id(raw: _RawFile, out: _Collector) -> dict[str, Any] | None:
    """Check the declared id against the file name and fill it in when absent."""
    assert raw.value is not None
    stem = raw.path.stem
    value = raw.value
    if not _ID.match(stem):
        out.findings.append(
            Finding(
                Code.INVALID_ID,
                Severity.ERROR,
                raw.display,
                (),
                f"file name '{raw.path.name}' is not a valid id (lowercase ASCII letters, digits, hyphens)",
                "rename the file, e.g. koeln.yaml for Köln",
            )
        )
        return None
    declared = value.get("id", stem)
    if declared != stem:
        out.findings.append(
            Finding(
                Code.ID_MISMATCH,
                Severity.ERROR,
                raw.display,
                ("id",),
                f"id '{declared}' does not match the file name '{raw.path.name}'",
                f"write 'id: {stem}' or rename the file to {declared}.yaml",
            )
        )
        return None
    if "id" not in value:
        value = {"id": stem, **value}
    return value


def _validate_many(
    model: type[ModelT], raws: list[_RawFile], out: _Collector
) -> list[tuple[_RawFile, ModelT]]:
    """Validate many records at once; fall back to one by one to attribute errors."""
    candidates = []
    for raw in raws:
        value = _with_file_id(raw, out) if raw.value is not None else None
        if value is not None:
            candidates.append((raw, value))
    adapter = TypeAdapter(list[model])  # type: ignore[valid-type]
    try:
        models = adapter.validate_python([value for _, value in candidates])
        return [(raw, record) for (raw, _), record in zip(candidates, models, strict=True)]
    except ValidationError:
        pass
    valid = []
    for raw, value in candidates:
        try:
            valid.append((raw, model.model_validate(value)))
        except ValidationError as error:
            out.findings.extend(findings_from_errors(model, error.errors(), raw.display))
    return valid


def _validate_one(model: type[ModelT], raw: _RawFile, out: _Collector) -> ModelT | None:
    if raw.value is None:
        return None
    try:
        return model.model_validate(raw.value)
    except ValidationError as error:
        out.findings.extend(findings_from_errors(model, error.errors(), raw.display))
        return None


PARALLEL_MIN_FILES = 2000
"""From this many files on, a second process parses half of them (when fork is available)."""


def _read_all(paths: list[Path], out: _Collector) -> list[_RawFile]:
    displays = []
    prefixes: dict[Path, str] = {}
    for path in paths:
        prefix = prefixes.get(path.parent)
        if prefix is None:
            prefix = prefixes[path.parent] = os.path.join(display_path(path.parent), "")
        display = prefix + path.name
        out.paths[display] = path
        displays.append(display)
    if len(paths) >= PARALLEL_MIN_FILES and _can_fork():
        values = _read_in_two_processes(paths, displays, out)
    else:
        values = [
            read_yaml_file(path, display, out)
            for path, display in zip(paths, displays, strict=True)
        ]
    return [
        _RawFile(path, display, value)
        for path, display, value in zip(paths, displays, values, strict=True)
    ]


def _can_fork() -> bool:
    return (
        hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and os.environ.get("DEHUB_JOBS") != "1"
    )


def _read_chunk(
    paths: list[Path], displays: list[str]
) -> tuple[list[dict[str, Any] | None], list[Diagnostic]]:
    out = _Collector()
    with gc_paused():
        values = [
            read_yaml_file(path, display, out)
            for path, display in zip(paths, displays, strict=True)
        ]
    return values, out.diagnostics


def _read_in_two_processes(
    paths: list[Path], displays: list[str], out: _Collector
) -> list[dict[str, Any] | None]:
    """Parse the second half in a forked worker while this process parses the first."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    half = len(paths) // 2
    try:
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):  # pragma: no cover - no fork or no process limit left
        return [
            read_yaml_file(path, display, out)
            for path, display in zip(paths, displays, strict=True)
        ]
    with executor:
        future = executor.submit(_read_chunk, paths[half:], displays[half:])
        first = [
            read_yaml_file(path, display, out)
            for path, display in zip(paths[:half], displays[:half], strict=True)
        ]
        try:
            second, diagnostics = future.result()
        except Exception:  # pragma: no cover - the worker died: do its half here
            second, diagnostics = _read_chunk(paths[half:], displays[half:])
    out.diagnostics.extend(diagnostics)
    return first + second


def load_registry(
    root: Path,
    rules: Callable[[Registry], Iterable[Finding]] | None = None,
) -> LoadResult:
    """Read, parse and validate every file of the registry at ``root``, then run ``rules``."""
    out = _Collector()
    with gc_paused(freeze=True):
        files = list_registry_files(root)
        registry = Registry(root=str(root))
        _load_vocabulary(files, registry, out)
        hub_raws = _read_all(files.hubs, out)
        org_raws = _read_all(files.orgs, out)
        for raw, hub in _validate_many(Hub, hub_raws, out):
            _add(registry, "hub", raw, hub, out)
        for raw, org in _validate_many(Org, org_raws, out):
            _add(registry, "org", raw, org, out)
        if rules is not None:
            out.findings.extend(rules(registry))
        diagnostics = out.diagnostics + locate(out.findings, out.paths)
    diagnostics.sort(key=Diagnostic.sort_key)
    return LoadResult(registry, diagnostics, len(files.all()))


def _load_vocabulary(files: RegistryFiles, registry: Registry, out: _Collector) -> None:
    if files.sectors is None:
        out.error(
            Code.NO_VOCABULARY,
            display_path(files.root / "sectors.yaml"),
            0,
            0,
            "sectors.yaml is missing: sector ids cannot be checked",
            "create it with a 'sectors:' list of {id, name, name_de, aliases}",
        )
    else:
        (raw,) = _read_all([files.sectors], out)
        registry.files["sectors"] = raw.display
        vocabulary = _validate_one(SectorsFile, raw, out)
        if vocabulary is not None:
            for index, sector in enumerate(vocabulary.sectors):
                if sector.id in registry.sectors:
                    out.findings.append(
                        Finding(
                            Code.DUPLICATE_ID,
                            Severity.ERROR,
                            raw.display,
                            ("sectors", index, "id"),
                            f"sector id '{sector.id}' is defined twice",
                        )
                    )
                    continue
                registry.sectors[sector.id] = sector
    if files.initiative is not None:
        (raw,) = _read_all([files.initiative], out)
        registry.files["initiative"] = raw.display
        registry.initiative = _validate_one(Initiative, raw, out)


def _add(registry: Registry, kind: str, raw: _RawFile, record: Hub | Org, out: _Collector) -> None:
    record_id = raw.path.stem
    other_kind = "org" if kind == "hub" else "hub"
    for clash in (f"{kind}:{record_id}", f"{other_kind}:{record_id}"):
        if clash in registry.files:
            out.findings.append(
                Finding(
                    Code.DUPLICATE_ID,
                    Severity.ERROR,
                    raw.display,
                    ("id",),
                    f"id '{record_id}' is already used by {registry.files[clash]}",
                    "ids are unique across hubs and organisations: choose another id and file name",
                )
            )
            return
    registry.files[f"{kind}:{record_id}"] = raw.display
    if isinstance(record, Hub):
        registry.hubs[record_id] = record
    else:
        registry.orgs[record_id] = record


RecordKind = Literal["hub", "org", "sectors", "initiative"]
_MODELS: dict[str, type[BaseModel]] = {
    "hub": Hub,
    "org": Org,
    "sectors": SectorsFile,
    "initiative": Initiative,
}


@dataclass(frozen=True)
class RecordCheck:
    """One file checked on its own: its record (``None`` if invalid) and its diagnostics."""

    record: BaseModel | None
    diagnostics: list[Diagnostic]


def check_record_bytes(kind: RecordKind, name: str, data: bytes) -> RecordCheck:
    """Parse and validate one file's bytes as a record of ``kind``; rules across files not run.

    ``name`` is the file's path as it should appear in diagnostics (``orgs/bitkom.yaml``);
    for hubs and organisations its stem is the record's id. Used where files do not come
    from a directory, such as a revision in git's object store.
    """
    out = _Collector()
    if len(data) > MAX_FILE_BYTES:
        _too_large(name, len(data), out)
        return RecordCheck(None, out.diagnostics)
    raw = _RawFile(Path(name), name, parse_yaml_bytes(data, name, out))
    record: BaseModel | None = None
    if raw.value is not None:
        value = _with_file_id(raw, out) if kind in ("hub", "org") else raw.value
        if value is not None:
            record = _validate_one(_MODELS[kind], _RawFile(raw.path, name, value), out)
    diagnostics = out.diagnostics + _locate_in_text(out.findings, data)
    diagnostics.sort(key=Diagnostic.sort_key)
    return RecordCheck(record, diagnostics)


def _locate_in_text(findings: list[Finding], data: bytes) -> list[Diagnostic]:
    if not findings:
        return []
    try:
        parsed: ParsedYaml | None = parse_yaml(data.decode("utf-8-sig"), track_positions=True)
    except UnicodeDecodeError:
        parsed = None
    return [_located(finding, parsed) for finding in findings]


def _located(finding: Finding, parsed: ParsedYaml | None) -> Diagnostic:
    line, column = parsed.position(finding.path, key=finding.at_key) if parsed else (0, 0)
    return Diagnostic(
        finding.code, finding.severity, finding.file, line, column, finding.message, finding.hint
    )


def locate(findings: list[Finding], paths: dict[str, Path]) -> list[Diagnostic]:
    """Turn findings into diagnostics, parsing each concerned file once more with positions."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    located: list[Diagnostic] = []
    for file, file_findings in by_file.items():
        parsed = _parse_with_positions(paths.get(file))
        located.extend(_located(finding, parsed) for finding in file_findings)
    return located


def _parse_with_positions(path: Path | None) -> ParsedYaml | None:
    if path is None:
        return None
    try:
        return parse_yaml(path.read_bytes().decode("utf-8-sig"), track_positions=True)
    except (OSError, UnicodeDecodeError):
        return None
