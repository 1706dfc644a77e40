"""Editing YAML records in place with ruamel.yaml, keeping what people wrote.

Comments, key order, quoting and blank lines survive a load and dump; indentation is the
registry's own (two spaces, list items ``  - item`` under their key). Only editing goes
through here: reading for validation and queries stays with the strict, fast loader.

ruamel.yaml keeps the comment lines that *follow* a node on that node's deepest last
value. Appending to a list or inserting a key would therefore leave the comment that
introduced the next key above the new entry; :func:`append_item` and :func:`insert_key`
move such comment lines along so that they stay with what they introduce.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dehub_cli.dates import PartialDate

__all__ = [
    "CommentedMap",
    "CommentedSeq",
    "append_item",
    "dump",
    "insert_key",
    "load",
    "new_map",
    "yaml_date",
]

_WIDTH = 4096
"""Long enough that ruamel never folds a line we did not fold."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    return yaml


def load(text: str) -> Any:
    """A YAML text as ruamel round-trip values (``CommentedMap`` for a record)."""
    return _yaml().load(text)


def dump(data: Any) -> str:
    """Round-trip values back to YAML text."""
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def yaml_date(value: PartialDate) -> dt.date | str | int:
    """A value that ruamel writes as the unquoted ISO date: ``2017-04-21``, ``2017-04``, ``2017``."""
    if value.day is not None:
        return value.first_day
    if value.month is not None:
        return str(value)
    return value.year


def new_map(pairs: Sequence[tuple[str, Any]]) -> CommentedMap:
    """A block-style mapping from ``(key, value)`` pairs; plain lists and dicts are converted."""
    result = CommentedMap()
    for key, value in pairs:
        result[key] = _commented(value)
    return result


def _commented(value: Any) -> Any:
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return new_map(list(value.items()))
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq([_commented(item) for item in value])
    return value


_Slot = tuple[Any, Any, int]


def _trailing_slot(node: Any) -> _Slot | None:
    """Where ruamel keeps the comment lines after ``node``: its deepest last scalar."""
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node)[-1]
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
                node = value
                continue
            return node, key, 2
        if isinstance(node, CommentedSeq) and len(node):
            index = len(node) - 1
            value = node[index]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
                node = value
                continue
            return node, index, 0
        return None


def _slot_after_key(mapping: CommentedMap, key: Any) -> _Slot:
    value = mapping[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        slot = _trailing_slot(value)
        assert slot is not None
        return slot
    return mapping, key, 2


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _take_following(slot: _Slot | None, deeper_than: int) -> Any:
    """Detach the comment lines after ``slot`` that are not indented deeper than ``deeper_than``.

    The end-of-line comment stays; deeper lines (inside the node's own value) stay too.
    Returns a comment token for the detached lines, or ``None``.
    """
    if slot is None:
        return None
    holder, key, position = slot
    entry = holder.ca.items.get(key)
    if not entry or len(entry) <= position or entry[position] is None:
        return None
    token = entry[position]
    value: str = token.value
    head, newline, rest = value.partition("\n")
    if not newline or not rest:
        return None
    lines = rest.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    keep = 0  # the leading lines that belong inside the node (deeper), blank lines with them
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        if _indent_of(line) > deeper_than:
            keep = number + 1
            continue
        break
    kept, moved = lines[:keep], lines[keep:]
    if not moved:
        return None
    remaining = head + "\n" + "".join(line + "\n" for line in kept)
    if remaining.strip():
        token.value = remaining
    else:
        entry[position] = None
    detached = copy.copy(token)
    detached.value = "\n" + "".join(line + "\n" for line in moved)
    return detached


def _put_following(slot: _Slot | None, token: Any) -> None:
    if token is None or slot is None:
        return
    holder, key, position = slot
    entry = holder.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= position:
        entry.append(None)
    existing = entry[position]
    if existing is None:
        entry[position] = token
    else:
        existing.value = existing.value.rstrip("\n") + token.value


def append_item(sequence: CommentedSeq, item: Any, *, column: int) -> None:
    """Append ``item`` to a block list whose dashes stand at ``column``.

    Comment lines that followed the list (introducing the next key) stay after it.
    """
    token = _take_following(_trailing_slot(sequence), column)
    sequence.append(_commented(item))
    _put_following(_trailing_slot(sequence), token)


def insert_key(
    mapping: CommentedMap, key: str, value: Any, *, order: Sequence[str], column: int
) -> None:
    """Add ``key`` to a block mapping (keys at ``column``) where ``order`` puts it.

    Known keys before it in ``order`` stay before it; comment lines introducing the key
    that now follows it stay with that key.
    """
    value = _commented(value)
    if key in mapping:
        if _is_block_collection(mapping[key]):
            raise ValueError(f"'{key}' has entries already: append to them instead")
        token = _take_following((mapping, key, 2), column)
        mapping[key] = value
        _put_following(_slot_after_key(mapping, key), token)
        return
    rank = {name: index for index, name in enumerate(order)}
    wanted = rank.get(key, len(order))
    keys = list(mapping)
    position = len(keys)
    for index, existing in enumerate(keys):
        if rank.get(existing, len(order)) > wanted:
            position = index
            break
    if position == 0:
        mapping.insert(0, key, value)
        return
    before = keys[position - 1]
    token = _take_following(_slot_after_key(mapping, before), column)
    mapping.insert(position, key, value)
    _put_following(_slot_after_key(mapping, key), token)


def _is_block_collection(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0
