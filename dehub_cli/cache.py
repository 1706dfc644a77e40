"""A cache of the loaded registry that can never serve a stale answer.

The cache is keyed on every registry file's path, size and modification time (plus
the dehub version, the code's own files and the working directory that display
paths are relative to). Any added, removed or changed file misses it. A file
modified within the last few seconds before the cache was written (when a same-size
edit could keep its mtime) is also checked by content hash. The cache lives outside
``data/`` (``$DEHUB_CACHE_DIR``, else ``$XDG_CACHE_HOME/dehub``, else
``~/.cache/dehub``); a corrupt or foreign cache file is ignored and rebuilt silently.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli import __version__
from dehub_cli.discovery import YAML_SUFFIXES
from dehub_cli.loadresult import LoadResult, gc_paused

if TYPE_CHECKING:
    from dehub_cli.registry import Registry

FORMAT = 1
RACY_SECONDS = 3.0
"""Files modified this close to the cache's creation are also checked by content."""

FileStat = tuple[str, int, int]
"""(path relative to the registry root, size in bytes, mtime in ns)."""


def cache_dir() -> Path:
    """Where cache files live; never inside the registry."""
    explicit = os.environ.get("DEHUB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dehub"


def cache_file(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"registry-{digest}.pickle"


def _scan(directory: str, relative: str, out: list[FileStat]) -> None:
    try:
        entries = os.scandir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    with entries:
        for entry in entries:
            name = entry.name
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                out.append((relative + name, stat.st_size, stat.st_mtime_ns))


def registry_stats(root: Path) -> list[FileStat]:
    """Size and mtime of every file the loader reads, sorted by path."""
    stats: list[FileStat] = []
    base = str(root)
    _scan(base, "", stats)
    stats = [stat for stat in stats if stat[0].rsplit(".", 1)[0] in ("sectors", "initiative")]
    _scan(os.path.join(base, "hubs"), "hubs/", stats)
    _scan(os.path.join(base, "orgs"), "orgs/", stats)
    stats.sort()
    return stats


def _code_fingerprint() -> str:
    """dehub's version and the mtimes of its modules: a code change invalidates the cache."""
    package = Path(__file__).parent
    parts = [__version__, sys.version]
    for directory, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".py"):
                parts.append(f"{name}:{os.stat(os.path.join(directory, name)).st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _content_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class _Header:
    format: int
    code: str
    root: str
    cwd: str
    stats: list[FileStat]
    racy: dict[str, str]
    """Content hashes of files that were modified just before the cache was written."""


def _header_for(root: Path, stats: list[FileStat], *, now_ns: int | None = None) -> _Header:
    now_ns = time.time_ns() if now_ns is None else now_ns
    limit = now_ns - int(RACY_SECONDS * 1e9)
    racy = {name: _content_hash(root / name) for name, _, mtime in stats if mtime >= limit}
    return _Header(FORMAT, _code_fingerprint(), str(root.resolve()), os.getcwd(), stats, racy)


def _header_matches(header: Any, root: Path, stats: list[FileStat]) -> bool:
    if not isinstance(header, _Header) or header.format != FORMAT:
        return False
    if header.root != str(root.resolve()) or header.cwd != os.getcwd():
        return False
    if header.stats != stats or header.code != _code_fingerprint():
        return False
    return all(_content_hash(root / name) == digest for name, digest in header.racy.items())


def read_cache(root: Path, stats: list[FileStat]) -> LoadResult | None:
    """The cached result when every file is as it was, else ``None``; never raises.

    Diagnostics are read at once; the registry is unpickled only when first used.
    """
    path = cache_file(root)
    try:
        with open(path, "rb") as stream, gc_paused():
            header = pickle.load(stream)
            if not _header_matches(header, root, stats):
                return None
            diagnostics, file_count = pickle.load(stream)
            rest = stream.read()
            if not isinstance(diagnostics, list) or not isinstance(file_count, int):
                return None
    except Exception:  # a corrupt, truncated or foreign cache is simply rebuilt
        return None

    def registry() -> Registry:
        from dehub_cli.registry import Registry

        try:
            with gc_paused(freeze=True):
                loaded = pickle.loads(rest)
            if isinstance(loaded, Registry):
                return loaded
        except Exception:
            pass
        return _load_fresh(root).registry  # a corrupt tail: read the files afresh

    return LoadResult(registry, diagnostics, file_count)


def write_cache(root: Path, stats: list[FileStat], result: LoadResult) -> None:
    """Store ``result`` atomically; a cache that cannot be written is skipped silently."""
    path = cache_file(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        header = _header_for(root, stats)
        descriptor, temporary = tempfile.mkstemp(prefix=".registry-", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as stream, gc_paused():
                pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(
                    (result.diagnostics, result.file_count),
                    stream,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
                pickle.dump(result.registry, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        pass


def _load_fresh(root: Path) -> LoadResult:
    from dehub_cli.loader import load_registry
    from dehub_cli.rules import run_rules

    return load_registry(root, rules=run_rules)


def load_cached(root: Path, *, use_cache: bool = True) -> LoadResult:
    """The loaded registry and its diagnostics, from the cache when no file changed."""
    if not use_cache:
        return _load_fresh(root)
    stats = registry_stats(root)
    cached = read_cache(root, stats)
    if cached is not None:
        return cached
    result = _load_fresh(root)
    if registry_stats(root) == stats:  # nothing changed while we were reading
        write_cache(root, stats, result)
    return result
