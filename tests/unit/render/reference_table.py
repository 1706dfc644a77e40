"""The parts of the table renderer that were made fast, as they were before (plain, slow).

A reference for ``test_table_reference.py``: the fast renderer must draw every table
byte for byte as this one does. Only what the fast path replaced is here, written the
plain way: every cell cut into atoms up front, every cell wrapped, widths measured on
the wrapped lines. The layout search, padding, row drawing and blocks are the
renderer's own (they did not change).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from dehub_cli.render import Table
from dehub_cli.render import plain_table as fast
from dehub_cli.render.safe import terminal_text
from dehub_cli.render.wrap import atoms, joined, longest, width_of


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


class ReferenceCells:
    """Every cell's atoms, natural and least widths, computed up front."""

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
                self.natural[index] = max(self.natural[index], width_of(joined(pieces)))
                self.least[index] = max(self.least[index], longest(pieces))

    def header(self, index: int, *, short: bool) -> str:
        column = self.table.columns[index]
        return terminal_text(column.short if short and column.short else column.header)

    def least_with_header(self, index: int, *, short: bool) -> int:
        return max(self.least[index], width_of(self.header(index, short=short)))

    def natural_with_header(self, index: int, *, short: bool) -> int:
        values = max((width_of(joined(row[index])) for row in self.cells), default=0)
        return max(values, width_of(self.header(index, short=short)))

    def widest_line(self, column: int, width: int) -> int:
        lines = (line for row in self.cells for line in wrap(row[column], width))
        return min(width, max((width_of(line) for line in lines), default=0))

    def rows(self) -> list[list[list[str]]]:
        return self.cells


def _grid(cells: ReferenceCells, chosen: fast.Layout, color: bool) -> list[str]:
    """Every cell wrapped to its column, row by row."""
    columns = cells.table.columns
    right = [columns[index].shape == "number" for index in chosen.columns]
    separator = " │ " if color else " | "
    lines = fast._row_lines(
        [[header] for header in chosen.headers], chosen.widths, right, separator,
        style=fast._BOLD if color else "",
    )  # fmt: skip
    rule = "─┼─" if color else "-+-"
    lines.append(rule.join(("─" if color else "-") * size for size in chosen.widths))
    for row in cells.cells:
        wrapped = [
            wrap(row[index], size)
            for index, size in zip(chosen.columns, chosen.widths, strict=True)
        ]
        lines += fast._row_lines(wrapped, chosen.widths, right, separator)
    return lines


def table_text(table: Table, width: int | None, *, color: bool = False) -> str:
    """``table`` as :func:`dehub_cli.render.plain_table.table_text` draws it, the plain way."""
    cells = ReferenceCells(table)
    as_fast = cast(Any, cells)  # the same interface as the renderer's own cells
    chosen = fast._layout(as_fast, width)
    lines: list[str] = []
    if table.title:
        lines += [fast._style(line, fast._BOLD, color) for line in fast._prose(table.title, width)]
    if chosen.blocks:
        lines += fast._blocks(as_fast, width or 80, color)
    else:
        lines += _grid(cells, chosen, color)
    if table.caption:
        lines += fast._prose(table.caption, width)
    if chosen.left_out:
        names = ", ".join(
            terminal_text(table.columns[index].header) for index in sorted(chosen.left_out)
        )
        note = f"Not shown at this width: {names} (--format csv has every column)."
        lines += fast._prose(note, width)
    return "\n".join(lines) + "\n"
