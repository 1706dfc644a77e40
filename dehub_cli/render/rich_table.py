"""Rich tables for people. Plain ASCII and no colour when not on a colour terminal."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from dehub_cli.render import Section, Table, cell_text


def to_rich_text(parts: Sequence[Table | Section], *, color: bool, width: int | None) -> str:
    """Render sections and tables; columns wrap rather than disappear when space is short."""
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
        if isinstance(part, Section):
            console.print(Text(part.title, style="bold"))
            label_width = max((len(label) for label, _ in part.facts), default=0)
            for label, value in part.facts:
                line = Text(f"  {label.ljust(label_width)}  ", style="dim")
                line.append(cell_text(value))
                console.print(line)
            continue
        table = RichTable(
            title=part.title,
            caption=part.caption,
            box=box.SIMPLE_HEAD if color else box.ASCII2,
            header_style="bold" if color else "",
            title_style="bold" if color else "",
            title_justify="left",
            caption_justify="left",
            show_edge=False,
            pad_edge=False,
        )
        for column in part.columns:
            table.add_column(
                column.header,
                justify="right" if column.numeric else "left",
                overflow="fold",
                min_width=min(len(column.header), 12),
            )
        for row in part.rows:
            table.add_row(*(cell_text(row.get(column.key)) for column in part.columns))
        console.print(table)
    return buffer.getvalue()
