"""Registry values made safe for the place they are written to: one function per target.

Every value is hostile until escaped: a name may hold a line break (a forged diagnostic
line), an ESC sequence (a cleared screen, a hidden hyperlink), Rich markup, HTML, or start
with ``=`` (a spreadsheet formula). Every renderer writes values through these functions.
"""

from __future__ import annotations

import re
from typing import Any

from dehub_cli.textnorm import escape_controls

__all__ = [
    "FORMULA_STARTS",
    "csv_cell",
    "github_data",
    "github_property",
    "markdown_block",
    "markdown_text",
    "terminal_text",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these runs as a formula in Excel or LibreOffice (OWASP)."""
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?\Z")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t]")
_BLOCK_MARKER = re.compile(r"^(\s*)([-+=#])")
_ORDERED_MARKER = re.compile(r"^(\s*\d+)([.)])")


def terminal_text(text: str) -> str:
    """Text for a terminal or a log: every control character shown as ``\\x1b``, ``\\n``."""
    return escape_controls(text)


def csv_cell(value: Any) -> str:
    """One CSV cell: never a formula, no control characters but line breaks and tabs.

    A text starting with ``= + - @``, a tab or a carriage return (after leading spaces) is
    prefixed with ``'``, as OWASP recommends, so spreadsheets show it as text; plain
    numbers (``-3``, ``2.5``) are left as they are. The csv writer quotes cells holding
    separators, quotes or line breaks.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raw = str(value)
    text = escape_controls(raw, keep="\n\t")
    if raw.lstrip(" ").startswith(FORMULA_STARTS) and not _NUMBER.match(raw):
        return "'" + text
    return text


def markdown_text(text: str) -> str:
    """Inline Markdown text, one line, fit for a table cell.

    ``<script>`` becomes ``&lt;script&gt;`` (and ``&lt;`` ``&amp;lt;``, while ``IoT & FinTech``
    stays as it is); ``[link](...)``, ``*``, ``_``, backticks, ``~``, ``$`` (GitHub math)
    and pipes are backslash-escaped; ``@name`` cannot notify anyone; line breaks and tabs
    become spaces; other control characters are shown as ``\\x1b``.
    """
    text = escape_controls(_LINE_BREAKS.sub(" ", text))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_START.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "@&#8203;")  # pasted into an issue, @name would notify someone


def markdown_block(text: str) -> str:
    """A paragraph of Markdown: :func:`markdown_text` that cannot start a heading or a list."""
    escaped = _BLOCK_MARKER.sub(r"\1\\\2", markdown_text(text), count=1)
    return _ORDERED_MARKER.sub(r"\1\\\2", escaped, count=1)


def github_data(text: str) -> str:
    """The message of a GitHub workflow command: one line, ``%``, CR and LF encoded."""
    text = escape_controls(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property (``file=``, ``title=``) of a workflow command: also ``:`` and ``,`` encoded."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
