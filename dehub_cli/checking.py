"""One file on its own: bytes -> located diagnostics, the record, and facts for the rules.

Everything here depends only on the file's bytes, its kind and its name, so the result
is cached per file (see :mod:`dehub_cli.cache`) and a run re-checks only files that
changed. Every problem of a file is reported in one run: a YAML finding that leaves a
usable value (an ambiguous ``yes``, a duplicate key) does not stop the schema checks,
one field's error does not hide another's, and the valid fields of an invalid record
still reach the rules across records (as :mod:`~dehub_cli.entries` facts). Only a file
that cannot be parsed at all is skipped, and its diagnostic says so.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec
from pydantic import BaseModel, TypeAdapter, ValidationError

from dehub_cli.codes import Code, Severity
from dehub_cli.dates import DateFormatError, PartialDate
from dehub_cli.diagnostics import Finding
from dehub_cli.discovery import Kind as Kind
from dehub_cli.discovery import record_id_of
from dehub_cli.entries import (
    HubFacts,
    MembershipFacts,
    OrgFacts,
    SectorSpanFacts,
    hub_facts,
    org_entry,
)
from dehub_cli.filecheck import MAX_FILE_BYTES as MAX_FILE_BYTES
from dehub_cli.filecheck import SKIPPED, FileCheck, Located
from dehub_cli.filecheck import too_large as too_large
from dehub_cli.identity import name_keys
from dehub_cli.models import ID_PATTERN, Hub, Id, Initiative, Org, Role, SectorsFile, Text
from dehub_cli.schema_errors import findings_from_errors
from dehub_cli.suppressions import Suppression, parse_suppressions
from dehub_cli.textnorm import quoted
from dehub_cli.yamlparse import ParsedYaml, parse_yaml

MODELS: dict[str, type[BaseModel]] = {
    "hub": Hub,
    "org": Org,
    "sectors": SectorsFile,
    "initiative": Initiative,
}
FATAL = frozenset(
    {
        Code.UNREADABLE,
        Code.NOT_UTF8,
        Code.TOO_LARGE,
        Code.YAML_SYNTAX,
        Code.EMPTY,
        Code.NOT_A_MAPPING,
        Code.TAB_INDENT,
        Code.TOO_DEEP,
    }
)
"""Problems that leave no usable value: the file's other checks cannot run."""

_ID = re.compile(ID_PATTERN)


@dataclass
class _Pending:
    """A file between parsing and validation."""

    kind: Kind
    name: str
    data: bytes
    text: str = ""
    value: dict[str, Any] | None = None
    diagnostics: list[Located] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    id_ok: bool = True


def check_files(files: Sequence[tuple[Kind, str, bytes]]) -> list[FileCheck]:
    """Check each ``(kind, file name, bytes)``; the name's stem is the record's id."""
    pending = [_parse(kind, name, data) for kind, name, data in files]
    by_kind: dict[str, list[_Pending]] = defaultdict(list)
    for item in pending:
        if item.value is not None:
            by_kind[item.kind].append(item)
    results: dict[int, FileCheck] = {}
    for kind, items in by_kind.items():
        for item, check in zip(items, _validate_all(kind, items), strict=True):
            results[id(item)] = check
    return [
        results.get(id(item))
        or FileCheck(
            item.kind, item.diagnostics, parsed=False, suppressions=_suppressions(item.data)
        )
        for item in pending
    ]


def check_file(kind: Kind, name: str, data: bytes) -> FileCheck:
    """:func:`check_files` for one file."""
    return check_files([(kind, name, data)])[0]


def _parse(kind: Kind, name: str, data: bytes) -> _Pending:
    item = _Pending(kind, name, data)
    if len(data) > MAX_FILE_BYTES:
        item.diagnostics.append(too_large(len(data)))
        return item
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        item.diagnostics.append(
            _located(
                Code.NOT_UTF8,
                line,
                column,
                f"byte 0x{data[error.start]:02x} is not valid UTF-8" + SKIPPED,
                "save the file as UTF-8 (Excel and old editors may write Windows-1252)",
            )
        )
        return item
    if not text.isascii():
        normal = unicodedata.normalize("NFC", text)
        if normal != text:
            item.diagnostics.append(_not_nfc(text))
            text = normal
    item.text = text
    parsed = parse_yaml(text)
    fatal = False
    for problem in parsed.problems:
        message = problem.message
        if problem.code in FATAL and not fatal:
            message += SKIPPED
            fatal = True
        item.diagnostics.append(
            _located(problem.code, problem.line, problem.column, message, problem.hint)
        )
    if fatal:
        return item
    value = parsed.value
    if value is None:
        item.diagnostics.append(
            _located(
                Code.EMPTY,
                1,
                1,
                "file is empty" + SKIPPED,
                "write the record as 'key: value' lines",
            )
        )
        return item
    if not isinstance(value, dict):
        item.diagnostics.append(
            _located(
                Code.NOT_A_MAPPING,
                1,
                1,
                f"the top level is a {_yaml_kind(value)}, not a mapping" + SKIPPED,
                "one record per file, written as 'key: value' lines",
            )
        )
        return item
    item.value = _with_file_id(item, value) if kind in ("hub", "org") else value
    return item


def _not_nfc(text: str) -> Located:
    """DH114 at the first character that NFC would change."""
    line = column = 1
    for number, content in enumerate(text.splitlines(), start=1):
        if unicodedata.normalize("NFC", content) != content:
            line = number
            column = next(
                (index + 1 for index, char in enumerate(content) if unicodedata.combining(char)),
                1,
            )
            break
    return _located(
        Code.NOT_NFC,
        line,
        max(column - 1, 1),
        "text in decomposed Unicode (NFD): 'ü' is written as 'u' and a combining mark",
        "run 'dehub fmt' to write it in composed form (NFC), as the rest of the registry",
    )


def _yaml_kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _with_file_id(item: _Pending, value: dict[str, Any]) -> dict[str, Any]:
    """Check the declared id against the file name; validate as if it matched."""
    stem = record_id_of(item.name)
    if not _ID.match(stem):
        item.findings.append(
            Finding(
                Code.INVALID_ID,
                Severity.ERROR,
                item.name,
                (),
                f"file name {quoted(item.name.rsplit('/', 1)[-1])} is not a valid id "
                "(lowercase ASCII letters, digits, hyphens)",
                "rename the file, e.g. koeln.yaml for Köln",
            )
        )
        item.id_ok = False
        return {**value, "id": None}
    declared = value.get("id", stem)
    if declared != stem:
        item.findings.append(
            Finding(
                Code.ID_MISMATCH,
                Severity.ERROR,
                item.name,
                ("id",),
                f"id {quoted(declared)} does not match the file name {quoted(item.name.rsplit('/', 1)[-1])}",
                f"write 'id: {stem}' or rename the file to {declared}.yaml",
            )
        )
        item.id_ok = False
    return {**value, "id": stem}


def _validate_all(kind: str, items: list[_Pending]) -> list[FileCheck]:
    """Validate many records at once; one by one only when some are invalid."""
    model = MODELS[kind]
    values = [item.value for item in items]
    try:
        records = _list_adapter(model).validate_python(values)
    except ValidationError:
        records = None
    checks = []
    for index, item in enumerate(items):
        assert item.value is not None
        record: BaseModel | None = records[index] if records is not None else None
        if record is None:
            try:
                record = model.model_validate(item.value)
            except ValidationError as error:
                item.findings.extend(findings_from_errors(model, error.errors(), item.name))
                record = None
        checks.append(_finished(item, model, record))
    return checks


@functools.cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """Validates a list of records at once; built once per model (building takes ms)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _finished(item: _Pending, model: type[BaseModel], record: BaseModel | None) -> FileCheck:
    assert item.value is not None
    valid = record is not None and item.id_ok
    check = FileCheck(item.kind, item.diagnostics)
    if isinstance(record, Org):
        item.findings.extend(_org_warnings(item.name, record))
        if valid:
            check.entry = org_entry(record)
    elif isinstance(record, Hub):
        check.hub_facts = hub_facts(record)
    if record is None:
        if item.kind == "org":
            check.org_facts, extra = _org_facts(item)
            item.findings.extend(extra)
        elif item.kind == "hub":
            check.hub_facts = _hub_facts(item.value)
    elif valid:
        check.full = msgspec.msgpack.encode(item.value)
    name = check.entry.name if check.entry else check.org_facts.name if check.org_facts else None
    if name:
        check.name_keys = name_keys(name)
    check.diagnostics = item.diagnostics + _locate(item, item.findings)
    check.diagnostics.sort(key=lambda d: (d.line, d.column, d.code))
    check.suppressions = _suppressions(item.data)
    return check


def _locate(item: _Pending, findings: Iterable[Finding]) -> list[Located]:
    findings = list(findings)
    if not findings:
        return []
    parsed = parse_yaml(item.text, track_positions=True)
    return [
        _located(f.code, *parsed.position(f.path, key=f.at_key), f.message, f.hint, f.severity)
        for f in findings
    ]


def locate_in(text: str, findings: Iterable[Finding]) -> list[tuple[Finding, tuple[int, int]]]:
    """Positions of findings in a file's text (a second, careful parse)."""
    parsed: ParsedYaml = parse_yaml(text, track_positions=True)
    return [(finding, parsed.position(finding.path, key=finding.at_key)) for finding in findings]


def _located(
    code: Code,
    line: int,
    column: int,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Located:
    return Located(code, severity or code.severity, line, column, message, hint)


def _suppressions(data: bytes) -> list[Suppression]:
    """Every ``# dehub: ...`` comment of the file (its file name is added when loaded)."""
    if b"dehub:" not in data:
        return []
    return parse_suppressions(data.decode("utf-8-sig", "replace"), "")


# --- organisations: rules within one record -------------------------------------------------


def _org_warnings(name: str, org: Org) -> list[Finding]:
    """Warnings about one valid organisation: overlapping memberships, unsourced claims."""
    findings = []
    seen: dict[tuple[str, str], list[tuple[PartialDate, PartialDate | None, int]]] = {}
    for index, membership in enumerate(org.memberships):
        start, end = membership.start, membership.end
        if start is None:
            continue
        spans = seen.setdefault((membership.hub, membership.role), [])
        if any(_overlap(start, end, other_start, other_end) for other_start, other_end, _ in spans):
            findings.append(
                Finding(
                    Code.OVERLAPPING,
                    Code.OVERLAPPING.severity,
                    name,
                    ("memberships", index),
                    f"this {membership.role} membership in {quoted(membership.hub)} overlaps another one",
                    "merge the two entries, or end the first before the second starts",
                )
            )
        spans.append((start, end, index))
    if not org.sources:
        for index, membership in enumerate(org.memberships):
            if not membership.sources:
                findings.append(
                    Finding(
                        Code.UNSOURCED,
                        Code.UNSOURCED.severity,
                        name,
                        ("memberships", index),
                        f"the membership in {quoted(membership.hub)} has no source, and the record "
                        "has none",
                        "add 'sources:' with the page that names this membership",
                    )
                )
    return findings


def _overlap(
    start: PartialDate, end: PartialDate | None, other: PartialDate, other_end: PartialDate | None
) -> bool:
    return (other_end is None or start.first_day <= other_end.last_day) and (
        end is None or other.first_day <= end.last_day
    )


_TEXT: TypeAdapter[str] = TypeAdapter(Text)
_ID_ADAPTER: TypeAdapter[str] = TypeAdapter(Id)


def _valid_text(value: Any) -> str | None:
    try:
        return _TEXT.validate_python(value)
    except ValidationError:
        return None


def _valid_id(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return _ID_ADAPTER.validate_python(value)
    except ValidationError:
        return None


def _valid_date(value: Any) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except DateFormatError:
        return None


def _valid_role(value: Any) -> Role | None:
    if value is None:
        return Role.MEMBER
    try:
        return Role(value)
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _org_facts(item: _Pending) -> tuple[OrgFacts, list[Finding]]:
    """The valid fields of an invalid organisation, and the date orders its errors hid."""
    assert item.value is not None
    value = item.value
    memberships: list[MembershipFacts | None] = []
    extra = []
    reported = {f.path[:2] for f in item.findings if f.code is Code.END_BEFORE_START}
    for index, raw in enumerate(_list(value.get("memberships"))):
        if not isinstance(raw, dict):
            memberships.append(None)
            continue
        facts = MembershipFacts(
            _valid_id(raw.get("hub")),
            _valid_role(raw.get("role")),
            _valid_date(raw.get("since")),
            _valid_date(raw.get("first_seen")),
            _valid_date(raw.get("until")),
            _valid_date(raw.get("last_seen")),
        )
        memberships.append(facts)
        start, end = facts.start, facts.end
        if (
            start is not None
            and end is not None
            and end.last_day < start.first_day
            and ("memberships", index) not in reported
        ):
            end_key = "until" if facts.until is not None else "last_seen"
            start_key = "since" if facts.since is not None else "first_seen"
            extra.append(
                Finding(
                    Code.END_BEFORE_START,
                    Severity.ERROR,
                    item.name,
                    ("memberships", index, end_key),
                    f"memberships[{index}]: {end_key} {end} is before {start_key} {start}",
                    "check the dates: until is the last day of the membership",
                )
            )
    sourced = bool(_list(value.get("sources"))) or any(
        isinstance(raw, dict) and _list(raw.get("sources"))
        for raw in _list(value.get("memberships"))
    )
    if not sourced and not any(f.path[:1] == ("sources",) for f in item.findings):
        extra.append(
            Finding(
                Code.WRONG_TYPE,
                Severity.ERROR,
                item.name,
                ("sources",),
                "sources: every record needs at least one source",
                "add '- url: https://...' with 'title:' and 'date:' of the page the facts come from",
            )
        )
    sectors = tuple(
        sector for sector in (_valid_id(s) for s in _list(value.get("sectors"))) if sector
    )
    return OrgFacts(_valid_text(value.get("name")), sectors, tuple(memberships)), extra


def _hub_facts(value: dict[str, Any]) -> HubFacts:
    """The valid fields of an invalid hub."""
    spans = []
    for raw in _list(value.get("sectors")):
        sector = raw.get("sector") if isinstance(raw, dict) else raw
        spans.append(SectorSpanFacts(_valid_id(sector)))
    cities: list[str] = []
    for raw in _list(value.get("cities")):
        city = _valid_text(raw.get("name") if isinstance(raw, dict) else raw)
        if city:
            cities.append(city)
    return HubFacts(
        _valid_text(value.get("name")),
        tuple(cities),
        _valid_date(value.get("announced")),
        tuple(spans),
        tuple(_valid_id(twin) for twin in _list(value.get("twins"))),
    )
