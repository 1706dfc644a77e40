"""The table renderer as it was before it was made fast (commit f67b63d): slow and plain.

A reference for ``test_table_reference.py``: the fast renderer must draw every table
byte for byte as this one does. Kept verbatim apart from the imports; do not "improve" it.
"""

# ruff: noqa

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len

from dehub_cli.render import ColumnKind, Table, cell_text
from dehub_cli.render.safe import terminal_text

_SPACES = re.compile(r"[ ]+")
_NOTE = re.compile(r" (?=\()")


def width_of(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide characters count two)."""
    return len(text) if text.isascii() else cell_len(text)


def atoms(value: Any, kind: ColumnKind | None) -> list[str]:
    """The pieces of a cell that a line may break between.

    Lists break between items (each but the last keeps its comma); prose (``text``, or
    ``None`` when the kind is not known) between words; anything else only before a note
    in parentheses (``2019 (first recorded)``).
    """
    if isinstance(value, (list, tuple)):
        items = [terminal_text(cell_text(item)) for item in value]
        pieces: list[str] = []
        for index, item in enumerate(items):
            last = index == len(items) - 1
            if kind in ("text", None):
                words = _words(item)
                if not last and words:
                    words[-1] += ","
                pieces.extend(words)
            else:
                pieces.append(item if last else item + ",")
        return pieces
    text = terminal_text(cell_text(value))
    if kind in ("text", None):
        return _words(text)
    # A note after a value may go to the next line: '2019 (first recorded)'.
    return [piece for piece in _NOTE.split(text) if piece]


def _words(text: str) -> list[str]:
    return [word for word in _SPACES.split(text.strip()) if word]


def longest(pieces: Sequence[str]) -> int:
    """The width of the widest atom: the narrowest a line of these can be."""
    return max((width_of(piece) for piece in pieces), default=0)


def joined(pieces: Sequence[str]) -> str:
    return " ".join(pieces)


def wrap(pieces: Sequence[str], width: int) -> list[str]:
    """Atoms filled into lines of at most ``width`` columns (an atom wider stands alone)."""
    line = " ".join(pieces)
    if width_of(line) <= width:
        return [line]
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for piece in pieces:
        size = width_of(piece)
        if current and used + 1 + size > width:
            lines.append(" ".join(current))
            current, used = [], 0
        used += size + (1 if current else 0)
        current.append(piece)
    if current or not lines:
        lines.append(" ".join(current))
    return lines


def fact_atoms(value: Any) -> list[str]:
    """The atoms of a ``label: value`` fact: a list by items, prose by words, else whole.

    Text breaks at its spaces only, so one word (an id, a date, a URL) stays whole.
    """
    if isinstance(value, (list, tuple)):
        return atoms(value, "text")
    return _words(terminal_text(cell_text(value)))


_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"
GAP = 3
"""Columns are separated by `` | ``."""
MIN_COLUMNS = 3
"""Fewer columns than this left: one block per record instead."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How a table is drawn: which columns, how wide, with which headers; or as blocks."""

    columns: list[int]
    """Indexes of the columns shown."""
    widths: list[int]
    headers: list[str]
    left_out: list[int]
    blocks: bool = False


class _Cells:
    """The atoms of every cell and header, computed once, with natural and least widths."""

    def __init__(self, table: Table) -> None:
        self.table = table
        columns = table.columns
        self.cells: list[list[list[str]]] = [
            [atoms(column.label(row.get(column.key)), column.shape) for column in columns]
            for row in table.rows
        ]
        self.natural = [width_of(terminal_text(column.header)) for column in columns]
        self.least = [0] * len(columns)
        for row in self.cells:
            for index, pieces in enumerate(row):
                size = width_of(joined(pieces))
                if size > self.natural[index]:
                    self.natural[index] = size
                widest = longest(pieces)
                if widest > self.least[index]:
                    self.least[index] = widest

    def header(self, index: int, *, short: bool) -> str:
        column = self.table.columns[index]
        return terminal_text(column.short if short and column.short else column.header)

    def least_with_header(self, index: int, *, short: bool) -> int:
        """Headers never wrap: a column is at least as wide as its header."""
        return max(self.least[index], width_of(self.header(index, short=short)))

    def natural_with_header(self, index: int, *, short: bool) -> int:
        values = max((width_of(joined(row[index])) for row in self.cells), default=0)
        return max(values, width_of(self.header(index, short=short)))


def layout(table: Table, width: int | None) -> Layout:
    """The layout of ``table`` in ``width`` columns (``None``: as wide as it wants)."""
    cells = _Cells(table)
    return _layout(cells, width)


def _layout(cells: _Cells, width: int | None) -> Layout:
    columns = cells.table.columns
    shown = list(range(len(columns)))
    headers = [cells.header(index, short=False) for index in shown]
    if width is None or _budget(width, shown) >= sum(cells.natural):
        return Layout(shown, list(cells.natural), headers, [])
    steps = sorted({column.drop for column in columns if column.drop > 0}, reverse=True)
    keep = min(MIN_COLUMNS, len(columns))
    left_out: list[int] = []
    while True:
        for short in (False, True):
            widths = _fit(cells, shown, width, short=short)
            if widths is not None:
                headers = [cells.header(index, short=short) for index in shown]
                return Layout(shown, widths, headers, left_out)
        if not steps:
            break
        step = steps.pop(0)
        dropped = [index for index in reversed(shown) if columns[index].drop == step]
        if len(shown) - len(dropped) < keep:
            break
        shown = [index for index in shown if index not in dropped]
        left_out += dropped
    everything = list(range(len(columns)))
    return Layout(everything, [], [cells.header(i, short=False) for i in everything], [], True)


def _budget(width: int, shown: Sequence[int]) -> int:
    return width - GAP * (len(shown) - 1)


def _fit(cells: _Cells, shown: list[int], width: int, *, short: bool) -> list[int] | None:
    """Widths for the ``shown`` columns within ``width``, or None when they cannot fit.

    Each column gets at least its widest word; the widest columns give way first.
    """
    budget = _budget(width, shown)
    natural = [cells.natural_with_header(index, short=short) for index in shown]
    least = [cells.least_with_header(index, short=short) for index in shown]
    if sum(natural) <= budget:
        return natural
    if sum(least) > budget:
        return None
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(lo, min(size, cap)) for lo, size in zip(least, natural, strict=True)) <= budget:
            low = cap
        else:
            high = cap - 1
    widths = [max(lo, min(size, low)) for lo, size in zip(least, natural, strict=True)]
    return _tighten(cells, shown, widths, least, natural, budget)


def _tighten(
    cells: _Cells,
    shown: list[int],
    widths: list[int],
    least: list[int],
    natural: list[int],
    budget: int,
) -> list[int]:
    """Give each column only the width its wrapped lines use; the rest to wrapped ones.

    Space a column cannot use (``dortmund,`` in a column of 12) goes to the columns still
    wrapped, the one with the most text first, as long as that changes anything.
    """
    for _ in range(4):
        used = [
            max(least[position], min(width, _widest_line(cells, column, width)))
            for position, (column, width) in enumerate(zip(shown, widths, strict=True))
        ]
        spare = budget - sum(used)
        wanting = sorted(
            (position for position, size in enumerate(natural) if size > used[position]),
            key=lambda position: -natural[position],
        )
        for position in wanting:
            extra = min(spare, natural[position] - used[position])
            used[position] += extra
            spare -= extra
        if used == widths:
            break
        widths = used
    return [
        max(least[position], min(width, _widest_line(cells, column, width)))
        for position, (column, width) in enumerate(zip(shown, widths, strict=True))
    ]


def _widest_line(cells: _Cells, column: int, width: int) -> int:
    return max(
        (width_of(line) for row in cells.cells for line in wrap(row[column], width)), default=0
    )


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - width_of(text))
    return gap + text if right else text + gap


def table_text(table: Table, width: int | None, *, color: bool = False) -> str:
    """``table`` drawn to fit ``width``: a grid, or one block per record."""
    cells = _Cells(table)
    chosen = _layout(cells, width)
    lines: list[str] = []
    if table.title:
        lines += [_style(line, _BOLD, color) for line in _prose(table.title, width)]
    if chosen.blocks:
        lines += _blocks(cells, width or 80, color)
    else:
        lines += _grid(cells, chosen, color)
    if table.caption:
        lines += _prose(table.caption, width)
    if chosen.left_out:
        names = ", ".join(
            terminal_text(table.columns[index].header) for index in sorted(chosen.left_out)
        )
        lines += _prose(f"Not shown at this width: {names} (--format csv has every column).", width)
    return "\n".join(lines) + "\n"


def _prose(text: str, width: int | None) -> list[str]:
    """A title, caption or note, wrapped at spaces."""
    return wrap(atoms(text, "text"), width or 10_000)


def _style(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color and text else text


def _grid(cells: _Cells, chosen: Layout, color: bool) -> list[str]:
    columns = cells.table.columns
    right = [columns[index].shape == "number" for index in chosen.columns]
    separator = " │ " if color else " | "
    lines: list[str] = []
    lines += _row_lines(
        [[header] for header in chosen.headers], chosen.widths, right, separator,
        style=_BOLD if color else "",
    )  # fmt: skip
    rule = "─┼─" if color else "-+-"
    lines.append(rule.join(("─" if color else "-") * size for size in chosen.widths))
    for row in cells.cells:
        wrapped = [
            wrap(row[index], size)
            for index, size in zip(chosen.columns, chosen.widths, strict=True)
        ]
        lines += _row_lines(wrapped, chosen.widths, right, separator)
    return lines


def _row_lines(
    wrapped: list[list[str]],
    widths: list[int],
    right: list[bool],
    separator: str,
    *,
    style: str = "",
) -> list[str]:
    """The lines of one row of wrapped cells."""
    height = max(len(cell) for cell in wrapped)
    lines = []
    for line_index in range(height):
        parts = (
            _pad(cell[line_index] if line_index < len(cell) else "", size, align)
            for cell, size, align in zip(wrapped, widths, right, strict=True)
        )
        line = separator.join(parts).rstrip()
        lines.append(f"{style}{line}{_RESET}" if style and line else line)
    return lines


def _blocks(cells: _Cells, width: int, color: bool) -> list[str]:
    """One ``key: value`` block per record, values wrapped after the labels.

    Every column is there; an empty value is left out (unless the whole record is empty).
    """
    columns = cells.table.columns
    labels = [terminal_text(column.header) + ":" for column in columns]
    label_width = max(width_of(label) for label in labels)
    value_width = max(width - label_width - 1, 1)
    lines: list[str] = []
    for number, row in enumerate(cells.cells):
        if number:
            lines.append("")
        empty = not any(row)
        for index, (label, pieces) in enumerate(zip(labels, row, strict=True)):
            if not pieces and not (empty and index == 0):
                continue
            wrapped = wrap(pieces, value_width)
            shown = _style(_pad(label, label_width, False), _DIM, color)
            lines.append(f"{shown} {wrapped[0]}".rstrip())
            lines += [" " * (label_width + 1) + line for line in wrapped[1:]]
    return lines


def fact_lines(
    facts: Sequence[tuple[str, list[str]]], width: int | None, *, color: bool
) -> list[str]:
    """``label  value`` lines of a section, indented two, values wrapped under themselves."""
    label_width = max((width_of(label) for label, _ in facts), default=0)
    indent = 2 + label_width + 2
    value_width = max((width or 10_000) - indent, 1)
    lines: list[str] = []
    for label, pieces in facts:
        wrapped = wrap(pieces, value_width)
        shown = _style(_pad(label, label_width, False), _DIM, color)
        lines.append(f"  {shown}  {wrapped[0]}".rstrip())
        lines += [" " * indent + line for line in wrapped[1:]]
    return lines
