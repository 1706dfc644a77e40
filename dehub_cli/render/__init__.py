"""One result as data, several renderings: Rich table, JSON, CSV, YAML, Markdown.

A command builds a :class:`Result` once; :func:`render` turns it into text for the
chosen format. Machine formats never contain markup or colour.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


class OutputFormat(enum.StrEnum):
    """Output formats shared by the query commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    YAML = "yaml"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: the row key it shows and its header."""

    key: str
    header: str
    numeric: bool = False


@dataclass
class Table:
    """Rows of plain values (text, numbers, lists of text) under named columns."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    caption: str | None = None


@dataclass
class Section:
    """A block of ``label: value`` facts, shown before tables (used by ``show``)."""

    title: str
    facts: list[tuple[str, Any]] = field(default_factory=list)


class Result(Protocol):
    """What every command returns: its data once, for every rendering."""

    def to_data(self) -> Any:
        """JSON-able data: a list of objects with ``id``, or one object."""

    def tables(self) -> Sequence[Table | Section]:
        """The same data as sections and tables, for people and for CSV/Markdown."""


def cell_text(value: Any) -> str:
    """Plain text of one cell: lists joined with ', ', None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(item) for item in value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def render(
    result: Result, output_format: OutputFormat, *, color: bool = False, width: int | None = None
) -> str:
    """``result`` as text in ``output_format``."""
    if output_format is OutputFormat.JSON:
        from dehub_cli.render.machine import to_json

        return to_json(result.to_data())
    if output_format is OutputFormat.YAML:
        from dehub_cli.render.machine import to_yaml

        return to_yaml(result.to_data())
    if output_format is OutputFormat.CSV:
        from dehub_cli.render.machine import to_csv

        return to_csv(result.tables())
    if output_format is OutputFormat.MARKDOWN:
        from dehub_cli.render.markdown import to_markdown

        return to_markdown(result.tables())
    from dehub_cli.render.rich_table import to_rich_text

    return to_rich_text(result.tables(), color=color, width=width)
