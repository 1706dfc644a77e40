"""``metadata.json`` for Datasette: titles, licence, column descriptions, facets, search.

``datasette dehub.db -m metadata.json`` then needs no configuration: every table is
described, faceted, sortable and (hubs, organisations) searchable, and foreign keys show
names. Built from :data:`dehub_cli.export.tables.TABLES`, like the file itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.export.tables import VIEWS, table_specs

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

METADATA_NAME = "metadata.json"


def database_name(path: Path) -> str:
    """The name Datasette gives a database file: its name without the extension."""
    return path.stem


def metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    """The metadata document for the export of ``dataset`` served as ``database``."""
    index = dataset.index
    commit = f", commit {index['commit']}" if index["commit"] else ""
    tables: dict[str, Any] = {}
    for spec in table_specs(dataset):
        entry: dict[str, Any] = {
            "description": spec.description,
            "columns": {column.name: column.description for column in spec.columns},
        }
        if spec.facets:
            entry["facets"] = list(spec.facets)
        if spec.sortable:
            entry["sortable_columns"] = list(spec.sortable)
        if spec.label_column is not None:
            entry["label_column"] = spec.label_column
        if spec.fts_table is not None:
            entry["fts_table"] = spec.fts_table
            entry["fts_pk"] = "rowid"
        tables[spec.name] = entry
    for view in VIEWS:
        entry = {"description": view.description}
        if view.facets:
            entry["facets"] = list(view.facets)
        tables[view.name] = entry
    document: dict[str, Any] = {
        "title": index["title"],
        "description": (
            "Germany's Digital Hub Initiative: hubs, organisations and their memberships over "
            f"time, with the sources of every fact. 'Active' means active on {index['as_of']}"
            f"{commit}. Exported by dehub (schema version {index['schema_version']})."
        ),
    }
    if index["license"]:
        document["license"] = index["license"]
    if index["source"]:
        document["source"] = index["source"]
        document["source_url"] = index["source"]
    document["databases"] = {database: {"tables": tables}}
    return document


def metadata_text(dataset: Dataset, database: str) -> str:
    """``metadata.json`` as written: UTF-8 as is, two-space indent, a trailing newline."""
    return json.dumps(metadata(dataset, database), ensure_ascii=False, indent=2) + "\n"


def is_our_metadata(path: Path, database: str) -> bool:
    """Whether ``path`` is a metadata file an earlier export wrote for ``database``."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    databases = document.get("databases") if isinstance(document, dict) else None
    return isinstance(databases, dict) and list(databases) == [database]
