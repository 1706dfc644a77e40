"""Loading a registry: the one entry point the CLI, exports, site and history share."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dehub_cli.diagnostics import Diagnostic
from dehub_cli.loadresult import LoadResult

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dehub_cli.discovery import Kind


def find_registry(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The registry directory: ``explicit``, else ``$DEHUB_DATA``, else ``data/`` here or above.

    Raises :class:`~dehub_cli.discovery.RegistryNotFoundError` when there is none.
    """
    from dehub_cli.discovery import find_data_dir

    return find_data_dir(Path(explicit) if explicit is not None else None)


def load(root: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> LoadResult:
    """Read, check and link every file of the registry at ``root`` (found as by ``find_registry``).

    Returns the registry of every valid record and every diagnostic, sorted by file and
    line; never raises for bad data. With ``use_cache`` an unchanged registry is read
    from the cache (see ``dehub cache info``).
    """
    from dehub_cli.loader import load_registry

    return load_registry(find_registry(root), use_cache=use_cache)


@dataclass(frozen=True)
class RecordCheck:
    """One file checked on its own: its record (``None`` if invalid) and its diagnostics."""

    record: BaseModel | None
    diagnostics: list[Diagnostic]


def check_record_bytes(kind: Kind, name: str, data: bytes) -> RecordCheck:
    """Parse and validate one file's bytes as a record of ``kind``; rules across files not run.

    ``name`` is the file's path as it should appear in diagnostics (``orgs/bitkom.yaml``);
    for hubs and organisations its stem is the record's id. Used where files do not come
    from a directory, such as a revision in git's object store.
    """
    import msgspec

    from dehub_cli.checking import MODELS, check_file

    check = check_file(kind, name, data)
    diagnostics = [
        Diagnostic(d.code, d.severity, name, d.line, d.column, d.message, d.hint)
        for d in check.diagnostics
    ]
    record = None
    if check.full is not None:
        record = MODELS[kind].model_validate(msgspec.msgpack.decode(check.full))
    return RecordCheck(record, diagnostics)
