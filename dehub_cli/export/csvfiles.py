"""``dehub export --format csv``: one CSV file per table, safe to open in a spreadsheet.

UTF-8, a header row, ``\\n`` line ends, fields quoted where needed (a name may hold a
newline). Lists are joined with ``; ``, booleans are ``true``/``false``, unknown values
empty. A text cell starting with ``= + - @``, a tab or a carriage return gets a leading
``'`` so that no spreadsheet runs it as a formula (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.export.output import replace_directory
from dehub_cli.export.tables import TABLES, Row, TableSpec, table_rows, table_specs
from dehub_cli.render.safe import csv_cell

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet never reads as a formula (render.safe)."""
    return csv_cell(text)


def cell(value: Any) -> str:
    """The CSV text of one value: numbers as written, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return neutralise("; ".join(str(item) for item in value))
    return neutralise(str(value))


def table_csv(spec: TableSpec, rows: Iterable[Row]) -> str:
    """One table as CSV text, header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.column_names)
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def write_tables(dataset: Dataset, directory: Path) -> None:
    """``<table>.csv`` for every table under ``directory`` (which exists and is empty)."""
    rows = table_rows(dataset)
    for spec in table_specs(dataset):
        (directory / f"{spec.name}.csv").write_bytes(
            table_csv(spec, rows[spec.name]).encode("utf-8")
        )


def is_csv_export(directory: Path) -> bool:
    """Whether ``directory`` holds an earlier CSV export and nothing else."""
    names = {entry.name for entry in directory.iterdir()}
    ours = {f"{spec.name}.csv" for spec in TABLES}
    return "hubs.csv" in names and names <= ours


def write_csv(dataset: Dataset, directory: Path) -> None:
    """Write every table to ``directory``, replacing an earlier export there (atomically)."""
    replace_directory(
        directory, lambda temporary: write_tables(dataset, temporary), ours=is_csv_export
    )
