"""``# dehub: ignore[CODE]`` comments, and the settings applied to the diagnostics.

- ``# dehub: ignore[DH309]`` at the end of a line silences the DH309 findings on that
  line; on a line of its own, those on the next line that is not blank or a comment.
- ``# dehub: ignore-file[DH307]`` on a line of its own silences DH307 in the whole file.

Several codes are separated by commas (``ignore[DH307, DH311]``); text after the ``]``
is free, for the reason. A suppression that silences nothing is reported (DH401), and
so is one that cannot work (DH402: no code, an unknown code, or a code that leaves a
record out of every answer, which no comment may hide).

:func:`parse_suppressions` and :func:`apply_settings` are pure; :func:`read_suppressions`
reads the files concerned (until the loader hands these comments over with its result).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import msgspec

from dehub_cli.codes import Code, closest_code
from dehub_cli.diagnostics import Diagnostic

if TYPE_CHECKING:
    from dehub_cli.config import Config

MARKER = "dehub:"
"""Files without this text have no suppression comment and are not parsed for one."""

IGNORE, IGNORE_FILE = "ignore", "ignore-file"
_DIRECTIVE = re.compile(
    r"#\s*dehub:\s*(?P<word>[A-Za-z][A-Za-z-]*)\s*(?P<bracket>\[(?P<codes>[^\]]*)\]?)?"
)
_SPLIT = re.compile(r"[\s,]+")
_QUOTE_OPENERS = frozenset(":-[{,?")


class Suppression(msgspec.Struct, frozen=True, gc=False):
    """One ``# dehub: ...`` comment in one file (a msgspec struct: the cache keeps it)."""

    file: str
    """The file, as diagnostics name it."""
    line: int
    """1-based line of the comment."""
    column: int
    """1-based column of its ``#``."""
    codes: tuple[str, ...]
    """The codes as written (upper-cased), in order."""
    file_level: bool
    """``ignore-file``: for the whole file."""
    target: int = 0
    """The line whose findings it silences (0 for a file-level one, or when there is none)."""
    problem: str | None = None
    """Why the comment cannot work as written (reported as DH402), or None."""
    hint: str | None = None


def comment_start(line: str) -> int | None:
    """Index of the ``#`` that starts a YAML comment on ``line``, or None.

    A ``#`` starts a comment at the start of the line or after a space, outside quotes;
    a quote opens a quoted scalar only where a value begins (``name: 'a # b'``), not
    inside a word (``O'Brien``).
    """
    quote: str | None = None
    previous = ""  # the last character that is not a space, outside quotes
    index = 0
    while index < len(line):
        char = line[index]
        if quote == "'":
            if char == "'":
                if line[index + 1 : index + 2] == "'":
                    index += 1
                else:
                    quote = None
        elif quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = None
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
        elif char in "'\"" and (previous == "" or previous in _QUOTE_OPENERS):
            quote = char
        elif char not in " \t":
            previous = char
        index += 1
    return None


def parse_suppressions(text: str, file: str) -> list[Suppression]:
    """Every ``# dehub:`` directive in ``text`` (the contents of ``file``), in line order."""
    if MARKER not in text:
        return []
    lines = text.splitlines()
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        start = comment_start(line)
        if start is None:
            continue
        match = _DIRECTIVE.match(line, start)
        if match is None:
            continue
        word = match["word"]
        own_line = not line[:start].strip()
        if word not in (IGNORE, IGNORE_FILE):
            if match["bracket"] is None:
                continue  # prose such as '# dehub: see the README', not a directive
            from dehub_cli.textnorm import suggestion

            found.append(
                Suppression(
                    file, number, start + 1, (), False,
                    problem=f"unknown directive 'dehub: {word}'",
                    hint=suggestion(word, [IGNORE, IGNORE_FILE])
                    or "write '# dehub: ignore[CODE]' or '# dehub: ignore-file[CODE]'",
                )
            )  # fmt: skip
            continue
        codes = tuple(code.upper() for code in _SPLIT.split(match["codes"] or "") if code)
        file_level = word == IGNORE_FILE
        suppression = Suppression(file, number, start + 1, codes, file_level)
        if match["bracket"] is not None and not match["bracket"].endswith("]"):
            suppression = msgspec.structs.replace(
                suppression, problem="suppression without its closing ']'", hint=_example(word)
            )
        elif not codes:
            suppression = msgspec.structs.replace(
                suppression,
                problem=f"'dehub: {word}' names no code",
                hint=f"name the codes it silences: {_example(word)}",
            )
        elif file_level and not own_line:
            suppression = msgspec.structs.replace(
                suppression,
                problem="'dehub: ignore-file' must stand on a line of its own",
                hint="move the comment to a line of its own",
            )
        elif not file_level:
            target = number if not own_line else _next_content_line(lines, number)
            suppression = msgspec.structs.replace(suppression, target=target)
        found.append(suppression)
    return found


def _example(word: str) -> str:
    return f"# dehub: {word}[DH309]"


def _next_content_line(lines: Sequence[str], number: int) -> int:
    """The number of the first line after line ``number`` that is not blank or a comment."""
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return 0


def apply_settings(
    diagnostics: Iterable[Diagnostic],
    suppressions: Iterable[Suppression],
    config: Config,
    *,
    report_unused: bool = True,
) -> list[Diagnostic]:
    """The diagnostics as the registry's settings and comments want them, sorted.

    Severity overrides apply, codes turned ``off`` are dropped, findings a comment
    silences are dropped; with ``report_unused``, comments that silence nothing (DH401)
    or cannot work (DH402) become diagnostics themselves (only meaningful when
    ``diagnostics`` and ``suppressions`` cover every file).
    """
    by_file: dict[str, list[tuple[int, Suppression]]] = {}
    listed = list(suppressions)
    for index, suppression in enumerate(listed):
        if suppression.problem is None:
            by_file.setdefault(suppression.file, []).append((index, suppression))
    used: set[tuple[int, str]] = set()
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        code = diagnostic.code
        if code in config.severity and config.severity[code] is None:
            continue
        if code.suppressible and _silenced(diagnostic, by_file.get(diagnostic.file, ()), used):
            continue
        kept.append(_with_configured_severity(diagnostic, config))
    if report_unused:
        for index, suppression in enumerate(listed):
            for problem in _problems(index, suppression, used, config):
                if not (problem.code in config.severity and config.severity[problem.code] is None):
                    kept.append(_with_configured_severity(problem, config))
    kept.sort(key=Diagnostic.sort_key)
    return kept


def _silenced(
    diagnostic: Diagnostic,
    candidates: Iterable[tuple[int, Suppression]],
    used: set[tuple[int, str]],
) -> bool:
    """Whether a comment silences ``diagnostic``; the comments that do are marked used.

    A comment on the line wins over a file-level one, which then stays unused for it.
    """
    code = str(diagnostic.code)
    matching = [
        (index, s) for index, s in candidates if code in s.codes and not s.file_level
        and diagnostic.line and s.target == diagnostic.line
    ] or [(index, s) for index, s in candidates if code in s.codes and s.file_level]  # fmt: skip
    for index, _ in matching:
        used.add((index, code))
    return bool(matching)


def _with_configured_severity(diagnostic: Diagnostic, config: Config) -> Diagnostic:
    severity = config.severity.get(diagnostic.code)
    if severity is None or severity is diagnostic.severity:
        return diagnostic
    return replace(diagnostic, severity=severity)


def _problems(
    index: int, suppression: Suppression, used: set[tuple[int, str]], config: Config
) -> list[Diagnostic]:
    """DH401/DH402 diagnostics for one comment."""

    def report(code: Code, message: str, hint: str | None) -> Diagnostic:
        return Diagnostic(
            code, code.severity, suppression.file, suppression.line, suppression.column,
            message, hint,
        )  # fmt: skip

    if suppression.problem is not None:
        return [report(Code.INVALID_SUPPRESSION, suppression.problem, suppression.hint)]
    known = {code.value: code for code in Code}
    problems = []
    if suppression.file_level:
        where = "in this file"
    elif suppression.target:
        where = f"on line {suppression.target}"
    else:
        where = "below it: no line follows"
    for written in suppression.codes:
        code = known.get(written)
        remove = f"remove '{written}' from the comment"
        if code is None:
            match = closest_code(written)
            problems.append(
                report(
                    Code.INVALID_SUPPRESSION,
                    f"unknown code '{written}' in suppression",
                    f"did you mean '{match}'?" if match else "'dehub codes' lists every code",
                )
            )
        elif not code.suppressible:
            why = (
                "a record with it is left out of every answer"
                if code.leaves_record_out
                else "comments about comments are not silenced by comments"
            )
            problems.append(
                report(
                    Code.INVALID_SUPPRESSION,
                    f"{code} cannot be suppressed: {why}",
                    f"fix the finding instead; dehub codes {code} explains how",
                )
            )
        elif code in config.severity and config.severity[code] is None:
            problems.append(
                report(
                    Code.UNUSED_SUPPRESSION,
                    f"unused suppression: {code} is turned off in {config.source}",
                    remove,
                )
            )
        elif (index, written) not in used:
            problems.append(
                report(
                    Code.UNUSED_SUPPRESSION,
                    f"unused suppression: no {code} finding {where}",
                    remove,
                )
            )
    return problems


__all__ = [
    "Suppression",
    "apply_settings",
    "comment_start",
    "parse_suppressions",
]
