"""Diagnostics: every problem found in the registry, as data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dehub_cli.render import Annotation, Table

from dehub_cli.codes import Code, Severity

__all__ = [
    "CodeCount",
    "CodeStatistics",
    "Diagnostic",
    "Finding",
    "Severity",
    "Summary",
    "ValidationResult",
]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one file."""

    code: Code
    """Stable machine code, e.g. ``DH201``; see :class:`~dehub_cli.codes.Code`."""
    severity: Severity
    file: str
    """Path as shown to the user (relative to the working directory where possible)."""
    line: int
    """1-based line; 0 when the problem concerns the file as a whole."""
    column: int
    """1-based column; 0 when unknown."""
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": str(self.code),
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a list of diagnostics."""

    files: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic], files: int) -> Summary:
        errors = warnings = 0
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
        return cls(files=files, errors=errors, warnings=warnings)


@dataclass(frozen=True, slots=True)
class CodeCount:
    """How many findings of one code, at one severity."""

    code: Code
    severity: Severity
    count: int

    def as_dict(self) -> dict[str, object]:
        return {
            "code": str(self.code),
            "severity": str(self.severity),
            "count": self.count,
            "summary": self.code.info.summary,
        }


@dataclass(frozen=True)
class CodeStatistics:
    """``validate --statistics``: the findings counted per code, most frequent first."""

    counts: Sequence[CodeCount]

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> CodeStatistics:
        tally: dict[tuple[Code, Severity], int] = {}
        for diagnostic in diagnostics:
            key = (diagnostic.code, diagnostic.severity)
            tally[key] = tally.get(key, 0) + 1
        counts = [CodeCount(code, severity, count) for (code, severity), count in tally.items()]
        counts.sort(key=lambda entry: (-entry.count, entry.code, entry.severity))
        return cls(counts)

    def to_data(self) -> list[dict[str, object]]:
        """``[{code, severity, count, summary}]``, most frequent first."""
        return [entry.as_dict() for entry in self.counts]

    def tables(self) -> list[Table]:
        from dehub_cli.render import Column, Table

        columns = [
            Column("count", "Count", numeric=True),
            Column("code", "Code", kind="id"),
            Column("severity", "Severity", kind="id"),
            Column("summary", "Summary"),
        ]
        return [Table(columns, self.to_data(), caption=None)]


Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic not yet located: it names a path inside a file instead of a line.

    The loader turns findings into :class:`Diagnostic` by parsing only the files that
    have findings a second time, with positions; valid files never pay for positions.
    """

    code: Code
    severity: Severity
    file: str
    path: Path
    message: str
    hint: str | None = None
    at_key: bool = False
    """Point at the key of ``path`` (``sectros:``) rather than at its value."""


@dataclass(frozen=True)
class ValidationResult:
    """What ``dehub validate`` found: every diagnostic, the counts, and the verdict."""

    diagnostics: Sequence[Diagnostic]
    summary: Summary
    strict: bool = False

    @property
    def ok(self) -> bool:
        """No errors (and, with ``strict``, no warnings)."""
        return self.summary.errors == 0 and not (self.strict and self.summary.warnings)

    def annotations(self) -> list[Annotation]:
        """Each diagnostic on its line (for GitHub)."""
        from dehub_cli.render.diagnostics import annotations_of

        return annotations_of(self.diagnostics)

    def tables(self) -> list[Table]:
        """One row per diagnostic (for csv and markdown)."""
        from dehub_cli.render import Column, Table

        columns = [
            Column("file", "File", kind="id"),
            Column("line", "Line", numeric=True),
            Column("column", "Column", numeric=True, drop=2),
            Column("severity", "Severity", kind="id"),
            Column("code", "Code", kind="id"),
            Column("message", "Message"),
            Column("hint", "Hint", drop=1),
        ]
        rows = [diagnostic.as_dict() for diagnostic in self.diagnostics]
        return [Table(columns, rows, caption=None)]

    def to_data(self) -> dict[str, Any]:
        """``{"diagnostics": [...], "summary": {...}}`` with fixed keys."""
        return {
            "diagnostics": [diagnostic.as_dict() for diagnostic in self.diagnostics],
            "summary": {
                "files": self.summary.files,
                "errors": self.summary.errors,
                "warnings": self.summary.warnings,
                "ok": self.ok,
            },
        }
