"""``dehub export --format sqlite``: the dataset as one SQLite file, ready for Datasette.

Written with the standard library's ``sqlite3``: the schema (foreign keys, views, an
external-content FTS5 index) is a few statements we control exactly, and no dependency
is added. Tables follow :data:`dehub_cli.export.tables.TABLES`; lists are JSON arrays
(Datasette facets them), booleans 0/1. The file is built under a temporary name and
renamed into place; an existing file that is not a SQLite database is never overwritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.export import ExportError
from dehub_cli.export.output import is_sqlite_file, replacing_file
from dehub_cli.export.tables import VIEWS, Row, TableSpec, table_rows, table_specs

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

FTS_TOKENIZER = "unicode61 remove_diacritics 2"
"""Case- and accent-insensitive words: ``koln`` finds ``Köln``."""


def quote(name: str) -> str:
    """An SQL identifier, quoted (``left`` and ``end`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(spec: TableSpec) -> str:
    """``CREATE TABLE`` of one spec, with its primary and foreign keys."""
    lines = [f"  {quote(column.name)} {column.sql_type}" for column in spec.columns]
    lines.append(f"  PRIMARY KEY ({', '.join(quote(name) for name in spec.primary_key)})")
    lines += [
        f'  FOREIGN KEY ({quote(column.name)}) REFERENCES {quote(column.references)} ("id")'
        for column in spec.foreign_keys
        if column.references is not None
    ]
    return f"CREATE TABLE {quote(spec.name)} (\n" + ",\n".join(lines) + "\n)"


def index_sql(spec: TableSpec) -> list[str]:
    """One index per foreign key column (``idx_<table>_<column>``)."""
    return [
        f"CREATE INDEX {quote(f'idx_{spec.name}_{column.name}')} "
        f"ON {quote(spec.name)} ({quote(column.name)})"
        for column in spec.foreign_keys
    ]


def fts_sql(spec: TableSpec) -> list[str]:
    """An FTS5 index over ``spec.search``, reading its text from the table (no copy)."""
    if spec.fts_table is None:
        return []
    columns = ", ".join(quote(name) for name in spec.search)
    return [
        f"CREATE VIRTUAL TABLE {quote(spec.fts_table)} USING fts5({columns}, "
        f"content={quote(spec.name)}, tokenize='{FTS_TOKENIZER}')",
        f"INSERT INTO {quote(spec.fts_table)} ({quote(spec.fts_table)}) VALUES ('rebuild')",
    ]


def view_sql(as_of: str) -> list[str]:
    return [f"CREATE VIEW {quote(view.name)} AS\n{view.sql.format(as_of=as_of)}" for view in VIEWS]


def _stored(spec: TableSpec, rows: Iterable[Row]) -> Iterable[Sequence[Any]]:
    """Rows with lists as JSON text (booleans are stored as 0/1 by sqlite3 itself)."""
    lists = [index for index, column in enumerate(spec.columns) if column.kind == "list"]
    if not lists:
        return rows
    encoded: dict[tuple[Any, ...], str] = {}  # the same few lists of ids recur

    def convert(row: Row) -> list[Any]:
        values = list(row)
        for index in lists:
            value = values[index]
            if value is not None:
                key = tuple(value)
                text = encoded.get(key)
                if text is None:
                    text = encoded[key] = json.dumps(value, ensure_ascii=False)
                values[index] = text
        return values

    return map(convert, rows)


def build_database(connection: sqlite3.Connection, dataset: Dataset) -> None:
    """Create every table, index, view and search index of the export in ``connection``."""
    specs = table_specs(dataset)
    rows = table_rows(dataset)
    with connection:
        for spec in specs:
            connection.execute(create_table_sql(spec))
            placeholders = ", ".join("?" for _ in spec.columns)
            connection.executemany(
                f"INSERT INTO {quote(spec.name)} VALUES ({placeholders})",
                _stored(spec, rows[spec.name]),
            )
        for spec in specs:
            for statement in index_sql(spec) + fts_sql(spec):
                connection.execute(statement)
        for statement in view_sql(dataset.as_of.isoformat()):
            connection.execute(statement)
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, _, parent, _ = broken[0]
        raise ExportError(
            f"{len(broken)} rows refer to records that do not exist (first: {table} -> {parent})",
            hint="run dehub validate and fix the errors it reports",
        )
    connection.execute(f"PRAGMA user_version = {int(dataset.index['schema_version'])}")


def write_sqlite(dataset: Dataset, path: Path) -> None:
    """Write the dataset to the SQLite file ``path`` (replacing an earlier export there).

    Raises :class:`ExportError` when ``path`` holds something other than a SQLite
    database, or cannot be written.
    """
    if path.is_file() and not is_sqlite_file(path):
        raise ExportError(
            f"refusing to overwrite {path}: it is not a SQLite database",
            hint="choose another file name for -o, or remove the file first",
        )
    with replacing_file(path) as temporary:
        connection = sqlite3.connect(temporary, isolation_level="DEFERRED")
        try:
            # A fresh file renamed into place on success: no journal needed.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            build_database(connection, dataset)
        except sqlite3.Error as error:
            raise ExportError(f"cannot write {path}: {error}") from error
        finally:
            connection.close()
