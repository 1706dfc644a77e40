"""A strict, fast YAML reader: libyaml events straight to plain Python values.

Why not ``yaml.load``: PyYAML silently keeps the last of two duplicate keys, expands
aliases (an alias bomb costs exponential time and memory), honours ``!!python/...``
tags in unsafe loaders and reads ``no``/``on`` as booleans (YAML 1.1). This reader
builds values from parser events with YAML 1.2 core-schema rules, reports every such
problem as a :class:`YamlProblem` and never constructs anything a tag asks for.

Positions are optional: the fast paths record none; a second pass with
``track_positions=True`` is made only for files that need a diagnostic located. The
fastest path reads canonical files line by line (:mod:`dehub_cli.yamlblock`); the next
reads libyaml's events without looking for problems; the careful one reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from dehub_cli.codes import Code
from dehub_cli.textnorm import quoted
from dehub_cli.yamlblock import MAX_DEPTH, parse_block
from dehub_cli.yamlscalar import YAML11_BOOLS, NeedsCarefulParse, clean_plain, resolve_plain

__all__ = ["MAX_DEPTH", "ParsedYaml", "YamlProblem", "parse_yaml", "resolve_plain"]

try:  # libyaml's C parser; the pure-Python parser is the fallback
    from yaml._yaml import CParser as _Parser  # type: ignore[import-not-found,unused-ignore]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Parser  # type: ignore[assignment,unused-ignore]

    HAVE_LIBYAML = False

Path = tuple[str | int, ...]

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something in a YAML text that makes it unusable or suspicious (always an error)."""

    code: Code
    line: int
    """1-based."""
    column: int
    """1-based."""
    message: str
    hint: str | None = None


@dataclass(slots=True)
class ParsedYaml:
    """The single document of a YAML text as plain values, with what was wrong in it."""

    value: Any
    problems: list[YamlProblem] = field(default_factory=list)
    key_marks: dict[Path, tuple[int, int]] | None = None
    """Where each mapping key starts, by the path of its value (1-based line, column)."""
    value_marks: dict[Path, tuple[int, int]] | None = None
    """Where each value starts, by its path (1-based line, column)."""

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best known (line, column) for ``path``, walking up to a known parent."""
        marks = self.key_marks if key else self.value_marks
        others = self.value_marks if key else self.key_marks
        for depth in range(len(path), -1, -1):
            prefix = path[:depth]
            for table in (marks, others):
                if table is not None and prefix in table:
                    return table[prefix]
        return (1, 1)


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def one_line(message: str) -> str:
    """A parser's message on one line (PyYAML's may span several)."""
    return " ".join(message.split())


def _at_tab(text: str, mark: Any) -> bool:
    """Whether the parser stopped at (or just before) a tab."""
    if mark is None:
        return False
    index = getattr(mark, "index", None)
    if not isinstance(index, int):
        return False
    return "\t" in text[max(0, index - 1) : index + 1]


def _tab_problem(line: int, column: int) -> YamlProblem:
    return YamlProblem(
        Code.TAB_INDENT,
        line,
        column,
        "tab character in indentation",
        "indent with spaces only (two per level)",
    )


def _tab_problems(text: str) -> list[YamlProblem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            problems.append(
                YamlProblem(
                    Code.TAB_INDENT,
                    number,
                    indent.index("\t") + 1,
                    "tab character in indentation",
                    "indent with spaces only (two per level)",
                )
            )
    return problems


class _Frame:
    __slots__ = ("container", "is_map", "key", "key_mark", "path")

    def __init__(self, container: Any, path: Path, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.key: Any = _NO_KEY
        self.key_mark: tuple[int, int] | None = None


_NO_KEY = object()
_DISCARD = object()


def _parse_clean(text: str) -> Any:
    """Fast path for the common, clean file: plain values, no positions, no diagnostics.

    Raises :class:`NeedsCarefulParse` at the first unusual construct (anchor, alias, tag,
    duplicate or merge key, YAML 1.1 boolean, complex key, deep nesting, second document)
    and lets the YAML error of a broken file propagate.
    """
    parser = _Parser(text)
    get_event = parser.get_event
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end, document_start, stream_end = (
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
        yaml.DocumentStartEvent,
        yaml.StreamEndEvent,
    )
    stream_start, document_end = yaml.StreamStartEvent, yaml.DocumentEndEvent
    no_key = _NO_KEY
    containers: list[Any] = []
    pending: list[Any] = []
    root: Any = None
    documents = 0
    try:
        while True:
            event: Any = get_event()
            cls = type(event)
            if cls is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise NeedsCarefulParse
                text_value: str = event.value
                if containers:
                    top = containers[-1]
                    if type(top) is dict and pending[-1] is no_key:
                        if text_value in top or text_value == "<<":
                            raise NeedsCarefulParse
                        pending[-1] = text_value
                        continue
                value: Any = text_value
                if event.implicit[0]:
                    value = clean_plain(text_value)
                if containers:
                    top = containers[-1]
                    if type(top) is dict:
                        top[pending[-1]] = value
                        pending[-1] = no_key
                    else:
                        top.append(value)
                else:
                    root = value
            elif cls is mapping_start or cls is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    raise NeedsCarefulParse
                container: Any = {} if cls is mapping_start else []
                if containers:
                    top = containers[-1]
                    if type(top) is dict:
                        if pending[-1] is no_key:
                            raise NeedsCarefulParse
                        top[pending[-1]] = container
                        pending[-1] = no_key
                    else:
                        top.append(container)
                    if len(containers) >= MAX_DEPTH:
                        raise NeedsCarefulParse
                else:
                    root = container
                containers.append(container)
                pending.append(no_key)
            elif cls is mapping_end or cls is sequence_end:
                containers.pop()
                pending.pop()
            elif cls is document_start:
                documents += 1
                if documents == 2:
                    raise NeedsCarefulParse
            elif cls is stream_end:
                return root
            elif cls is not stream_start and cls is not document_end:
                raise NeedsCarefulParse
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def parse_yaml(text: str, *, track_positions: bool = False) -> ParsedYaml:
    """Parse one YAML text strictly into plain values (dict, list, str, int, float, bool, None).

    A tab is fine inside a block scalar's text; when the parser stops at a tab, every line
    indented with a tab is reported (DH110) rather than the parser's message.
    """
    if not track_positions:
        try:
            return ParsedYaml(parse_block(text))
        except NeedsCarefulParse:
            pass
        try:
            return ParsedYaml(_parse_clean(text))
        except (NeedsCarefulParse, yaml.YAMLError):
            pass
    problems: list[YamlProblem] = []
    key_marks: dict[Path, tuple[int, int]] | None = {} if track_positions else None
    value_marks: dict[Path, tuple[int, int]] | None = {} if track_positions else None
    parser = _Parser(text)
    documents = 0
    root: Any = None
    stack: list[_Frame] = []
    aliases_seen: set[str] = set()
    try:
        while True:
            event: Any = parser.get_event()
            cls = type(event)
            if cls is yaml.ScalarEvent:
                if stack:
                    frame = stack[-1]
                    if frame.is_map and frame.key is _NO_KEY:
                        _take_key(frame, event, event.value, problems, key_marks)
                        continue
                value = _scalar(event, problems)
                _place(stack, value, event, problems, value_marks)
                if not stack:
                    root = value
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                is_map = cls is yaml.MappingStartEvent
                as_key = False
                if stack:
                    frame = stack[-1]
                    if frame.is_map and frame.key is _NO_KEY:
                        problems.append(
                            YamlProblem(
                                Code.COMPLEX_KEY, *_mark(event), "a mapping key must be plain text"
                            )
                        )
                        as_key = True
                _check_node(event, problems)
                container: Any = {} if is_map else []
                if as_key:
                    # The key is read but kept nowhere; its value is dropped with it.
                    path = (*frame.path, "\x00discarded")
                    frame.key = _DISCARD
                    frame.key_mark = None
                else:
                    path = _place(stack, container, event, problems, value_marks)
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        YamlProblem(
                            Code.TOO_DEEP, *_mark(event), f"nesting deeper than {MAX_DEPTH} levels"
                        )
                    )
                    raise _Abort
                stack.append(_Frame(container, path, is_map))
                if len(stack) == 1:
                    root = container
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
            elif cls is yaml.AliasEvent:
                if event.anchor not in aliases_seen:  # one report per anchor, not per use
                    aliases_seen.add(event.anchor)
                    problems.append(
                        YamlProblem(
                            Code.ALIAS,
                            *_mark(event),
                            f"alias '*{event.anchor}' is not allowed",
                            "write the value out in full; anchors and aliases are not allowed",
                        )
                    )
                if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
                    stack[-1].key = _DISCARD
                else:
                    _place(stack, None, event, problems, value_marks)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    problems.append(
                        YamlProblem(
                            Code.SEVERAL_DOCUMENTS,
                            *_mark(event),
                            "more than one YAML document in this file",
                            "remove the '---' separator: one record per file",
                        )
                    )
                    break
            elif cls is yaml.StreamEndEvent:
                break
    except _Abort:
        pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if "\t" in text and _at_tab(text, mark):
            return ParsedYaml(None, _tab_problems(text) or [_tab_problem(line, column)])
        message = error.problem or str(error)
        if error.context:
            message = f"{error.context}: {message}" if error.problem else error.context
        problems.append(
            YamlProblem(Code.YAML_SYNTAX, line, column, f"YAML syntax error: {one_line(message)}")
        )
        root = None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        character = error.character if isinstance(error.character, str) else chr(error.character)
        problems.append(
            YamlProblem(
                Code.YAML_SYNTAX,
                line,
                column,
                f"YAML syntax error: the character U+{ord(character):04X} is not allowed in YAML",
                "remove it; control characters cannot be written in a registry file",
            )
        )
        root = None
    except yaml.YAMLError as error:
        problems.append(
            YamlProblem(Code.YAML_SYNTAX, 1, 1, f"YAML syntax error: {one_line(str(error))}")
        )
        root = None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    return ParsedYaml(root, problems, key_marks, value_marks)


class _Abort(Exception):
    """Stop parsing a text that cannot be read safely."""


def _check_node(event: Any, problems: list[YamlProblem]) -> None:
    if event.anchor is not None:
        problems.append(
            YamlProblem(
                Code.ALIAS,
                *_mark(event),
                f"anchor '&{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are not allowed",
            )
        )
    tag = event.tag
    if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
        problems.append(
            YamlProblem(
                Code.TAG,
                *_mark(event),
                f"tag {quoted(tag)} is not allowed",
                "remove the tag; only plain YAML values are read",
            )
        )


def _scalar(event: Any, problems: list[YamlProblem]) -> Any:
    text: str = event.value
    if event.anchor is not None or event.tag is not None:
        _check_node(event, problems)
        tag = event.tag
        if tag == "tag:yaml.org,2002:str":
            return text
        if tag in _STANDARD_TAGS:
            value = resolve_plain(text)
            return value if not isinstance(value, str) else text
        if tag is not None and tag != "!":
            return None
    if not event.implicit[0]:
        return text
    if text in YAML11_BOOLS:
        problems.append(
            YamlProblem(
                Code.AMBIGUOUS_BOOLEAN,
                *_mark(event),
                f"{quoted(text)} is ambiguous: YAML 1.1 reads it as a boolean, YAML 1.2 as text",
                f'write true or false for a yes/no value, or quote it ("{text}") for text',
            )
        )
        return text
    return resolve_plain(text)


def _take_key(
    frame: _Frame,
    event: Any,
    key: str,
    problems: list[YamlProblem],
    key_marks: dict[Path, tuple[int, int]] | None,
) -> None:
    if event.anchor is not None or event.tag is not None:
        _check_node(event, problems)
    if key == "<<" and event.implicit[0]:
        problems.append(
            YamlProblem(
                Code.ALIAS,
                *_mark(event),
                "merge key '<<' is not allowed",
                "write the keys out in full; merge keys, anchors and aliases are not allowed",
            )
        )
        frame.key = _DISCARD
        return
    if key in frame.container:
        problems.append(
            YamlProblem(
                Code.DUPLICATE_KEY,
                *_mark(event),
                f"duplicate key {quoted(key)}",
                "each key may appear once per mapping; remove or merge the repeated one",
            )
        )
        frame.key = _DISCARD
        return
    frame.key = key
    if key_marks is not None:
        frame.key_mark = _mark(event)
        key_marks[(*frame.path, key)] = frame.key_mark


def _place(
    stack: list[_Frame],
    value: Any,
    event: Any,
    problems: list[YamlProblem],
    value_marks: dict[Path, tuple[int, int]] | None,
) -> Path:
    if not stack:
        path: Path = ()
    else:
        frame = stack[-1]
        if frame.is_map:
            key = frame.key
            frame.key = _NO_KEY
            if key is _DISCARD:
                return (*frame.path, "\x00discarded")
            frame.container[key] = value
            path = (*frame.path, key) if value_marks is not None else ()
        else:
            path = (*frame.path, len(frame.container)) if value_marks is not None else ()
            frame.container.append(value)
    if value_marks is not None:
        value_marks[path] = _mark(event)
    return path
