"""The fastest reader, for the block YAML that ``dehub fmt`` writes: lines, not events.

Registry files are ``key: value`` lines, ``- item`` lists, ``>-`` / ``|`` text blocks and
comments. Read line by line with string methods, such a file costs about half what
libyaml's events cost through PyYAML, and parsing is most of a cold ``validate``.

It accepts only what it fully understands and raises :class:`NeedsCarefulParse` at
anything else (a quoted key, an escape, a flow list, an anchor, a tab, a comment after a
value, a duplicate key, ...), which then goes to libyaml. Whatever it returns equals what
libyaml's reading returns: ``tests/unit/test_yamlblock.py`` compares the two on
generated texts.
"""

from __future__ import annotations

from typing import Any

from dehub_cli.yamlscalar import SPECIAL_START, NeedsCarefulParse, clean_plain

MAX_DEPTH = 64
"""Nesting deeper than this is refused (records are at most four levels deep)."""
MAX_KEY = 128
"""Longer keys go to libyaml (which limits a key's line position to 1,024 characters)."""

_BLOCK_HEADERS = {"|": ("\n", False), "|-": ("\n", True), ">": (" ", False), ">-": (" ", True)}
"""Block scalar headers read here: (joiner of lines, strip the final line break)."""
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
"""A plain value starting with one of these is an indicator, a number's sign or unusual."""


def parse_block(text: str) -> dict[str, Any]:
    """The mapping a canonical registry file holds; :class:`NeedsCarefulParse` otherwise."""
    if text[-1:] != "\n":
        raise NeedsCarefulParse
    lines = text.split("\n")
    lines.pop()
    count = len(lines)
    root: dict[str, Any] = {}
    indents: list[int] = [0]
    containers: list[Any] = [root]
    pending: dict[str, Any] | None = None  # a mapping whose last key's value is below
    pending_key = ""
    pending_indent = 0
    index = 0
    while index < count:
        line = lines[index]
        index += 1
        if not line.isprintable():  # tab, CR, control, BOM, NEL, line separator, NBSP
            raise NeedsCarefulParse
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            continue
        indent = len(line) - len(body)
        dash = body[0] == "-"
        inner = indent
        if dash:
            if body[1:2] != " ":
                raise NeedsCarefulParse
            item = body[2:].lstrip(" ")
            if not item or item[0] == "#":
                raise NeedsCarefulParse
            inner = indent + len(body) - len(item)
            body = item
        if pending is not None:
            if indent > pending_indent:
                if len(indents) >= MAX_DEPTH:
                    raise NeedsCarefulParse
                child: Any = [] if dash else {}
                pending[pending_key] = child
                indents.append(indent)
                containers.append(child)
            elif dash and indent == pending_indent:
                raise NeedsCarefulParse  # a list at its key's indentation
            else:
                pending[pending_key] = None
            pending = None
        while indent < indents[-1]:
            indents.pop()
            containers.pop()
        if indent != indents[-1]:
            raise NeedsCarefulParse
        top = containers[-1]
        key, colon, rest = body.partition(":")
        is_key = (
            colon
            and (not rest or rest[0] == " ")
            and key.isidentifier()
            and key.isascii()
            and len(key) <= MAX_KEY
        )
        if dash:
            if type(top) is not list:
                raise NeedsCarefulParse
            if not is_key:
                top.append(_scalar(body))
                continue
            if len(indents) >= MAX_DEPTH:
                raise NeedsCarefulParse
            top = {}
            containers[-1].append(top)
            indents.append(inner)
            containers.append(top)
        elif not is_key or type(top) is not dict:
            raise NeedsCarefulParse
        if key in top:
            raise NeedsCarefulParse
        rest = rest.lstrip(" ")
        if not rest:
            pending, pending_key, pending_indent = top, key, indents[-1]
        elif rest[0] in _NOT_PLAIN_START or " #" in rest or ": " in rest:
            if rest[0] == "|" or rest[0] == ">":
                top[key], index = _block_scalar(lines, index, rest, indents[-1])
            else:
                top[key] = _scalar(rest)  # quoted, or declined there
        else:  # a plain value, the common case, inline
            rest = rest.rstrip(" ")
            if rest[-1] == ":":
                raise NeedsCarefulParse
            top[key] = rest if rest[0] not in SPECIAL_START else clean_plain(rest)
    if pending is not None:
        pending[pending_key] = None
    if not root:
        raise NeedsCarefulParse
    return root


def _block_scalar(lines: list[str], index: int, header: str, parent: int) -> tuple[str, int]:
    """A ``|``, ``|-``, ``>`` or ``>-`` text whose lines start at ``index``; the index after.

    Only the plain case: the indentation of the first line throughout, no line of spaces,
    and (when folded) no empty line inside.
    """
    style = _BLOCK_HEADERS.get(header.rstrip(" "))
    count = len(lines)
    if style is None or index >= count:
        raise NeedsCarefulParse
    joiner, strip = style
    first = lines[index]
    block_indent = len(first) - len(first.lstrip(" "))
    if block_indent <= parent or block_indent == len(first):
        raise NeedsCarefulParse
    parts: list[str] = []
    blank = 0
    while index < count:
        line = lines[index]
        if not line:
            blank += 1
            index += 1
            continue
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if not content:
            raise NeedsCarefulParse
        if indent < block_indent:
            break
        if indent > block_indent or not line.isprintable():
            raise NeedsCarefulParse
        if blank:
            if joiner == " ":
                raise NeedsCarefulParse
            parts += [""] * blank
            blank = 0
        parts.append(content)
        index += 1
    value = joiner.join(parts)
    return (value if strip else value + "\n"), index


def _scalar(text: str) -> Any:
    """A one-line value: plain, or quoted with nothing to unescape."""
    text = text.rstrip(" ")
    first = text[0]
    if first == '"':
        if len(text) >= 2 and text[-1] == '"' and text.count('"') == 2 and "\\" not in text:
            return text[1:-1]
        raise NeedsCarefulParse
    if first == "'":
        if len(text) >= 2 and text[-1] == "'" and text.count("'") == 2:
            return text[1:-1]
        raise NeedsCarefulParse
    if first in _NOT_PLAIN_START or " #" in text or ": " in text or text[-1] == ":":
        raise NeedsCarefulParse
    return clean_plain(text)
