"""One result as data, many renderings: the pieces a result is made of.

A command builds one result object. It offers some of these capabilities, and each
output format (see :mod:`dehub_cli.render.formats`) renders one of them:

- ``to_data()``: JSON-able data (``json``, ``yaml``);
- ``tables()``: a sequence of parts, :class:`Table`, :class:`Section`, :class:`Chart`,
  :class:`Note`, :class:`Prose` and :class:`Listing`, for people (``table``, ``markdown``) and ``csv`` (the first table);
- ``page()``: a :class:`Page` (``html``);
- ``graph()``: a :class:`Graph` (``dot``, ``mermaid``);
- ``diagnostics``: validation findings (``text``, ``sarif``);
- ``annotations()``: :class:`Annotation` s on lines of files (``github``);
- ``feed()``: a :class:`Feed` (``atom``);
- ``markdown()``: a result's own Markdown document, in place of its tables (``markdown``).

Machine formats never contain markup or colour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

ColumnKind = Literal["id", "date", "number", "url", "text"]
"""What a column holds. Only ``text`` (prose) wraps, at spaces; an id, a date, a number
or a URL is never broken, and a list of them breaks only between items."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: the row key it shows, its header, and how it gives way."""

    key: str
    header: str
    numeric: bool = False
    """Right-aligned; implies ``kind="number"`` unless ``kind`` says otherwise."""
    kind: ColumnKind | None = None
    """What the cells hold (default ``number`` when ``numeric``, else ``text``)."""
    drop: int = 0
    """On a terminal too narrow for the table, columns with the highest ``drop`` are
    left out first, those with the same ``drop`` together; 0 is never left out (the
    table becomes one block per record)."""
    short: str | None = None
    """A shorter header for narrow terminals (``Univ.`` for ``Universities``)."""
    labels: Mapping[str, str] | None = None
    """Value -> what people read (``joined`` -> ``beigetreten``), for table, Markdown and
    HTML; machine formats (csv, json, yaml) always show the value itself."""

    @property
    def shape(self) -> ColumnKind:
        """``kind``, with its default filled in."""
        if self.kind is not None:
            return self.kind
        return "number" if self.numeric else "text"

    def label(self, value: Any) -> Any:
        """``value`` as people read it: through ``labels`` when it has one."""
        if self.labels is not None and isinstance(value, str):
            return self.labels.get(value, value)
        return value


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


@dataclass
class Prose:
    """A titled paragraph, wrapped at spaces to the terminal (``dehub codes CODE``)."""

    title: str
    text: str


@dataclass
class Listing:
    """Lines shown exactly as written, never wrapped: YAML, a command (a code block)."""

    text: str
    title: str | None = None
    language: str = ""
    """The language of a Markdown code fence (``yaml``)."""


Part = Table | Section | Chart | Note | Prose | Listing


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
    author: str | None = None
    """The entry's author; None: the feed's."""
    published: str | None = None
    link: str | None = None
    """The page the entry is about."""


@dataclass
class Feed:
    """An Atom feed: what changed, newest first."""

    id: str
    title: str
    updated: str
    entries: list[FeedEntry]
    link: str | None = None
    """The web page the feed follows."""
    self_link: str | None = None
    """Where the feed itself is published."""
    author: str = "dehub"
    lang: str | None = None


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
