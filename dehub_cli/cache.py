"""A per-file cache of checked records that holds only data and never serves a stale answer.

What it stores: for each registry file, its stamp (size, modification time, change time,
inode) and what :func:`dehub_cli.checking.check_file` found in it, as MessagePack read by
msgspec into fixed types, a format whose loader cannot run code (unlike pickle). A file
whose stamp differs is checked again, alone; rules across records and anything that
depends on today's date run after the cache on every load. A file changed within a few
seconds of the cache being written is also compared by content, so a same-size edit
within one clock tick cannot hide.

Where: ``$DEHUB_CACHE_DIR``, else ``$XDG_CACHE_HOME/dehub``, else ``~/.cache/dehub``; never
inside the registry. A cache directory or file that is not the user's own, or that others
may write to, is ignored (and not written), since whoever can write it decides what the
next ``dehub validate`` says. A damaged file is ignored and rebuilt. Files unused for 30
days, or beyond the 20 most recently used registries, are pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from dehub_cli import __version__
from dehub_cli.checking import FileCheck, Located
from dehub_cli.dates import PartialDate
from dehub_cli.discovery import Stamp

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dehub_cli.render import Section, Table

FORMAT = 2
PREFIX = "registry-"
SUFFIX = ".msgpack"
RACY_SECONDS = 3.0
"""Files changed this close to the cache's writing are also compared by content."""
KEEP_REGISTRIES = 20
MAX_AGE_DAYS = 30


class CachedFile(msgspec.Struct, array_like=True, gc=False):
    """One file's stamp, its content hash when it was racy, and its check."""

    stamp: Stamp
    digest: str | None
    check: FileCheck


class Derived(msgspec.Struct, gc=False):
    """What the rules over the whole registry found, true while no file changes.

    DH309 depends on today's date, so only its inputs are kept (``operators``).
    """

    findings: list[tuple[str, Located]]
    """``(file name, diagnostic)`` of the stable rules."""
    operators: dict[str, list[tuple[PartialDate | None, PartialDate | None]]]
    hub_files: dict[str, str]
    left_out: list[str]
    """Files whose id another file already has."""


class CacheDocument(msgspec.Struct, gc=False):
    """Everything cached for one registry."""

    format: int
    code: str
    """dehub's version and code: other code, other answers."""
    root: str
    files: dict[str, CachedFile]
    derived: Derived | None = None


_DECODER = msgspec.msgpack.Decoder(CacheDocument)
_ENCODER = msgspec.msgpack.Encoder()


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


def trusted(path: Path) -> bool:
    """Whether ``path`` is the user's own and no one else may write it (links refused)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def code_fingerprint() -> str:
    """dehub's version, Python's, and the modification times of dehub's modules."""
    package = Path(__file__).parent
    parts = [__version__, sys.version, str(FORMAT)]
    for directory, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".py"):
                parts.append(f"{name}:{os.stat(os.path.join(directory, name)).st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def content_hash(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    except OSError:
        return ""


EMPTY = CacheDocument(FORMAT, "", "", {})


def read_cache(root: Path, code: str) -> CacheDocument:
    """The cache of the registry at ``root``; empty when absent, damaged or untrusted.

    Never raises and never runs code: the file is MessagePack decoded into fixed types.
    """
    path = cache_file(root)
    if not trusted(path.parent) or not trusted(path):
        return EMPTY
    try:
        with open(path, "rb") as stream:
            document = _DECODER.decode(stream.read())
    except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError):
        return EMPTY
    if (
        document.format != FORMAT
        or document.code != code
        or document.root != os.path.realpath(root)
    ):
        return EMPTY
    return document


def usable(cached: CachedFile | None, stamp: Stamp | None, path: str) -> bool:
    """Whether a cached check still describes the file on disk."""
    if cached is None or stamp is None or tuple(cached.stamp) != stamp:
        return False
    return cached.digest is None or cached.digest == content_hash(path)


def racy_digest(stamp: Stamp, path: str, now_ns: int) -> str | None:
    """The content hash of a file changed just before ``now_ns`` (else ``None``)."""
    limit = now_ns - int(RACY_SECONDS * 1e9)
    if stamp[1] >= limit or stamp[2] >= limit:
        return content_hash(path)
    return None


def write_cache(
    root: Path, code: str, files: dict[str, CachedFile], derived: Derived | None = None
) -> None:
    """Store the checks atomically, readable by the user only; skipped silently if it cannot be."""
    path = cache_file(root)
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(directory):
            return
        document = CacheDocument(FORMAT, code, os.path.realpath(root), files, derived)
        descriptor, temporary = tempfile.mkstemp(prefix=".registry-", dir=directory)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(_ENCODER.encode(document))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        prune(directory, keep=path)
    except OSError:
        pass


def prune(directory: Path, *, keep: Path | None = None) -> list[Path]:
    """Remove cache files unused for 30 days or beyond the 20 most recently used."""
    try:
        found = [
            (entry.stat().st_mtime, Path(entry.path))
            for entry in os.scandir(directory)
            if entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX)
        ]
    except OSError:
        return []
    found.sort(reverse=True)
    oldest = time.time() - MAX_AGE_DAYS * 86400
    return _unlink(
        path
        for index, (mtime, path) in enumerate(found)
        if path != keep and (index >= KEEP_REGISTRIES or mtime < oldest)
    )


def _unlink(paths: Iterable[Path]) -> list[Path]:
    """Remove each file that can be removed; returns those removed."""
    removed = []
    for path in paths:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def touch(root: Path) -> None:
    """Mark the registry's cache file as used (pruning goes by last use)."""
    with contextlib.suppress(OSError):
        os.utime(cache_file(root))


@dataclass(frozen=True)
class CacheInfo:
    """Where the cache is, what is in it, and whether dehub trusts it."""

    directory: Path
    files: list[tuple[Path, int]]
    """``(file, bytes)`` of each registry's cache file."""
    trusted: bool

    @property
    def size(self) -> int:
        return sum(size for _, size in self.files)

    def tables(self) -> list[Section | Table]:
        """The facts, then one row per cache file (for ``dehub cache info``)."""
        from dehub_cli.render import Column, Section, Table
        from dehub_cli.textnorm import plural

        facts = [
            ("directory", str(self.directory)),
            ("files", plural(len(self.files), "file")),
            ("size", f"{self.size:,} bytes"),
        ]
        if not self.trusted:
            facts.append(("trusted", "no: others may write it, so dehub does not use it"))
        rows = [{"path": path.name, "bytes": size} for path, size in self.files]
        columns = [Column("path", "File"), Column("bytes", "Bytes", numeric=True)]
        return [Section("Cache", facts), Table(columns, rows)]

    def to_data(self) -> dict[str, object]:
        return {
            "directory": str(self.directory),
            "trusted": self.trusted,
            "files": [{"path": str(path), "bytes": size} for path, size in self.files],
            "bytes": self.size,
        }


def cache_info() -> CacheInfo:
    """What ``dehub cache info`` shows."""
    directory = cache_dir()
    files = []
    try:
        for entry in sorted(os.scandir(directory), key=lambda entry: entry.name):
            if entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX):
                files.append((Path(entry.path), entry.stat().st_size))
    except OSError:
        pass
    return CacheInfo(directory, files, trusted(directory) if directory.exists() else True)


def clear_cache() -> list[Path]:
    """Remove every cache file dehub wrote (``dehub cache clear``); returns them."""
    return _unlink(path for path, _ in cache_info().files)
