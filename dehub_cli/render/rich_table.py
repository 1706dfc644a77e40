"""The ``table`` format: every part of a result laid out for a terminal of any width.

Tables fit the width (see :mod:`dehub_cli.render.plain_table`); facts, notes and prose
wrap at spaces only, so an id, a date, a number or a URL is never broken. Colour and box
characters only on a colour terminal; values are never read as markup. (The module keeps
its name from when Rich drew the tables; Rich still measures wide characters.)
"""

from __future__ import annotations

from collections.abc import Sequence

from dehub_cli.render import (
    Chart,
    Listing,
    Note,
    Part,
    Prose,
    RenderOptions,
    Result,
    Section,
    Table,
)
from dehub_cli.render.barchart import bar_chart
from dehub_cli.render.plain_table import fact_lines, table_text
from dehub_cli.render.safe import terminal_text
from dehub_cli.render.wrap import fact_atoms, wrap

_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def render_table(result: Result, options: RenderOptions) -> str:
    """The ``table`` format: every part of ``result.tables()``, a blank line between parts."""
    return to_rich_text(result.tables(), color=options.color, width=options.width)


def to_rich_text(parts: Sequence[Part], *, color: bool, width: int | None) -> str:
    """The parts as terminal text, each fitted to ``width`` (``None``: unlimited)."""
    blocks = [_part(part, color=color, width=width) for part in parts]
    return "\n".join(block for block in blocks)


def _title(text: str, color: bool) -> str:
    shown = terminal_text(text)
    return f"{_BOLD}{shown}{_RESET}" if color else shown


def _part(part: Part, *, color: bool, width: int | None) -> str:
    if isinstance(part, Table):
        return table_text(part, width, color=color)
    if isinstance(part, Chart):
        return bar_chart(
            part.points,
            unicode=color,
            width=width,
            title=part.title,
            value_text=part.value_text,
        )
    if isinstance(part, Section):
        facts = [(terminal_text(label), fact_atoms(value)) for label, value in part.facts]
        return "\n".join([_title(part.title, color), *fact_lines(facts, width, color=color)]) + "\n"
    if isinstance(part, Prose):
        body = wrap(fact_atoms(part.text), max((width or 10_000) - 2, 1))
        return "\n".join([_title(part.title, color), *("  " + line for line in body)]) + "\n"
    if isinstance(part, Listing):
        lines = [_title(part.title, color)] if part.title else []
        lines += [("  " + terminal_text(line)).rstrip() for line in part.text.splitlines()]
        return "\n".join(lines) + "\n"
    assert isinstance(part, Note)
    return "\n".join(wrap(fact_atoms(part.text), width or 10_000)) + "\n"
