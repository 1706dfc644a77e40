"""Registry values as one line of plain text, with every control character shown escaped.

Values are hostile: a name may hold a newline followed by ``::error::``, ESC sequences or
bidi overrides. :func:`visible` makes any text a single inert line; each renderer then
escapes that line for its target (Markdown, workflow commands, XML).
"""

from __future__ import annotations

import math
from typing import Any

from dehub_cli.textnorm import escape_controls

ABSENT = "(none)"
"""How a value that is not there is shown."""


def visible(text: str) -> str:
    """``text`` on one line: newlines, tabs, ESC, bidi controls and the like as escapes.

    Backslashes are doubled first, so an escape shown cannot be mistaken for text.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return escape_controls(text.replace("\\", "\\\\"))


def show_value(value: Any) -> str:
    """A registry value as short plain text: ``2017-05``, ``fintech, iot``, ``{name: Köln}``."""
    if value is None:
        return ABSENT
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return visible(value) if value else '""'
    if isinstance(value, dict):
        inner = ", ".join(f"{show_value(key)}: {show_value(item)}" for key, item in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value) and value:
            return ", ".join(show_value(item) for item in value)
        return "[" + ", ".join(show_value(item) for item in value) + "]"
    return visible(str(value))


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in ``…`` when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
