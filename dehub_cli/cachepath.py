"""Where a registry's cache file is: cheap to ask, so the ``dehub`` script can ask first.

``$DEHUB_CACHE_DIR``, else ``$XDG_CACHE_HOME/dehub``, else ``~/.cache/dehub``; never inside
the registry. One file per registry directory, named by a hash of its real path.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PREFIX = "registry-"
SUFFIX = ".msgpack"


def cache_dir() -> Path:
    """Where cache files live; never inside the registry."""
    explicit = os.environ.get("DEHUB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dehub"


def cache_file(root: Path) -> Path:
    """The cache file of the registry at ``root`` (one per registry directory)."""
    digest = hashlib.sha256(os.path.realpath(root).encode()).hexdigest()[:20]
    return cache_dir() / f"{PREFIX}{digest}{SUFFIX}"


def cache_size(root: Path) -> int:
    """The size of the registry's cache file in bytes (0 without one): how big the registry was."""
    try:
        return os.lstat(cache_file(root)).st_size
    except OSError:
        return 0
