"""docs/EXPORT.md describes every table and column exactly as the export writes them."""

from __future__ import annotations

from pathlib import Path

from dehub_cli.export.dataset import DOCUMENT_PATHS
from dehub_cli.export.tables import TABLES, VIEWS, TableSpec

DOCS = Path(__file__).resolve().parents[2] / "docs"
KIND_LABEL = {
    "list": "list",
    "boolean": "0/1",
    "integer": "integer",
    "real": "real",
    "text": "text",
}


def table_markdown(spec: TableSpec) -> str:
    """The section of docs/EXPORT.md for one table."""
    lines = [f"### `{spec.name}`", "", spec.description, ""]
    lines += ["| column | type | meaning |", "|---|---|---|"]
    for column in spec.columns:
        meaning = column.description
        if spec.primary_key == (column.name,):
            meaning += " Primary key."
        if column.references is not None:
            meaning += f" References `{column.references}.id`."
        lines.append(f"| `{column.name}` | {KIND_LABEL[column.kind]} | {meaning} |")
    if len(spec.primary_key) > 1:
        lines += ["", f"Primary key: ({', '.join(spec.primary_key)})."]
    return "\n".join(lines) + "\n"


def test_every_table_documented_exactly() -> None:
    text = (DOCS / "EXPORT.md").read_text(encoding="utf-8")
    for spec in TABLES:
        assert table_markdown(spec) in text, f"docs/EXPORT.md: section of {spec.name}"
    for view in VIEWS:
        assert f"| `{view.name}` |" in text


def test_every_document_in_api_md() -> None:
    text = (DOCS / "API.md").read_text(encoding="utf-8")
    for path in ("index.json", *DOCUMENT_PATHS.values()):
        assert path.replace("{id}", "<id>") in text


def test_readme_links_both() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/EXPORT.md)" in readme
    assert "(docs/API.md)" in readme
