"""Editing the registry: safe writes, round-trip YAML, the canonical form, new records, imports.

The core of ``dehub add``, ``end``, ``import`` and ``fmt``. Nothing here prints or exits;
problems are raised as :class:`EditError` (or returned as data) for the CLI to report.
"""

from __future__ import annotations

from dehub_cli.errors import DehubError


class EditError(DehubError):
    """An edit that cannot be made (exit 1); ``hint`` says what to do instead."""

    exit_code = 1


__all__ = ["EditError"]
