"""Renderings of validation diagnostics: text lines, one fixed JSON shape, GitHub annotations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dehub_cli.diagnostics import CodeStatistics, Diagnostic, Severity, Summary, ValidationResult
from dehub_cli.render import Annotation, RenderOptions
from dehub_cli.render.safe import github_data, github_property, terminal_text
from dehub_cli.textnorm import plural

_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def diagnostic_line(diagnostic: Diagnostic, *, color: bool = False) -> str:
    """``path:line:col: error: message; hint [code]``: always one line.

    Control characters in the path, message or hint (a line break in a quoted name, an
    ESC sequence) are shown escaped, so no value can forge a line of its own.
    """
    severity = str(diagnostic.severity)
    if color:
        tint = _RED if diagnostic.severity is Severity.ERROR else _YELLOW
        severity = f"{tint}{_BOLD}{severity}{_RESET}"
    message = diagnostic.message
    if diagnostic.hint:
        message = f"{message}; {diagnostic.hint}"
    file = terminal_text(diagnostic.file)
    return (
        f"{file}:{diagnostic.line}:{diagnostic.column}: {severity}: "
        f"{terminal_text(message)} [{diagnostic.code}]"
    )


def render_text(result: ValidationResult, options: RenderOptions) -> str:
    """The ``text`` format: one ``file:line:col: severity: message [code]`` line each."""
    return to_text(result.diagnostics, color=options.color)


def render_github(result: Any, options: RenderOptions) -> str:
    """The ``github`` format: ``result.annotations()`` as workflow commands."""
    return to_github(result.annotations())


def to_text(diagnostics: Sequence[Diagnostic], *, color: bool = False) -> str:
    return "".join(diagnostic_line(diagnostic, color=color) + "\n" for diagnostic in diagnostics)


def statistics_text(statistics: CodeStatistics) -> str:
    """``validate --statistics`` as text: ``count  code  severity  summary`` lines."""
    counts = statistics.counts
    if not counts:
        return ""
    width = max(len(f"{entry.count:,}") for entry in counts)
    return "".join(
        f"{entry.count:>{width},}  {entry.code}  {entry.severity:<7}  {entry.code.info.summary}\n"
        for entry in counts
    )


def summary_line(summary: Summary, *, strict: bool = False) -> str:
    """One line for stderr: what was checked and what was found."""
    files = plural(summary.files, "file")
    errors = plural(summary.errors, "error")
    warnings = plural(summary.warnings, "warning")
    if summary.errors or (strict and summary.warnings):
        return f"FAILED: {errors}, {warnings} in {files}"
    if summary.warnings:
        return f"OK: {files} valid, {warnings}"
    return f"OK: {files} valid"


def annotations_of(diagnostics: Sequence[Diagnostic]) -> list[Annotation]:
    """Each diagnostic as an annotation on its line, titled with its code."""
    return [
        Annotation(
            "error" if diagnostic.severity is Severity.ERROR else "warning",
            diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else ""),
            diagnostic.file,
            diagnostic.line,
            diagnostic.column,
            str(diagnostic.code),
        )
        for diagnostic in diagnostics
    ]


def to_github(annotations: Sequence[Annotation]) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``.

    One command a line: values are escaped by the runner's rules (``%``, CR, LF; also
    ``:`` and ``,`` in properties) after every control character is made visible.
    """
    lines = []
    for note in annotations:
        properties = []
        if note.file is not None:
            properties.append(f"file={github_property(note.file)}")
        if note.line:
            properties.append(f"line={note.line}")
        if note.column:
            properties.append(f"col={note.column}")
        if note.title:
            properties.append(f"title={github_property(note.title)}")
        where = f" {','.join(properties)}" if properties else ""
        lines.append(f"::{note.level}{where}::{github_data(note.message)}\n")
    return "".join(lines)
