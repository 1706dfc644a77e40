"""Editing the registry: safe writes, round-trip YAML, the canonical form, new records, imports.

The core of ``dehub add``, ``end``, ``import`` and ``fmt``. Nothing here prints or exits;
problems are raised as :class:`EditError` (or returned as data) for the CLI to report.
"""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be made; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


__all__ = ["EditError"]
