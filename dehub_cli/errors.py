"""The typed errors of the library. The CLI turns each into ``error:``/``hint:`` and an exit code."""

from __future__ import annotations

from collections.abc import Sequence


class DehubError(Exception):
    """Root of every error dehub raises on purpose; ``hint`` says what to do instead."""

    exit_code: int = 2
    """The CLI's exit code: 2 for a usage or environment problem, 1 for a problem in the data."""

    def __init__(
        self, message: str, hint: str | None = None, *, details: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = list(details)
        """One line each: the problems behind ``message``, when there are several."""


class UnknownChoiceError(DehubError):
    """A value that is none of the allowed choices (a format, kind, role, language ...)."""

    def __init__(self, what: str, value: str, choices: Sequence[str]) -> None:
        from dehub_cli.textnorm import choices_hint, quoted

        super().__init__(f"unknown {what} {quoted(value)}", choices_hint(value, choices))
        self.what = what
        self.value = value
        self.choices = list(choices)


class QueryError(DehubError):
    """A query the registry cannot answer as asked (exit 2)."""


class UnknownSortKey(QueryError):
    """``--sort`` names no column."""


class UnknownRecord(QueryError):
    """``show`` was given text that names no hub or organisation."""
