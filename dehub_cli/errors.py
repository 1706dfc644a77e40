"""The typed errors of the library. The CLI turns each into ``error:``/``hint:`` and an exit code."""

from __future__ import annotations


class DehubError(Exception):
    """Root of every error dehub raises on purpose; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
