"""A table that fits the terminal: columns that give way in order, else one block per record.

1. Every column at its natural width, when that fits.
2. Prose and lists wrapped (at spaces, between items) down to their widest word or item;
   an id, a date, a number or a URL is never broken, and neither is a header.
3. Shorter headers where a column has one (``Univ.`` for ``Universities``).
4. Columns left out, highest :attr:`~dehub_cli.render.Column.drop` first (columns with the
   same ``drop`` together), with a note naming them, while three columns remain.
5. When even that does not fit: one ``key: value`` block per record, like
   ``kubectl describe``, with every column.

Cells are shown with control characters escaped (:func:`~dehub_cli.render.safe.terminal_text`)
and never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dehub_cli.render import Table
from dehub_cli.render.safe import terminal_text
from dehub_cli.render.wrap import atoms, longest, shown_texts, width_of, widths_of, wrap

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
    """Every cell's shown text and width, computed once per column; the rest on demand.

    A cell is cut into atoms (:func:`~dehub_cli.render.wrap.atoms`) only when the table
    does not fit at its natural width and that cell's column must give way; the least
    width of a column (its widest atom) only when the natural widths do not fit.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.values: list[list[Any]] = []
        self.texts: list[list[str]] = []
        self.widths: list[list[int]] = []
        self.by_length: list[bool] = []
        """Per column: whether every text is as wide as it is long (``str.ljust`` pads it)."""
        for column in table.columns:
            key = column.key
            values = [row.get(key) for row in table.rows]
            if column.labels is not None:
                values = [column.label(value) for value in values]
            texts = shown_texts(values, column.shape)
            self.values.append(values)
            self.texts.append(texts)
            widths = widths_of(texts)
            self.widths.append(widths)
            self.by_length.append(widths == [len(text) for text in texts])
        self.widest = [max(widths, default=0) for widths in self.widths]
        """Per column: its widest shown text."""
        self.natural = [
            max(widest, width_of(terminal_text(column.header)))
            for widest, column in zip(self.widest, table.columns, strict=True)
        ]
        self._atoms: list[dict[int, list[str]]] = [{} for _ in table.columns]
        self._least: dict[int, int] = {}
        self._widest_lines: dict[tuple[int, int], int] = {}

    def atoms(self, column: int, row: int) -> list[str]:
        """The atoms of one cell."""
        known = self._atoms[column]
        pieces = known.get(row)
        if pieces is None:
            pieces = known[row] = self._cut(column, row)
        return pieces

    def _cut(self, column: int, row: int) -> list[str]:
        text = self.texts[column][row]
        kind = self.table.columns[column].shape
        if kind == "text":  # words joined by single spaces, each word an atom
            return text.split(" ") if text else []
        value = self.values[column][row]
        if type(value) is str and " (" not in text:  # one whole atom
            return [text] if text else []
        if type(value) is list and text == ", ".join(value):  # items without controls
            return [item + "," for item in value[:-1]] + value[-1:]
        return atoms(value, kind)

    def rows(self) -> list[list[list[str]]]:
        """The atoms of every cell, row by row."""
        count = len(self.table.rows)
        return [
            [self.atoms(column, row) for column in range(len(self.table.columns))]
            for row in range(count)
        ]

    def least(self, column: int) -> int:
        """The width of the column's widest atom (0 without rows)."""
        known = self._least.get(column)
        if known is None:
            known = self._least[column] = self._widest_atom(column)
        return known

    def _widest_atom(self, column: int) -> int:
        """Prose: the widest word of all. Else each value once, widest text first, while
        its text is wider than the widest atom found (an atom is never wider)."""
        if self.table.columns[column].shape == "text":
            words = set(" ".join(self.texts[column]).split(" "))
            return max(widths_of(list(words)), default=0)
        widths = self.widths[column]
        values = self.values[column]
        best = 0
        seen: set[Any] = set()
        for row in sorted(range(len(widths)), key=widths.__getitem__, reverse=True):
            if widths[row] <= best:
                break
            value = values[row]
            key = tuple(value) if type(value) is list else value
            try:
                if key in seen:
                    continue
                seen.add(key)
            except TypeError:  # unhashable: nested lists, say
                pass
            best = max(best, longest(self.atoms(column, row)))
        return best

    def widest_line(self, column: int, width: int) -> int:
        """The widest line of the column's cells wrapped at ``width``, but at most ``width``."""
        known = self._widest_lines.get((column, width))
        if known is not None:
            return known
        widths = self.widths[column]
        best = max((size for size in widths if size <= width), default=0)
        if best < width:
            for row, size in enumerate(widths):
                if size > width:
                    lines = wrap(self.atoms(column, row), width)
                    best = max(best, min(width, max(width_of(line) for line in lines)))
                    if best == width:
                        break
        self._widest_lines[(column, width)] = best
        return best

    def header(self, index: int, *, short: bool) -> str:
        column = self.table.columns[index]
        return terminal_text(column.short if short and column.short else column.header)

    def least_with_header(self, index: int, *, short: bool) -> int:
        """Headers never wrap: a column is at least as wide as its header."""
        return max(self.least(index), width_of(self.header(index, short=short)))

    def natural_with_header(self, index: int, *, short: bool) -> int:
        return max(self.widest[index], width_of(self.header(index, short=short)))


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
            max(least[position], cells.widest_line(column, width))
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
        max(least[position], cells.widest_line(column, width))
        for position, (column, width) in enumerate(zip(shown, widths, strict=True))
    ]


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
    # Every cell padded to its column's width, one line per row; then the rows with a
    # cell wider than its column are drawn again, wrapped, on as many lines as they need.
    padded: list[list[str]] = []
    wrapping: set[int] = set()
    for index, size, align in zip(chosen.columns, chosen.widths, right, strict=True):
        widths = cells.widths[index]
        if cells.widest[index] > size:
            wrapping.update(row for row, width in enumerate(widths) if width > size)
        padded.append(_padded(cells, index, size, align))
    rows = [separator.join(parts).rstrip() for parts in zip(*padded, strict=True)]
    blanks = [" " * size for size in chosen.widths]
    for row in sorted(wrapping):
        cut = [
            None if cells.widths[index][row] <= size else wrap(cells.atoms(index, row), size)
            for index, size in zip(chosen.columns, chosen.widths, strict=True)
        ]
        height = max(len(cell) for cell in cut if cell is not None)
        stacked = []
        for position, cell in enumerate(cut):
            if cell is None:
                shown = [padded[position][row]]
            else:
                size, align = chosen.widths[position], right[position]
                shown = [_pad(line, size, align) for line in cell]
            stacked.append(shown + [blanks[position]] * (height - len(shown)))
        rows[row] = "\n".join(
            separator.join(parts).rstrip() for parts in zip(*stacked, strict=True)
        )
    return lines + rows


def _padded(cells: _Cells, column: int, size: int, right: bool) -> list[str]:
    """The column's texts padded to ``size`` (those wider are left as they are)."""
    texts = cells.texts[column]
    if cells.by_length[column]:
        return (
            [text.rjust(size) for text in texts] if right else [text.ljust(size) for text in texts]
        )
    widths = cells.widths[column]
    if right:
        return [" " * (size - width) + text for text, width in zip(texts, widths, strict=True)]
    return [text + " " * (size - width) for text, width in zip(texts, widths, strict=True)]


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
    for number, row in enumerate(cells.rows()):
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
