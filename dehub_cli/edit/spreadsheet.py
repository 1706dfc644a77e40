"""Reading the member lists hub managers keep: CSV in any common dialect, and XLSX.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or
Windows-1252 (Excel's "CSV" on German Windows); delimiter ``,`` ``;`` tab or ``|``,
whichever splits the header row best. XLSX: the first (or a named) worksheet, read
with openpyxl in read-only mode. Columns are found by their header in English or
German; ``--map field=Header`` names any other.

A file larger than :data:`MAX_BYTES` (or an XLSX that unpacks to more than
:data:`MAX_UNPACKED_BYTES`) is refused before it is read, and reading stops at the first
row past :data:`MAX_ROWS`: a 50 MB sheet once took minutes and a gigabyte of memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dehub_cli.edit import EditError
from dehub_cli.textnorm import escape_controls, fold_key, nfc, quoted, suggestion

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "Sheet",
    "SheetRow",
    "SpreadsheetError",
    "decode_csv",
    "match_columns",
    "parse_mapping",
    "read_csv_text",
    "read_sheet",
]

FIELDS = ("name", "kind", "city", "website", "since", "sectors", "role")
"""The columns an import understands; only ``name`` is required."""

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "organisation", "organization", "organisationsname", "firma", "unternehmen"),
    "kind": ("kind", "art", "typ", "type", "kategorie", "category"),
    "city": ("city", "stadt", "ort", "sitz"),
    "website": ("website", "webseite", "homepage", "url", "internetseite", "web"),
    "since": ("since", "seit", "mitglied seit", "member since", "beitritt", "joined"),
    "sectors": ("sectors", "sector", "branchen", "branche", "sektoren", "sektor"),
    "role": ("role", "rolle"),
}
"""Header names per field, compared without case, umlauts, spaces or punctuation."""

MAX_BYTES = 10 * 1024 * 1024
"""Largest file ``import`` reads: 10 MB (a member list of 20,000 rows is about 2 MB)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total an XLSX file (a zip archive) may unpack to: no zip bomb is opened."""
MAX_ROWS = 20_000
"""Most data rows ``import`` reads from one file; split longer lists."""
DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = ("utf-8-sig", "cp1252")


class SpreadsheetError(EditError):
    """A file that cannot be read as a member list (a usage problem: exit 2)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its row number as a spreadsheet program shows it, and its cells by field."""

    number: int
    values: dict[str, str]


@dataclass
class Sheet:
    """The rows of a member list, with the header each field was read from."""

    rows: list[SheetRow]
    columns: dict[str, str]
    """Field -> header text it was read from."""
    ignored: list[str] = field(default_factory=list)
    """Headers that matched no field."""
    encoding: str | None = None
    delimiter: str | None = None


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``--map name=Firmenname`` options -> {field: header}."""
    mapping: dict[str, str] = {}
    for item in items:
        key, sep, header = item.partition("=")
        key = key.strip().lower()
        if not sep or not header.strip():
            raise SpreadsheetError(
                f"--map {quoted(item)} is not FIELD=HEADER", "for example --map name=Firmenname"
            )
        if key not in FIELDS:
            raise SpreadsheetError(
                f"--map: unknown field {quoted(key)}",
                suggestion(key, FIELDS) or f"fields: {', '.join(FIELDS)}",
            )
        mapping[key] = header.strip()
    return mapping


def match_columns(
    headers: Sequence[str], mapping: dict[str, str]
) -> tuple[dict[str, int], list[str]]:
    """Column index per field (``--map`` first, then known names), and the unmatched headers."""
    folded = [fold_key(header) for header in headers]
    columns: dict[str, int] = {}
    for key, header in mapping.items():
        wanted = fold_key(header)
        if wanted not in folded:
            present = [header for header in headers if header.strip()]
            raise SpreadsheetError(
                f"--map {escape_controls(key)}={escape_controls(header)}: no column {quoted(header)}",
                suggestion(header, present) or f"columns: {', '.join(map(quoted, present))}",
            )
        columns[key] = folded.index(wanted)
    for key, names in HEADER_NAMES.items():
        if key in columns:
            continue
        for name in names:
            wanted = fold_key(name)
            if wanted in folded and folded.index(wanted) not in columns.values():
                columns[key] = folded.index(wanted)
                break
    if "name" not in columns:
        present = [header for header in headers if header.strip()]
        raise SpreadsheetError(
            "no name column: expected a header 'name' or 'Name'",
            f"name it with --map name=HEADER; columns: {', '.join(map(quoted, present)) or '(none)'}",
        )
    used = set(columns.values())
    ignored = [
        header for index, header in enumerate(headers) if index not in used and header.strip()
    ]
    return columns, ignored


def _cell_text(value: Any) -> str:
    """A cell as text: dates as ISO, whole numbers without ``.0``, text in Unicode NFC."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value).strip())


def _build(rows: list[tuple[int, list[Any]]], mapping: dict[str, str]) -> Sheet:
    """Header row (the first non-empty one) and data rows -> a :class:`Sheet`."""
    while rows and not any(_cell_text(cell) for cell in rows[0][1]):
        rows.pop(0)
    if not rows:
        raise SpreadsheetError("the file has no header row", "the first row names the columns")
    headers = [_cell_text(cell) for cell in rows[0][1]]
    columns, ignored = match_columns(headers, mapping)
    result = []
    for number, cells in rows[1:]:
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        values = {key: texts[index] if index < len(texts) else "" for key, index in columns.items()}
        result.append(SheetRow(number, values))
    return Sheet(result, {key: headers[index] for key, index in columns.items()}, ignored)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        "the file is neither UTF-8 nor Windows-1252 text",
        "save it from your spreadsheet program as 'CSV UTF-8' or as .xlsx",
    )


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (``,`` on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        count = len(next(csv.reader([first], delimiter=delimiter), []))
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _too_many_rows(name: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"{name} has more than {MAX_ROWS:,} rows",
        f"split it into files of at most {MAX_ROWS:,} rows and import them one after another",
    )


def _limited(rows: Iterable[Sequence[Any]], name: str) -> list[tuple[int, list[Any]]]:
    """Numbered rows, stopping with an error at the first row past the header + MAX_ROWS."""
    numbered: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise _too_many_rows(name)
        numbered.append((number, list(cells)))
    return numbered


def read_csv_text(
    text: str, mapping: dict[str, str] | None = None, *, name: str = "the file"
) -> Sheet:
    """A member list from CSV text (at most :data:`MAX_ROWS` data rows)."""
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = _limited(reader, name)
    except csv.Error as error:
        raise SpreadsheetError(f"line {reader.line_num}: {error}") from None
    sheet = _build(rows, mapping or {})
    sheet.delimiter = delimiter
    return sheet


def _megabytes(size: int) -> str:
    return f"{size // 1024 // 1024} MB"


def _read_xlsx(path: Path, mapping: dict[str, str], sheet_name: str | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise SpreadsheetError(
                f"{path.name} unpacks to more than {_megabytes(MAX_UNPACKED_BYTES)} "
                f"({unpacked:,} bytes)",
                f"split it into files of at most {MAX_ROWS:,} rows",
            )
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(f"cannot read {path.name} as an Excel workbook: {error}") from None
    try:
        if sheet_name is not None:
            if sheet_name not in workbook.sheetnames:
                raise SpreadsheetError(
                    f"no worksheet {quoted(sheet_name)}",
                    suggestion(sheet_name, workbook.sheetnames)
                    or f"worksheets: {', '.join(workbook.sheetnames)}",
                )
            worksheet = workbook[sheet_name]
        else:
            worksheet = workbook.worksheets[0]
        rows = _limited(worksheet.iter_rows(values_only=True), path.name)
    finally:
        workbook.close()
    return _build(rows, mapping)


def read_sheet(
    path: Path, mapping: dict[str, str] | None = None, sheet: str | None = None
) -> Sheet:
    """A member list from a ``.csv``/``.txt``/``.tsv`` or ``.xlsx`` file."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise SpreadsheetError(
            f"{path.name}: {suffix} files cannot be read", "save the sheet as .xlsx or CSV"
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpreadsheetError(
                f"{path.name} is larger than {_megabytes(MAX_BYTES)} ({size:,} bytes)",
                f"split it into files of at most {MAX_ROWS:,} rows, or leave out the "
                "columns import does not read",
            )
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, mapping or {}, sheet)
        data = path.read_bytes()
    except OSError as error:
        raise SpreadsheetError(f"cannot read {path}: {error.strerror or error}") from None
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, mapping or {}, sheet)
    text, encoding = decode_csv(data)
    result = read_csv_text(text, mapping, name=path.name)
    result.encoding = encoding
    return result
