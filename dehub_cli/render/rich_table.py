"""Rich tables for people. Plain ASCII and no colour when not on a colour terminal.

Values are printed as text, never as markup (``[bold]`` in a name stays as written), and
control characters are shown escaped (``\\x1b``), so no value can move the cursor, clear
the screen or hide a hyperlink.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from dehub_cli.render import Chart, Note, Part, RenderOptions, Result, Section, Table, cell_text
from dehub_cli.render.barchart import bar_chart
from dehub_cli.render.plain_table import plain_table
from dehub_cli.render.safe import terminal_text

PLAIN_ROWS = 200
"""Tables longer than this are drawn by the fast plain renderer (same layout, no Rich)."""


def render_table(result: Result, options: RenderOptions) -> str:
    """The ``table`` format: every part of ``result.tables()``, a blank line between parts."""
    return to_rich_text(result.tables(), color=options.color, width=options.width)


def to_rich_text(parts: Sequence[Part], *, color: bool, width: int | None) -> str:
    """Render the parts; table columns wrap rather than disappear when space is short."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 10_000,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    for index, part in enumerate(parts):
        if index:
            console.print()
        if isinstance(part, Chart):
            console.file.write(
                bar_chart(
                    [(terminal_text(label), value) for label, value in part.points],
                    unicode=color,
                    width=width,
                    title=terminal_text(part.title) if part.title else None,
                    value_text=part.value_text,
                )
            )
            continue
        if isinstance(part, Note):
            console.file.write(terminal_text(part.text) + "\n")
            continue
        if isinstance(part, Section):
            console.print(Text(terminal_text(part.title), style="bold"))
            labels = [terminal_text(label) for label, _ in part.facts]
            label_width = max((cell_len(label) for label in labels), default=0)
            for label, (_, value) in zip(labels, part.facts, strict=True):
                line = Text(f"  {label}{' ' * (label_width - cell_len(label))}  ", style="dim")
                line.append(terminal_text(cell_text(value)))
                console.print(line)
            continue
        cells = _cells(part)
        if len(part.rows) > PLAIN_ROWS:
            console.file.write(_plain(part, cells, console.width, color))
            continue
        title = terminal_text(part.title or "")
        caption = terminal_text(part.caption or "")
        table = RichTable(
            min_width=min(max(cell_len(title), cell_len(caption)), console.width),
            title=Text(title, style="bold" if color else "") if title else None,
            caption=Text(caption) if caption else None,
            box=box.SIMPLE_HEAD if color else box.ASCII2,
            header_style="bold" if color else "",
            title_style="bold" if color else "",
            title_justify="left",
            caption_justify="left",
            show_edge=False,
            pad_edge=False,
        )
        widths = _fitted_widths(part, cells, console.width)
        for index, column in enumerate(part.columns):
            table.add_column(
                Text(terminal_text(column.header)),
                justify="right" if column.numeric else "left",
                overflow="fold",
                min_width=min(len(column.header), 12),
                width=widths[index] if widths is not None else None,
            )
        for row_cells in cells:
            # Text, not str: a value such as '[bold]' is data, never Rich markup.
            table.add_row(*(Text(cell) for cell in row_cells))
        # Rich would crop columns that do not fit: give each its width, widen if need be.
        terminal_width = console.width
        console.width = max(terminal_width, sum(widths or ()) + 3 * (len(widths or ()) - 1))
        console.print(table)
        console.width = terminal_width
    text = buffer.getvalue()
    if color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())  # no padding in pipes


def _cells(part: Table) -> list[list[str]]:
    """The text of every cell, row by row, with control characters escaped."""
    return [[terminal_text(cell_text(row.get(c.key))) for c in part.columns] for row in part.rows]


def _natural_widths(part: Table, cells: list[list[str]]) -> list[int]:
    natural = [cell_len(terminal_text(column.header)) for column in part.columns]
    for row in cells:
        for index, text in enumerate(row):
            size = cell_len(text)
            if size > natural[index]:
                natural[index] = size
    return natural


def _plain(part: Table, cells: list[list[str]], width: int, color: bool) -> str:
    natural = _natural_widths(part, cells)
    widths = _fitted_widths(part, cells, width, natural) or natural
    return plain_table(
        [terminal_text(column.header) for column in part.columns],
        cells,
        widths,
        [column.numeric for column in part.columns],
        title=terminal_text(part.title) if part.title else None,
        caption=terminal_text(part.caption) if part.caption else None,
        color=color,
    )


def _fitted_widths(
    part: Table, cells: list[list[str]], width: int, natural: list[int] | None = None
) -> list[int] | None:
    """Column widths that fit ``width`` with every column kept, or None if all fits as is.

    The widest columns give way first; none goes below its header (up to 12 characters).
    The table is wider than ``width`` only when even those minimums do not fit.
    """
    columns = part.columns
    if not columns:
        return None
    if natural is None:
        natural = _natural_widths(part, cells)
    budget = width - 3 * (len(columns) - 1)
    if sum(natural) <= budget:
        return None
    minimum = [min(len(column.header), 12) for column in columns]
    if sum(minimum) >= budget:
        return minimum
    low, high = 1, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        fitted = (max(least, min(size, cap)) for least, size in zip(minimum, natural, strict=True))
        if sum(fitted) <= budget:
            low = cap
        else:
            high = cap - 1
    widths = [max(least, min(size, low)) for least, size in zip(minimum, natural, strict=True)]
    spare = budget - sum(widths)
    for index, size in enumerate(natural):
        if spare <= 0:
            break
        if size > widths[index]:
            widths[index] += 1
            spare -= 1
    return widths
