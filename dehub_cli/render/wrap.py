"""Cutting cell values into lines for the terminal without breaking what must stay whole.

A value is a sequence of *atoms*, the pieces a line may break between: the words of prose,
the items of a list. An id, a date, a number or a URL is one atom and is never broken; a
line holding an atom wider than the space overflows instead, so it can still be copied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len

from dehub_cli.render import ColumnKind, cell_text
from dehub_cli.render.safe import terminal_text
from dehub_cli.textnorm import first_control

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


def shown_texts(values: Sequence[Any], kind: ColumnKind | None) -> list[str]:
    """Each value as one line, ``joined(atoms(value, kind))``, for a whole column at once.

    Most values need no work: text without control characters, runs of spaces or spaces
    at its ends (prose), or without a note at its start (anything else), and lists of
    such text. Those are taken as they are; any other value, and every value of a column
    holding a control character anywhere, goes the long way through :func:`atoms`.
    """
    prose = kind in ("text", None)
    shown = [_as_is(value, prose) for value in values]
    texts = [
        joined(atoms(value, kind)) if text is None else text
        for value, text in zip(values, shown, strict=True)
    ]
    if first_control("".join(texts)) is not None:
        return [joined(atoms(value, kind)) for value in values]
    return texts


def _as_is(value: Any, prose: bool) -> str | None:
    """The shown text of a value that needs no work (if free of control characters)."""
    kind_of = type(value)
    if kind_of is str:
        return value if _plain(value, prose) else None
    if value is None:
        return ""
    if kind_of is int:
        return str(value)
    if (
        (kind_of is list or kind_of is tuple)
        and all(type(item) is str for item in value)
        # Prose items must each be one word or more: an empty one adds no atom.
        and (not prose or all(item and _plain(item, True) for item in value))
    ):
        return ", ".join(value)
    return None


def _plain(text: str, prose: bool) -> bool:
    """Whether ``text`` (free of control characters) is its own atoms joined."""
    if prose:
        return "  " not in text and text == text.strip()
    return not text.startswith(" (")


def widths_of(texts: Sequence[str]) -> list[int]:
    """:func:`width_of` of each text."""
    if "".join(texts).isascii():
        return [len(text) for text in texts]
    return [len(text) if text.isascii() else cell_len(text) for text in texts]


def longest(pieces: Sequence[str]) -> int:
    """The width of the widest atom: the narrowest a line of these can be."""
    return max((width_of(piece) for piece in pieces), default=0)


def joined(pieces: Sequence[str]) -> str:
    return " ".join(pieces)


def wrap(pieces: Sequence[str], width: int) -> list[str]:
    """Atoms filled into lines of at most ``width`` columns (an atom wider stands alone)."""
    line = " ".join(pieces)
    if line.isascii():
        if len(line) <= width:
            return [line]
        sizes = [len(piece) for piece in pieces]
    else:
        if cell_len(line) <= width:
            return [line]
        sizes = [width_of(piece) for piece in pieces]
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for piece, size in zip(pieces, sizes, strict=True):
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
