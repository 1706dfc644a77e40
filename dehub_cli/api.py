"""Loading a registry: the one entry point the CLI, exports, site and history share."""

from __future__ import annotations

import os
from pathlib import Path

from dehub_cli.loadresult import LoadResult


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
    from dehub_cli.cache import load_cached

    return load_cached(find_registry(root), use_cache=use_cache)
