"""How a plain (unquoted) YAML scalar is read: the YAML 1.2 core schema, dates as text.

Shared by the two fast readers (:mod:`dehub_cli.yamlblock` and libyaml's events in
:mod:`dehub_cli.yamlparse`), so both give a value the same type.
"""

from __future__ import annotations

import re
from typing import Any

NULLS = frozenset(("~", "null", "Null", "NULL", ""))
TRUE = frozenset(("true", "True", "TRUE"))
FALSE = frozenset(("false", "False", "FALSE"))
YAML11_BOOLS = frozenset(
    word
    for base in ("yes", "no", "on", "off", "y", "n")
    for word in (base, base.capitalize(), base.upper())
)
"""Words YAML 1.1 reads as booleans and YAML 1.2 as text: ambiguous (DH111)."""
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_NUMBER_START = frozenset("0123456789-+.")
_SPECIAL_WORDS = NULLS | TRUE | FALSE | YAML11_BOOLS | {".nan", ".NaN", ".NAN"}
SPECIAL_START = _NUMBER_START | {word[0] for word in _SPECIAL_WORDS if word}
"""How a plain value that is not text starts (a number, null, a boolean, a YAML 1.1 one)."""


class NeedsCarefulParse(Exception):
    """A fast reader met something unusual; the careful parser reads and reports it."""


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema; dates stay text."""
    if not text:
        return None
    first = text[0]
    if first in _NUMBER_START:
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        lowered = text.lower()
        if lowered in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[lowered]
        if lowered.startswith("0x"):
            try:
                return int(text, 16)
            except ValueError:
                return text
        if lowered.startswith("0o"):
            try:
                return int(text[2:], 8)
            except ValueError:
                return text
        return text
    if text in NULLS:
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    if text in (".nan", ".NaN", ".NAN"):
        return float("nan")
    return text


_NUMBERS: dict[str, Any] = {}
"""Plain values starting like a number (dates mostly, which repeat), as resolved."""
_NUMBERS_KEPT = 8192


def clean_plain(text: str) -> Any:
    """:func:`resolve_plain` for the fast readers, which leave a YAML 1.1 boolean (a
    diagnostic) to the careful parser; plain words, the common case, cost one look-up."""
    if text[:1] in _NUMBER_START:
        value = _NUMBERS.get(text, _NUMBERS)
        if value is _NUMBERS:
            value = resolve_plain(text)
            if len(_NUMBERS) < _NUMBERS_KEPT:
                _NUMBERS[text] = value
        return value
    if text in _SPECIAL_WORDS:
        if text in YAML11_BOOLS:
            raise NeedsCarefulParse
        return resolve_plain(text)
    return text
