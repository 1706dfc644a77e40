"""Rich tables for people. Plain ASCII and no colour when not on a colour terminal."""

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
        soft_wrap=False,
    )
    for index, part in enumerate(parts):
        if index:
            console.print()
        if isinstance(part, Chart):
            console.file.write(
                bar_chart(
                    part.points,
                    unicode=color,
                    width=width,
                    title=part.title,
                    value_text=part.value_text,
                )
            )
            continue
        if isinstance(part, Note):
            console.file.write(part.text + "\n")
            continue
        if isinstance(part, Section):
            console.print(Text(part.title, style="bold"))
            label_width = max((len(label) for label, _ in part.facts), default=0)
            for label, value in part.facts:
                line = Text(f"  {label.ljust(label_width)}  ", style="dim")
                line.append(cell_text(value))
                console.print(line)
            continue
        if len(part.rows) > PLAIN_ROWS:
            console.file.write(_plain(part, console.width, color))
            continue
        labels = (part.title or "", part.caption or "")
        table = RichTable(
            min_width=min(max(len(label) for label in labels), console.width),
            title=Text(part.title, style="bold" if color else "") if part.title else None,
            caption=Text(part.caption) if part.caption else None,
            box=box.SIMPLE_HEAD if color else box.ASCII2,
            header_style="bold" if color else "",
            title_style="bold" if color else "",
            title_justify="left",
            caption_justify="left",
            show_edge=False,
            pad_edge=False,
        )
        widths = _fitted_widths(part, console.width)
        for index, column in enumerate(part.columns):
            table.add_column(
                column.header,
                justify="right" if column.numeric else "left",
                overflow="fold",
                min_width=min(len(column.header), 12),
                width=widths[index] if widths is not None else None,
            )
        for row in part.rows:
            # Text, not str: a value such as '[bold]' is data, never Rich markup.
            table.add_row(*(Text(cell_text(row.get(column.key))) for column in part.columns))
        # Rich would crop columns that do not fit: give each its width, widen if need be.
        terminal_width = console.width
        console.width = max(terminal_width, sum(widths or ()) + 3 * (len(widths or ()) - 1))
        console.print(table)
        console.width = terminal_width
    text = buffer.getvalue()
    if color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())  # no padding in pipes


def _plain(part: Table, width: int, color: bool) -> str:
    texts = [[cell_text(row.get(column.key)) for column in part.columns] for row in part.rows]
    natural = [cell_len(column.header) for column in part.columns]
    for row in texts:
        for index, text in enumerate(row):
            size = cell_len(text)
            if size > natural[index]:
                natural[index] = size
    widths = _fitted_widths(part, width, natural) or natural
    return plain_table(
        [column.header for column in part.columns],
        texts,
        widths,
        [column.numeric for column in part.columns],
        title=part.title,
        caption=part.caption,
        color=color,
    )


def _fitted_widths(part: Table, width: int, natural: list[int] | None = None) -> list[int] | None:
    """Column widths that fit ``width`` with every column kept, or None if all fits as is.

    The widest columns give way first; none goes below its header (up to 12 characters).
    The table is wider than ``width`` only when even those minimums do not fit.
    """
    columns = part.columns
    if not columns:
        return None
    if natural is None:
        natural = [cell_len(column.header) for column in columns]
        for row in part.rows:
            for index, column in enumerate(columns):
                natural[index] = max(natural[index], cell_len(cell_text(row.get(column.key))))
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
