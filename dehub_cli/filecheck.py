"""What checking one file finds, as stored in the cache: plain msgspec structs.

Apart from :mod:`dehub_cli.checking` (which needs the pydantic models and the YAML
parser), so that a load answered from the cache builds neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from dehub_cli.codes import Code, Severity
from dehub_cli.entries import HubFacts, OrgEntry, OrgFacts
from dehub_cli.suppressions import Suppression

if TYPE_CHECKING:
    from dehub_cli.yamlparse import Path

MAX_FILE_BYTES = 1_000_000
"""Larger files are refused unread (a record is a few KB)."""
SKIPPED = " (the file cannot be read, so its schema and cross-record checks did not run)"


class Located(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A diagnostic of one file, without the file's name (that depends on where one stands)."""

    code: Code
    severity: Severity
    line: int
    column: int
    message: str
    hint: str | None = None


class FileCheck(msgspec.Struct, array_like=True, gc=False):
    """Everything known about one file from its bytes alone."""

    kind: str
    diagnostics: list[Located]
    full: bytes | None = None
    """The validated record's plain values (msgpack); ``None`` when it is not valid."""
    entry: OrgEntry | None = None
    """A valid organisation, compact."""
    org_facts: OrgFacts | None = None
    """What is valid in an invalid organisation, for the rules."""
    hub_facts: HubFacts | None = None
    """What the rules need of a hub, valid or not."""
    suppressions: list[Suppression] = []
    positions: dict[str, tuple[int, int]] = {}
    """Memo of positions found for findings of the rules across records (``v:`` or ``k:`` path)."""
    parsed: bool = True
    """False when nothing of the file could be read (its record checks did not run)."""
    name_keys: tuple[str, ...] = ()
    """An organisation's name keys (:func:`~dehub_cli.identity.name_keys`), for DH308."""
    linked: list[Located] = []
    """Findings of the rules that check this organisation against hubs and sectors."""
    context: str = ""
    """The :meth:`~dehub_cli.rules.RuleView.context_key` that ``linked`` was found with."""

    @property
    def valid(self) -> bool:
        return self.full is not None


def position_key(path: Path, at_key: bool) -> str:
    """The memo key of a position: ``v:memberships.0.hub`` (``k:`` for a key)."""
    return ("k:" if at_key else "v:") + ".".join(str(part) for part in path)


def too_large(size: int) -> Located:
    """DH102 for a file of ``size`` bytes (it is not read)."""
    return Located(
        Code.TOO_LARGE,
        Code.TOO_LARGE.severity,
        0,
        0,
        f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}" + SKIPPED,
        "a record is a few KB: split it or remove what does not belong",
    )
