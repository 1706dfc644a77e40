"""A per-file cache of checked records that holds only data and never serves a stale answer.

What it stores: for each registry file, its stamp (size, modification time, change time,
inode) and what :func:`dehub_cli.checking.check_file` found in it, as MessagePack read by
msgspec into fixed types, a format whose loader cannot run code (unlike pickle). A file
whose stamp differs is checked again, alone; rules across records and anything that
depends on today's date run after the cache on every load. A file changed within a few
seconds of the cache being written is also compared by content, so a same-size edit
within one clock tick cannot hide.

The file is laid out for a warm load, which reads only what its answer needs: a header
(stamps in columns, what the rules found, which files have something to report), then
each file's check on its own (found by offset, decoded only when asked for), then the
organisations as queries read them (ids and compact entries, decoded in one call).

Where: ``$DEHUB_CACHE_DIR``, else ``$XDG_CACHE_HOME/dehub``, else ``~/.cache/dehub``; never
inside the registry. A cache directory or file that is not the user's own, or that others
may write to, is ignored (and not written), since whoever can write it decides what the
next ``dehub validate`` says. A damaged file is ignored and rebuilt. Files unused for 30
days, or beyond the 20 most recently used registries, are pruned.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
import stat
import sys
import tempfile
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from dehub_cli import __version__
from dehub_cli.cachepath import PREFIX, SUFFIX, cache_dir, cache_file
from dehub_cli.dates import PartialDate
from dehub_cli.discovery import Scan, Stamp, StampsDamaged, unpack_stamps
from dehub_cli.entries import OrgEntry
from dehub_cli.filecheck import FileCheck, Located

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dehub_cli.render import Section, Table

FORMAT = 5
RACY_SECONDS = 3.0
"""Files changed this close to the cache's writing are also compared by content."""
KEEP_REGISTRIES = 20
MAX_AGE_DAYS = 30
_LENGTH_BYTES = 4
"""The header's length, big-endian, opens the file."""
_SEARCHES = 16
"""Look-ups of a file's place answered by searching before a table is made."""


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


class OrgIndex(msgspec.Struct, array_like=True, dict=True):
    """The organisations of the registry as queries read them, in file order."""

    ids: list[str]
    slots: list[int]
    """Where each organisation's file is in the scan (its full record is in its check)."""
    entries: list[OrgEntry]
    keys_data: msgspec.Raw = msgspec.Raw(b"\x90")
    """:attr:`keys` as MessagePack: only an edit needs them, so queries never decode them
    (0.02 s at 100,000 organisations)."""

    @classmethod
    def of(
        cls,
        ids: list[str],
        slots: list[int],
        entries: list[OrgEntry],
        keys: list[tuple[str, ...]],
    ) -> OrgIndex:
        index = cls(ids, slots, entries, msgspec.Raw(_ENCODER.encode(keys)))
        index.__dict__["keys"] = keys
        return index

    @functools.cached_property
    def keys(self) -> list[tuple[str, ...]]:
        """Each organisation's name keys (DH308), so that an edit re-runs the rules across
        records without decoding every check. Raises :class:`CacheDamaged`."""
        try:
            return _KEYS.decode(self.keys_data)
        except (msgspec.DecodeError, msgspec.ValidationError) as error:
            raise CacheDamaged(str(error)) from None


class Header(msgspec.Struct, dict=True):
    """The cache file's first part: enough to tell whether anything changed, and what to report."""

    format: int
    code: str
    """dehub's version and code: other code, other answers."""
    root: str
    names: list[str] = []
    """Every file as scanned (:class:`~dehub_cli.discovery.Scan`), in its order."""
    stamps_data: bytes = msgspec.field(name="stamps", default=b"")
    """Each file's stamp packed as the scan sent it (:func:`~dehub_cli.discovery.pack_stamps`):
    compared as bytes, unpacked (:attr:`stamps`) only when a load needs them."""
    problems: dict[str, str] = {}
    digests: dict[str, str] = {}
    """Content hash of each file changed just before the cache was written."""
    offsets: list[int] = []
    """The check of ``names[i]`` is the body's bytes ``offsets[i]:offsets[i + 1]``."""
    reported: list[int] = []
    """Files with something to report (diagnostics, findings, suppressions), by index."""
    derived: Derived | None = None

    @functools.cached_property
    def stamps(self) -> list[Stamp | None]:
        """Each file's stamp; raises :class:`CacheDamaged` when they cannot be read."""
        try:
            return unpack_stamps(self.stamps_data, len(self.names))
        except StampsDamaged as error:
            raise CacheDamaged(str(error)) from None

    def same_files(self, scan: Scan) -> bool:
        """Whether ``scan`` saw exactly the files, stamps and problems this cache describes."""
        return (
            self.names == scan.names
            and self.stamps_data == scan.stamps_data
            and self.problems == scan.problems
        )


_HEADER = msgspec.msgpack.Decoder(Header)
_CHECK = msgspec.msgpack.Decoder(FileCheck)
_CHECKS = msgspec.msgpack.Decoder(list[FileCheck])
_ORG_INDEX = msgspec.msgpack.Decoder(OrgIndex)
_KEYS = msgspec.msgpack.Decoder(list[tuple[str, ...]])
_ENCODER = msgspec.msgpack.Encoder()


class CacheDamaged(Exception):
    """A part of the cache file that is read late could not be decoded."""


class Cache:
    """A registry's cache file, open: the header, and checks and organisations read on demand.

    The file stays open (and closes with this object), so a file replaced by another
    dehub meanwhile is not mixed in: what is read later comes from the file whose header
    was read. A warm ``validate`` reads the header and a few checks of a file of 90 MB.
    """

    def __init__(self, header: Header, fd: int | None = None, body_at: int = 0) -> None:
        self.header = header
        self._fd = fd
        self._body_at = body_at
        self._checks: memoryview | None = None
        self._index: dict[str, int] | None = None
        self._searches = 0
        if fd is not None:
            weakref.finalize(self, os.close, fd)

    def index_of(self, name: str) -> int | None:
        """Where the file ``name`` is in the header's columns.

        The first few look-ups search the list (a millisecond at 100,000 files); a table
        of every name (20 ms to make) is made only for more."""
        if self._index is None:
            self._searches += 1
            if self._searches <= _SEARCHES:
                try:
                    return self.header.names.index(name)
                except ValueError:
                    return None
            self._index = {name: index for index, name in enumerate(self.header.names)}
        return self._index.get(name)

    def _read(self, start: int, length: int) -> bytes:
        if self._fd is None:
            raise CacheDamaged("nothing is cached")
        data = _pread(self._fd, length, self._body_at + start)
        if len(data) != length:
            raise CacheDamaged("the cache file is shorter than its header says")
        return data

    def read_checks(self) -> None:
        """Read every check at once (when most of them are wanted)."""
        if self._checks is None and self.header.offsets:
            self._checks = memoryview(self._read(0, self.header.offsets[-1]))

    def copy_run(self, start: int, end: int, out: int) -> None:
        """Append the stored checks of files ``start`` to ``end - 1`` to the file open as
        ``out``: copied by the kernel where it can (``copy_file_range``), else read and
        written. Raises :class:`CacheDamaged` when this cache file is shorter."""
        if self._fd is None:
            raise CacheDamaged("nothing is cached")
        offsets = self.header.offsets
        offset, remaining = self._body_at + offsets[start], offsets[end] - offsets[start]
        copy = getattr(os, "copy_file_range", None)
        while remaining > 0 and copy is not None:
            try:
                copied = copy(self._fd, out, remaining, offset)
            except OSError:  # another file system, an old kernel: copy it here
                break
            if copied == 0:
                raise CacheDamaged("the cache file is shorter than its header says")
            offset, remaining = offset + copied, remaining - copied
        while remaining > 0:
            data = _pread(self._fd, min(remaining, 1 << 24), offset)
            if not data:
                raise CacheDamaged("the cache file is shorter than its header says")
            _write_all(out, data)
            offset, remaining = offset + len(data), remaining - len(data)

    def piece(self, index: int) -> bytes | memoryview:
        """The check of file ``index`` as stored (MessagePack)."""
        offsets = self.header.offsets
        start, end = offsets[index], offsets[index + 1]
        if self._checks is not None:
            return self._checks[start:end]
        return self._read(start, end - start)

    def all_checks(self) -> list[FileCheck]:
        """Every check in file order, decoded in one call: when most of them are wanted,
        a tenth of the time of asking for each. Raises :class:`CacheDamaged`."""
        count = len(self.header.names)
        if not count:
            return []
        self.read_checks()
        assert self._checks is not None
        # The checks lie one after another: behind an array's header they are one array.
        stored = b"\xdd" + count.to_bytes(4, "big") + self._checks
        try:
            return _CHECKS.decode(stored)
        except (msgspec.DecodeError, msgspec.ValidationError) as error:
            raise CacheDamaged(str(error)) from None

    def check(self, index: int) -> FileCheck:
        """The check of file ``index``; raises :class:`CacheDamaged` when it cannot be read."""
        try:
            return _CHECK.decode(self.piece(index))
        except (msgspec.DecodeError, msgspec.ValidationError, OSError) as error:
            raise CacheDamaged(str(error)) from None

    def org_bytes(self) -> bytes:
        """The organisations as stored (MessagePack)."""
        if self._fd is None or not self.header.offsets:
            raise CacheDamaged("nothing is cached")
        start = self.header.offsets[-1]
        try:
            size = os.fstat(self._fd).st_size
        except OSError as error:
            raise CacheDamaged(str(error)) from None
        return self._read(start, size - self._body_at - start)

    def org_index(self) -> OrgIndex:
        """The organisations; raises :class:`CacheDamaged` when they cannot be read."""
        try:
            return _ORG_INDEX.decode(self.org_bytes())
        except (msgspec.DecodeError, msgspec.ValidationError, OSError) as error:
            raise CacheDamaged(str(error)) from None


def _pread(fd: int, length: int, offset: int) -> bytes:
    """``length`` bytes at ``offset`` (fewer at the end of the file)."""
    parts = []
    while length > 0:
        part = _read_at(fd, length, offset)
        if not part:
            break
        parts.append(part)
        length -= len(part)
        offset += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _seek_and_read(fd: int, length: int, offset: int) -> bytes:
    """``os.pread`` where there is none (Windows): the file is read by one thread only."""
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, length)


_read_at = getattr(os, "pread", _seek_and_read)


EMPTY = Cache(Header(FORMAT, "", ""))


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


def read_cache(root: Path, code: str) -> Cache:
    """The cache of the registry at ``root``; empty when absent, damaged or untrusted.

    Never raises and never runs code: the file is MessagePack decoded into fixed types.
    Only the header is read here; checks and organisations when asked for.
    """
    path = cache_file(root)
    if not trusted(path.parent) or not trusted(path):
        return EMPTY
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return EMPTY
    try:
        length = int.from_bytes(_pread(fd, _LENGTH_BYTES, 0), "big")
        header = _HEADER.decode(_pread(fd, length, _LENGTH_BYTES))
        body = os.fstat(fd).st_size - _LENGTH_BYTES - length
    except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError):
        os.close(fd)
        return EMPTY
    if (
        header.format != FORMAT
        or header.code != code
        or header.root != os.path.realpath(root)
        or not _consistent(header, body)
    ):
        os.close(fd)
        return EMPTY
    return Cache(header, fd, _LENGTH_BYTES + length)


def _consistent(header: Header, body: int) -> bool:
    """Whether the header's columns agree with each other and with the body's ``body`` bytes."""
    count = len(header.names)
    offsets = header.offsets
    return (
        len(offsets) == count + 1
        and offsets[0] == 0
        and offsets[-1] <= body
        and all(start <= end for start, end in itertools.pairwise(offsets))
        and all(0 <= index < count for index in header.reported)
    )


def usable(cached: CachedFile | None, stamp: Stamp | None, path: str) -> bool:
    """Whether a cached check still describes the file on disk."""
    if cached is None or stamp is None or tuple(cached.stamp) != stamp:
        return False
    return cached.digest is None or cached.digest == content_hash(path)


def is_racy(stamp: Stamp, now_ns: int) -> bool:
    """Whether a file with ``stamp`` changed so shortly before ``now_ns`` that another
    change within the same clock tick would not show in its stamp."""
    limit = now_ns - int(RACY_SECONDS * 1e9)
    return stamp[1] >= limit or stamp[2] >= limit


def racy_digest(stamp: Stamp, path: str, now_ns: int) -> str | None:
    """The content hash of a file changed just before ``now_ns`` (else ``None``)."""
    return content_hash(path) if is_racy(stamp, now_ns) else None


def encode_check(check: FileCheck) -> bytes:
    return _ENCODER.encode(check)


def encode_checks(checks: list[FileCheck]) -> bytes:
    """Checks as one MessagePack array (how a worker sends back the checks of a run)."""
    return _ENCODER.encode(checks)


def decode_checks(data: bytes) -> list[FileCheck]:
    """:func:`encode_checks` undone; raises ``msgspec.DecodeError`` or ``ValidationError``."""
    return _CHECKS.decode(data)


def write_cache(
    root: Path,
    code: str,
    header: Header,
    checks: Sequence[bytes | memoryview],
    orgs: bytes | memoryview,
) -> None:
    """Store the cache atomically, readable by the user only; skipped silently if it cannot be.

    ``header`` gives the files; ``checks`` their checks, encoded, in the same order (the
    offsets are filled in here); ``orgs`` the encoded :class:`OrgIndex`.
    """
    offsets = [0]
    end = 0
    for piece in checks:
        end += len(piece)
        offsets.append(end)
    write_cache_parts(root, code, header, offsets, checks, orgs)


class StoredRun(NamedTuple):
    """Files ``start`` to ``end - 1`` of an open cache's body, to be copied as stored."""

    cache: Cache
    start: int
    end: int


def _write_all(descriptor: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def write_cache_parts(
    root: Path,
    code: str,
    header: Header,
    offsets: list[int],
    body: Sequence[bytes | memoryview | StoredRun],
    orgs: bytes | memoryview,
) -> None:
    """:func:`write_cache` with the checks as ``body``, parts that laid end to end hold
    file ``i``'s check at ``offsets[i]:offsets[i + 1]``: after an edit, the unchanged
    runs of the old file are copied by the kernel (:meth:`Cache.copy_run`)."""
    path = cache_file(root)
    directory = path.parent
    header = msgspec.structs.replace(
        header, format=FORMAT, code=code, root=os.path.realpath(root), offsets=offsets
    )
    try:
        encoded = _ENCODER.encode(header)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(directory):
            return
        descriptor, temporary = tempfile.mkstemp(prefix=".registry-", dir=directory)
        try:
            try:
                _write_all(descriptor, len(encoded).to_bytes(_LENGTH_BYTES, "big") + encoded)
                for part in body:
                    if isinstance(part, StoredRun):
                        part.cache.copy_run(part.start, part.end, descriptor)
                    else:
                        _write_all(descriptor, part)
                _write_all(descriptor, orgs)
            finally:
                os.close(descriptor)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        prune(directory, keep=path)
    except (OSError, ValueError, OverflowError, msgspec.EncodeError):
        pass  # no cache this time (a disk problem, or a file name that is not text)


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


def forget(root: Path) -> None:
    """Remove the registry's cache file (found damaged), so that the next load writes it afresh."""
    _unlink([cache_file(root)])


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
