"""The canonical form of a record, written by ``dehub fmt``.

One layout for every file: keys in the order of the model's fields (unknown keys last,
as found), two-space indentation, block lists with ``  - item`` under their key, dates
as unquoted ISO text, UTF-8 without BOM, LF line ends, at most one blank line in a row,
text in Unicode NFC (``Mü``, never ``Mu`` + U+0308 as macOS writes it).
Scalars keep their quoting and their text; comments are kept with the key or item they
precede (or follow on the same line), re-indented with it.

Why not ruamel.yaml here: it ties each comment to the node *before* it and keeps its
old column, so reordering keys or re-indenting would move comments away from what
they describe. This module reads the parser's events with their positions, pairs each
comment with the entry it belongs to, and writes the layout itself. Every result is
checked before it is returned: it must parse to the same data, hold the same comments
and be its own canonical form; otherwise :class:`FormatError` is raised and nothing
should be written.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dehub_cli.dates import PartialDate
from dehub_cli.textnorm import nfc

__all__ = ["FormatError", "Shape", "canonical_text", "record_shape", "shape_for_path"]

_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_YEAR = re.compile(r"\d{4}\Z")
_BLOCK_HEADER = re.compile(r"([|>])([0-9+-]*)")


class FormatError(Exception):
    """A file that cannot be put in canonical form safely; it is left as it is."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message = message
        self.line = line


# --- record shapes from the models ------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """Key order of one record type, the shapes of its nested records, its date keys."""

    order: tuple[str, ...]
    children: dict[str, Shape] = field(default_factory=dict)
    dates: frozenset[str] = frozenset()


def _named_types(annotation: Any) -> Iterator[Any]:
    """Every type named in an annotation, through Annotated, unions, list and dict."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _named_types(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict, tuple):
        for argument in typing.get_args(annotation):
            yield from _named_types(argument)
    else:
        yield annotation


def _literal_keys(annotation: Any) -> tuple[str, ...] | None:
    """The allowed keys of a ``dict[Literal[...], ...]`` field, in their declared order."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _literal_keys(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _literal_keys(argument)
            if found:
                return found
        return None
    if origin is dict:
        key_type = typing.get_args(annotation)[0]
        if typing.get_origin(key_type) is typing.Literal:
            return tuple(str(key) for key in typing.get_args(key_type))
    return None


@cache
def _model_shape(model: type) -> Shape:
    from pydantic import BaseModel

    assert issubclass(model, BaseModel)
    children: dict[str, Shape] = {}
    dates = set()
    for name, info in model.model_fields.items():
        named = list(_named_types(info.annotation))
        if PartialDate in named:
            dates.add(name)
        nested = [item for item in named if isinstance(item, type) and issubclass(item, BaseModel)]
        if nested:
            children[name] = _model_shape(nested[0])
            continue
        keys = _literal_keys(info.annotation)
        if keys:
            children[name] = Shape(keys)
    return Shape(tuple(model.model_fields), children, frozenset(dates))


def record_shape(kind: str) -> Shape:
    """The shape of a ``hub``, ``org``, ``sectors`` or ``initiative`` file."""
    from dehub_cli.models import Hub, Initiative, Org, SectorsFile

    models: dict[str, type] = {
        "hub": Hub,
        "org": Org,
        "sectors": SectorsFile,
        "initiative": Initiative,
    }
    return _model_shape(models[kind])


def shape_for_path(path: Path) -> Shape | None:
    """The record shape a registry file has by its place: ``hubs/x.yaml`` is a hub."""
    if path.parent.name == "hubs":
        return record_shape("hub")
    if path.parent.name == "orgs":
        return record_shape("org")
    if path.stem in ("sectors", "initiative"):
        return record_shape(path.stem)
    return None


# --- the document as entries with comments ------------------------------------------------

Pos = tuple[int, int]
Gap = list[str | None]
"""Comment lines (``# ...``) and blank lines (``None``), in order."""


@dataclass(eq=False)
class _Scalar:
    start: Pos
    end: Pos
    style: str | None
    value: str


@dataclass(eq=False)
class _Collection:
    is_map: bool
    start: Pos
    flow: bool = False
    end: Pos = (0, 0)
    owner: _Entry | None = None
    entries: list[_Entry] = field(default_factory=list)
    trailing: Gap = field(default_factory=list)

    @property
    def column(self) -> int:
        return self.entries[0].start[1] if self.entries else self.start[1]


_Node = _Scalar | _Collection


@dataclass(eq=False)
class _Entry:
    parent: _Collection
    key: _Scalar | None
    start: Pos
    value: _Node | None = None
    leading: Gap = field(default_factory=list)
    eol: str | None = None

    @property
    def key_text(self) -> str:
        return self.key.value if self.key is not None else ""


@dataclass
class _Block:
    """Where a block scalar's header and content lines are, and the content's indentation."""

    header: str
    first: int
    last: int
    indent: int


@dataclass
class _Document:
    lines: list[str]
    root: _Collection
    header: Gap
    entries: list[_Entry]
    comments: list[str]
    blocks: dict[int, _Block]
    """Block scalars by ``id()`` of their :class:`_Scalar`."""


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _events(text: str) -> Iterator[Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yield from yaml.parse(text, Loader=loader)


def _pos(mark: Any) -> Pos:
    return (mark.line, mark.column)


def _dash_start(lines: list[str], seq: _Collection, node_start: Pos, previous: int) -> Pos:
    """Where the ``-`` of a block list item stands (the item's node may start later)."""
    column = seq.start[1]
    line, node_column = node_start
    for number in range(line, previous - 1, -1):
        text = lines[number]
        if number == line and node_column <= column:
            continue
        if text[column : column + 1] == "-" and not text[:column].replace("-", " ").strip():
            after = text[column + 1 : column + 2]
            if after in ("", " "):
                return (number, column)
    return node_start


def _parse(text: str) -> _Document:
    """Events with positions -> entries, then every comment line attached to an entry."""
    import yaml

    lines = text.split("\n")
    root: _Collection | None = None
    stack: list[_Collection] = []
    flow_depth = 0
    pending_key: list[_Scalar | None] = []
    entries: list[_Entry] = []
    scalars: list[_Scalar] = []

    def attach(node: _Node, start: Pos) -> None:
        parent = stack[-1]
        if parent.is_map:
            key = pending_key[-1]
            assert key is not None
            entry = _Entry(parent, key, key.start, node)
            pending_key[-1] = None
        else:
            previous = parent.entries[-1].start[0] if parent.entries else parent.start[0]
            position = start if flow_depth else _dash_start(lines, parent, start, previous)
            entry = _Entry(parent, None, position, node)
        parent.entries.append(entry)
        entries.append(entry)
        if isinstance(node, _Collection):
            node.owner = entry

    for event in _events(text):
        start = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            scalar = _Scalar(start, _pos(event.end_mark), event.style, event.value)
            scalars.append(scalar)
            if stack and stack[-1].is_map and pending_key[-1] is None:
                pending_key[-1] = scalar
            elif stack:
                attach(scalar, start)
            else:
                raise FormatError("the file is not a record of 'key: value' lines", 1)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None or event.tag is not None:
                raise FormatError("tags and anchors are not allowed", start[0] + 1)
            collection = _Collection(
                isinstance(event, yaml.MappingStartEvent), start, flow=bool(event.flow_style)
            )
            if stack:
                if stack[-1].is_map and pending_key[-1] is None:
                    raise FormatError("a mapping key must be plain text", start[0] + 1)
                attach(collection, start)
            elif not collection.is_map:
                raise FormatError("the top level is a list, not a record", start[0] + 1)
            else:
                root = collection
            if event.flow_style:
                flow_depth += 1
            stack.append(collection)
            pending_key.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop().end = _pos(event.end_mark)
            pending_key.pop()
            if flow_depth:
                flow_depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise FormatError("aliases are not allowed", start[0] + 1)
    if root is None:
        raise FormatError("the file is empty or not a record of 'key: value' lines", 1)
    blocks, covered, interior = _scalar_extents(lines, scalars)
    document = _Document(lines, root, [], entries, [], blocks)
    _attach_comments(document, covered, interior)
    return document


def _scalar_extents(
    lines: list[str], scalars: list[_Scalar]
) -> tuple[dict[int, _Block], dict[int, list[tuple[int, int]]], set[int]]:
    """Block scalar layouts, the column ranges scalars cover per line, lines inside scalars."""
    blocks: dict[int, _Block] = {}
    covered: dict[int, list[tuple[int, int]]] = {}
    interior: set[int] = set()
    for scalar in scalars:
        (line, column), (end_line, end_column) = scalar.start, scalar.end
        if scalar.style in ("|", ">"):
            block = _block_layout(lines, scalar)
            blocks[id(scalar)] = block
            covered.setdefault(line, []).append((column, column + len(block.header)))
            interior.update(range(block.first, block.last + 1))
            continue
        if line == end_line:
            covered.setdefault(line, []).append((column, end_column))
            continue
        covered.setdefault(line, []).append((column, len(lines[line])))
        interior.update(range(line + 1, end_line))
        covered.setdefault(end_line, []).append((0, end_column))
    return blocks, covered, interior


def _block_layout(lines: list[str], scalar: _Scalar) -> _Block:
    line, column = scalar.start
    match = _BLOCK_HEADER.match(lines[line], column)
    assert match is not None
    end_line, end_column = scalar.end
    stop = end_line if end_column == 0 else end_line + 1
    first = line + 1
    if not scalar.value:
        return _Block(match.group(0), first, first - 1, 0)
    content = [number for number in range(first, stop) if lines[number].strip()]
    if not content:
        raise FormatError("cannot read the layout of a block scalar", line + 1)
    sample = lines[content[0]]
    value = scalar.value.lstrip("\n")
    depth = len(sample) - len(sample.lstrip(" "))
    indent = next((k for k in range(depth, -1, -1) if value.startswith(sample[k:])), None)
    if indent is None:
        raise FormatError("cannot read the layout of a block scalar", content[0] + 1)
    last = content[0]
    for number in range(content[0], stop):
        text = lines[number]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) < indent:
            break
        last = number
    if "+" in match.group(2):  # kept trailing blank lines are content
        while last + 1 < stop and not lines[last + 1].strip():
            last += 1
    return _Block(match.group(0), first, last, indent)


def _comment_at(text: str, ranges: list[tuple[int, int]]) -> int | None:
    """Column of the ``#`` that starts a comment on this line (outside every scalar)."""
    position = 0
    while True:
        found = text.find("#", position)
        if found < 0:
            return None
        inside = any(start <= found < end for start, end in ranges)
        if not inside and (found == 0 or text[found - 1] in " \t"):
            return found
        position = found + 1


def _attach_comments(
    document: _Document, covered: dict[int, list[tuple[int, int]]], interior: set[int]
) -> None:
    lines, entries = document.lines, document.entries
    gap: list[tuple[int, int, str | None]] = []  # (line, column, comment or None for blank)
    eol_lines: list[tuple[int, str]] = []
    for number, text in enumerate(lines):
        if number in interior:
            continue
        ranges = covered.get(number, [])
        if not ranges and text[:3] in ("---", "...") and text[3:4] in ("", " ", "\t"):
            text = " " * 3 + text[3:]  # a document marker: dropped, a comment after it kept
        if not ranges and text.startswith("%"):
            raise FormatError("YAML directives are not supported", number + 1)
        found = _comment_at(text, ranges)
        if found is None:
            if not ranges and not text.strip() and number < len(lines) - 1:
                gap.append((number, 0, None))  # a blank line (not the end of the last one)
            continue
        comment = text[found:].rstrip()
        document.comments.append(comment)
        before = text[:found]
        if not ranges and not before.strip():
            gap.append((number, found, comment))
        else:
            eol_lines.append((number, (before[len(before.rstrip()) :] or " ") + comment))
    starts = [entry.start[0] for entry in entries]
    _place_gaps(document, gap, starts)
    _place_eols(document, eol_lines, starts)


def _place_eols(document: _Document, eols: list[tuple[int, str]], starts: list[int]) -> None:
    import bisect

    for line, comment in eols:
        index = bisect.bisect_right(starts, line) - 1
        if index < 0:
            document.header.append(comment.strip())
            continue
        entry = document.entries[index]
        while _on_one_line_in_flow(entry, line):
            assert entry.parent.owner is not None
            entry = entry.parent.owner
        if entry.eol is not None:
            raise FormatError("two comments at the end of one entry", line + 1)
        entry.eol = comment


def _on_one_line_in_flow(entry: _Entry, line: int) -> bool:
    """Whether ``entry`` is in a flow collection written on ``line`` only, after its key."""
    parent = entry.parent
    return (
        parent.flow
        and parent.owner is not None
        and parent.owner.start[0] == line
        and parent.end[0] == line
    )


def _ancestors(entry: _Entry) -> list[_Collection]:
    """The collections holding ``entry``, innermost first."""
    chain = []
    collection: _Collection | None = entry.parent
    while collection is not None:
        chain.append(collection)
        collection = collection.owner.parent if collection.owner is not None else None
    return chain


def _place_gaps(
    document: _Document, lines: list[tuple[int, int, str | None]], starts: list[int]
) -> None:
    """Give each run of comment and blank lines to the entry it precedes or the list it ends."""
    import bisect

    runs: list[list[tuple[int, int, str | None]]] = []
    for item in lines:
        if runs and runs[-1][-1][0] == item[0] - 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        first = run[0][0]
        after = bisect.bisect_right(starts, first)
        previous = document.entries[after - 1] if after > 0 else None
        following = document.entries[after] if after < len(document.entries) else None
        if previous is None:
            target: Gap = following.leading if following is not None else document.header
            target.extend(comment for _, _, comment in run)
            continue
        containing = set(map(id, _ancestors(following))) if following is not None else set()
        closed = [c for c in _ancestors(previous) if id(c) not in containing]
        targets: list[Gap] = [c.trailing for c in closed]
        targets.append(following.leading if following is not None else document.root.trailing)
        level = 0
        waiting: Gap = []
        for _, column, comment in run:
            if comment is None:
                waiting.append(None)
                continue
            choice = next(
                (i for i, c in enumerate(closed) if i >= level and c.column <= column),
                len(closed),
            )
            level = max(level, choice)
            targets[level].extend(waiting)
            waiting = []
            targets[level].append(comment)
        targets[-1].extend(waiting)


# --- writing the canonical layout ---------------------------------------------------------


class _Out:
    """Output lines; blank lines collapse unless they are part of a scalar's text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._blank_ok = False

    def line(self, text: str) -> None:
        self.lines.append(text.rstrip())
        self._blank_ok = True

    def content(self, text: str) -> None:
        self.lines.append(text)
        self._blank_ok = True

    def blank(self) -> None:
        if self._blank_ok:
            self.lines.append("")
            self._blank_ok = False

    def gap(self, gap: Gap, indent: int) -> None:
        for comment in gap:
            if comment is None:
                self.blank()
            else:
                self.line(" " * indent + comment)

    def text(self) -> str:
        lines = list(self.lines)
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n"


class _Writer:
    def __init__(self, document: _Document) -> None:
        self.document = document
        self.lines = document.lines
        self.out = _Out()

    def write(self, shape: Shape | None) -> str:
        self.out.gap(_split_header(self.document.header, self.document.root), 0)
        self.collection(self.document.root, 0, shape, first_prefix=None)
        return self.out.text()

    def collection(
        self, node: _Collection, indent: int, shape: Shape | None, first_prefix: str | None
    ) -> None:
        entries = _ordered(node, shape) if node.is_map else node.entries
        for index, entry in enumerate(entries):
            leading = list(entry.leading)
            if index == 0:
                while leading and leading[0] is None:
                    leading.pop(0)
            prefix = " " * indent
            if index == 0 and first_prefix is not None:
                prefix = first_prefix
            self.out.gap(leading, indent)
            if node.is_map:
                self.map_entry(entry, prefix, indent, shape)
            else:
                self.item(entry, prefix, indent, shape)
        self.out.gap(node.trailing, indent)

    def map_entry(self, entry: _Entry, prefix: str, indent: int, shape: Shape | None) -> None:
        assert entry.key is not None
        assert entry.value is not None
        head = prefix + self.source(entry.key) + ":"
        value = entry.value
        child = shape.children.get(entry.key_text) if shape is not None else None
        if isinstance(value, _Scalar):
            is_date = shape is not None and entry.key_text in shape.dates
            self.scalar(head, value, indent, entry.eol, date=is_date)
        elif not value.entries:
            self.out.line(f"{head} {'{}' if value.is_map else '[]'}{entry.eol or ''}")
            self.out.gap(value.trailing, indent + 2)
        else:
            self.out.line(head + (entry.eol or ""))
            self.collection(value, indent + 2, child, first_prefix=None)

    def item(self, entry: _Entry, prefix: str, indent: int, shape: Shape | None) -> None:
        value = entry.value
        dash = prefix + "-"
        if isinstance(value, _Scalar):
            self.scalar(dash, value, indent, entry.eol, date=False)
        elif value is None or not value.entries:
            empty = "" if value is None else ("{}" if value.is_map else "[]")
            self.out.line(f"{dash} {empty}{entry.eol or ''}")
            if value is not None:
                self.out.gap(value.trailing, indent + 2)
        else:
            first = _ordered(value, shape)[0] if value.is_map else value.entries[0]
            self.out.gap([line for line in first.leading if line is not None], indent)
            first.leading = []
            if entry.eol is not None:
                if first.eol is None and not isinstance(first.value, _Collection):
                    first.eol = entry.eol
                else:
                    self.out.line(" " * indent + entry.eol.strip())
            nested = shape if value.is_map else None
            self.collection(value, indent + 2, nested, first_prefix=dash + " ")

    def source(self, scalar: _Scalar) -> str:
        (line, column), (end_line, end_column) = scalar.start, scalar.end
        if line != end_line:
            raise FormatError("a key spans several lines", line + 1)
        return self.lines[line][column:end_column]

    def scalar(self, head: str, scalar: _Scalar, indent: int, eol: str | None, date: bool) -> None:
        eol = eol or ""
        block = self.document.blocks.get(id(scalar))
        if block is not None:
            self.block(head, block, indent, eol)
            return
        (line, column), (end_line, end_column) = scalar.start, scalar.end
        if line == end_line:
            text = self.lines[line][column:end_column]
            if date and scalar.style in ("'", '"') and _PARTIAL_DATE.match(scalar.value):
                text = scalar.value
            self.out.line(f"{head} {text}{eol}" if text else head + eol)
            return
        segments = [self.lines[line][column:]]
        segments.extend(self.lines[line + 1 : end_line])
        segments.append(self.lines[end_line][:end_column])
        plain = scalar.style is None
        rest = [(segment.strip() if plain else segment.lstrip()) for segment in segments[1:]]
        self.out.content(f"{head} {segments[0].rstrip() if plain else segments[0]}")
        for number, segment in enumerate(rest):
            text = " " * (indent + 2) + segment if segment else ""
            if number == len(rest) - 1:
                text += eol
            self.out.content(text)

    def block(self, head: str, block: _Block, indent: int, eol: str) -> None:
        match = _BLOCK_HEADER.fullmatch(block.header)
        assert match is not None
        style, flags = match.groups()
        digit = "".join(char for char in flags if char.isdigit())
        chomp = "".join(char for char in flags if char in "+-")
        header = style + ("2" if digit else "") + chomp
        self.out.line(f"{head} {header}{eol}")
        target = " " * (indent + 2)
        for number in range(block.first, block.last + 1):
            text = self.lines[number]
            if not text[block.indent :] and not text.strip():
                self.out.content("")
            else:
                self.out.content(target + text[block.indent :])


def _split_header(header: Gap, root: _Collection) -> Gap:
    """Comments above the first key describe the file: they stay on top whatever key moves.

    A blank line between them and the first key is kept; none is added.
    """
    header = list(header)
    if root.entries:
        header.extend(root.entries[0].leading)
        root.entries[0].leading = []
    while header and header[0] is None:
        header.pop(0)
    while len(header) > 1 and header[-1] is None and header[-2] is None:
        header.pop()
    return header


def _ordered(node: _Collection, shape: Shape | None) -> list[_Entry]:
    if shape is None:
        return node.entries
    rank = {key: index for index, key in enumerate(shape.order)}
    unknown = len(shape.order)
    return sorted(node.entries, key=lambda entry: rank.get(entry.key_text, unknown))


# --- checking the result ------------------------------------------------------------------


def _comparable(value: Any, shape: Shape | None) -> Any:
    """Data as compared before and after: a year at a date key is a number, quoted or not."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            at_date = shape is not None and key in shape.dates
            if at_date and isinstance(item, str) and _YEAR.match(item):
                item = int(item)
            child = shape.children.get(key) if shape is not None else None
            result[key] = _comparable(item, child)
        return result
    if isinstance(value, list):
        return [_comparable(item, shape) for item in value]
    return value


def _strict_value(text: str) -> Any:
    from dehub_cli.yamlparse import parse_yaml

    parsed = parse_yaml(text)
    if parsed.problems:
        problem = parsed.problems[0]
        raise FormatError(problem.message, problem.line)
    return parsed.value


def _render(text: str, shape: Shape | None) -> tuple[str, list[str]]:
    import yaml

    try:
        document = _parse(text)
    except yaml.YAMLError as error:  # pragma: no cover - the strict reader failed first
        raise FormatError(f"YAML syntax error: {error}") from None
    return _Writer(document).write(shape), document.comments


def canonical_text(text: str, shape: Shape | None = None) -> str:
    """``text`` (a record file) in canonical form; :class:`FormatError` if that is unsafe."""
    text = nfc(_normalise_newlines(text))
    value = _strict_value(text)
    if not isinstance(value, dict):
        raise FormatError("the file is not a record of 'key: value' lines", 1)
    result, comments = _render(text, shape)
    if _comparable(_strict_value(result), shape) != _comparable(value, shape):
        raise FormatError("the canonical form would change the data; the file is left as is")
    again, result_comments = _render(result, shape)
    if sorted(result_comments) != sorted(comments):
        raise FormatError("the canonical form would lose a comment; the file is left as is")
    if again != result:
        raise FormatError("no stable canonical form was found; the file is left as is")
    return result
