"""One result as data, many renderings: the pieces a result is made of.

A command builds one result object. It offers some of these capabilities, and each
output format (see :mod:`dehub_cli.render.formats`) renders one of them:

- ``to_data()``: JSON-able data (``json``, ``yaml``);
- ``tables()``: a sequence of parts, :class:`Table`, :class:`Section`, :class:`Chart`
  and :class:`Note`, for people (``table``, ``markdown``) and ``csv`` (the first table);
- ``page()``: a :class:`Page` (``html``);
- ``graph()``: a :class:`Graph` (``dot``, ``mermaid``);
- ``diagnostics``: validation findings (``text``, ``sarif``);
- ``annotations()``: :class:`Annotation` s on lines of files (``github``);
- ``feed()``: a :class:`Feed` (``atom``);
- ``markdown()``: a result's own Markdown document, in place of its tables (``markdown``).

Machine formats never contain markup or colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


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
    """A block of ``label: value`` facts (used by ``show`` and report totals)."""

    title: str
    facts: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Chart:
    """A bar chart: one bar per ``(label, value)`` point."""

    points: list[tuple[str, int]]
    title: str | None = None
    value_text: Callable[[int], str] = str


@dataclass
class Note:
    """A paragraph of text, such as a report's one-line summary."""

    text: str


Part = Table | Section | Chart | Note


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node of a graph: a hub or an organisation."""

    id: str
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of a graph, with the role it stands for."""

    source: str
    target: str
    role: str


@dataclass
class Graph:
    """Nodes and edges, for Graphviz and Mermaid."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]


@dataclass
class Page:
    """A whole document for the ``html`` format."""

    title: str
    parts: Sequence[Part]
    lang: str = "en"
    summary: str | None = None
    links: Sequence[tuple[str, str]] = ()
    """``(url, text)`` of each source; only http(s) URLs become links."""
    links_title: str = "Sources"
    footer: str | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note on one line of one file, as GitHub shows workflow annotations."""

    level: str
    """``notice``, ``warning`` or ``error``."""
    message: str
    file: str | None = None
    line: int = 0
    column: int = 0
    title: str | None = None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of an Atom feed."""

    id: str
    title: str
    updated: str
    """RFC 3339 time."""
    content: str
    author: str = "dehub"
    published: str | None = None
    link: str | None = None


@dataclass
class Feed:
    """An Atom feed: what changed, newest first."""

    id: str
    title: str
    updated: str
    entries: list[FeedEntry]
    link: str | None = None


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How the terminal looks: colour and box drawing, and its width (None: unlimited)."""

    color: bool = False
    width: int | None = None


class Result(Protocol):
    """What every query command returns: its data once, for every rendering."""

    def to_data(self) -> Any:
        """JSON-able data: a list of objects with ``id``, or one object."""

    def tables(self) -> Sequence[Part]:
        """The same data as parts, for people and for CSV/Markdown."""


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
