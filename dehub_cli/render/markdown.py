"""Markdown rendering: GitHub-flavoured tables, fit to paste into a page or an issue.

Every value goes through :func:`~dehub_cli.render.safe.markdown_text`: raw HTML
(``<script>``) is escaped, Markdown syntax in a name is not interpreted, and a pipe or a
line break cannot break a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dehub_cli.render import (
    Listing,
    Note,
    Part,
    Prose,
    RenderOptions,
    Result,
    Section,
    Table,
    cell_text,
)
from dehub_cli.render.safe import markdown_block
from dehub_cli.render.safe import markdown_text as _escape
from dehub_cli.textnorm import escape_controls


def render_own_markdown(result: Any, options: RenderOptions) -> str:
    """The ``markdown`` format of a result that writes its own (``result.markdown()``)."""
    text: str = result.markdown()
    return text


def render_markdown(result: Result, options: RenderOptions) -> str:
    """The ``markdown`` format: the tables, sections and notes of ``result.tables()``."""
    return to_markdown(result.tables())


def to_markdown(parts: Sequence[Part]) -> str:
    """Tables, sections and notes as Markdown blocks; charts are left to the table format."""
    blocks = []
    for part in parts:
        if isinstance(part, Note):
            blocks.append(markdown_block(part.text))
            continue
        if isinstance(part, Prose):
            blocks.append(f"**{_escape(part.title)}**\n\n{markdown_block(part.text)}")
            continue
        if isinstance(part, Listing):
            blocks.append(_listing(part))
            continue
        if not isinstance(part, (Table, Section)):
            continue
        if isinstance(part, Section):
            lines = [f"## {_escape(part.title)}", ""]
            lines += [
                f"- **{_escape(label)}**: {_escape(cell_text(value))}"
                for label, value in part.facts
            ]
            blocks.append("\n".join(lines))
            continue
        lines = []
        if part.title:
            lines += [f"### {_escape(part.title)}", ""]
        lines.append("| " + " | ".join(_escape(column.header) for column in part.columns) + " |")
        lines.append(
            "|" + "|".join("---:" if column.numeric else "---" for column in part.columns) + "|"
        )
        for row in part.rows:
            cells = (
                _escape(cell_text(column.label(row.get(column.key)))) for column in part.columns
            )
            lines.append("| " + " | ".join(cells) + " |")
        if part.caption:
            lines += ["", markdown_block(part.caption)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _listing(listing: Listing) -> str:
    """A fenced code block, the fence longer than any run of backticks inside."""
    longest = max((len(run) for run in re.findall(r"`+", listing.text)), default=0)
    fence = "`" * max(3, longest + 1)
    title = f"{_escape(listing.title)}\n\n" if listing.title else ""
    text = escape_controls(listing.text.rstrip("\n"), keep="\n")
    return f"{title}{fence}{listing.language}\n{text}\n{fence}"
