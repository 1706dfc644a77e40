"""Finding the registry directory and the files in it."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_IFLNK, S_IFREG
from typing import Literal, NamedTuple

import msgspec

from dehub_cli.errors import DehubError
from dehub_cli.forking import can_fork, stop_child

YAML_SUFFIXES = (".yaml", ".yml")
ENV_VAR = "DEHUB_DATA"


class RegistryNotFoundError(DehubError):
    """No registry directory where dehub looked; ``searched`` lists where."""

    def __init__(self, searched: list[str]) -> None:
        self.searched = searched
        super().__init__(
            "no dehub registry found; looked in: " + ", ".join(searched),
            "run dehub inside a checkout of the registry, or pass --data DIR or set DEHUB_DATA",
        )


def find_data_dir(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """``--data DIR``, else ``$DEHUB_DATA``, else ``data/`` in the working directory or a parent."""
    if explicit is not None:
        if _is_registry(explicit):
            return explicit
        raise RegistryNotFoundError([f"{explicit} (--data): no hubs/ or orgs/ directory there"])
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        path = Path(from_env)
        if _is_registry(path):
            return path
        raise RegistryNotFoundError([f"{path} (${ENV_VAR}): no hubs/ or orgs/ directory there"])
    start = (cwd or Path.cwd()).resolve()
    searched = []
    for directory in (start, *start.parents):
        candidate = directory / "data"
        searched.append(str(candidate))
        if _is_registry(candidate):
            return candidate
    raise RegistryNotFoundError(searched)


def _is_registry(path: Path) -> bool:
    return (path / "hubs").is_dir() or (path / "orgs").is_dir()


@dataclass(frozen=True, slots=True)
class RegistryFiles:
    """The YAML files of one registry, by role, each sorted by name."""

    root: Path
    hubs: list[Path]
    orgs: list[Path]
    sectors: Path | None
    initiative: Path | None

    def all(self) -> list[Path]:
        extra = [path for path in (self.sectors, self.initiative) if path is not None]
        return [*extra, *self.hubs, *self.orgs]


def _yaml_files(directory: Path) -> list[Path]:
    try:
        entries = os.scandir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return []
    with entries:
        names = sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(YAML_SUFFIXES)
            and not entry.name.startswith(".")
            and entry.is_file()
        )
    return [directory / name for name in names]


def _first_existing(root: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        path = root / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def list_registry_files(root: Path) -> RegistryFiles:
    """Every ``.yaml``/``.yml`` file of the registry; other files are ignored."""
    return RegistryFiles(
        root=root,
        hubs=_yaml_files(root / "hubs"),
        orgs=_yaml_files(root / "orgs"),
        sectors=_first_existing(root, "sectors"),
        initiative=_first_existing(root, "initiative"),
    )


Kind = Literal["hub", "org", "sectors", "initiative"]
Stamp = tuple[int, int, int, int]
"""``(size, mtime_ns, ctime_ns, inode)``: what changes when a file's content can have changed.

A restored modification time (``cp -p``, ``rsync -a``, ``tar x``, ``touch -r``) cannot
fake the change time or a new inode.
"""


class ScannedFile(NamedTuple):
    """One registry file as the scan saw it: never read here."""

    name: str
    """Path relative to the registry root, with ``/``: ``orgs/bitkom.yaml``."""
    kind: Kind
    record_id: str
    """The file name without its extension: a hub's or organisation's id."""
    path: str
    """Where to read it."""
    stamp: Stamp | None
    """``None`` when it cannot be read (see ``problem``)."""
    problem: str | None = None
    """Why the file is not read: a link outside the registry, a link loop, no access."""


_KINDS: dict[str, Kind] = {"hubs": "hub", "orgs": "org"}


def kind_of(name: str) -> Kind:
    """The kind of the file ``name`` (as scanned: ``orgs/x.yaml``, ``sectors.yaml``)."""
    folder, slash, _ = name.partition("/")
    if slash:
        return _KINDS[folder]
    return "sectors" if name.startswith("sectors.") else "initiative"


def record_id_of(name: str) -> str:
    """The record id a file name gives: its stem."""
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


class Scan(msgspec.Struct, dict=True):
    """Every ``.yaml``/``.yml`` file of a registry with its stamp, in columns.

    ``names[i]`` has ``stamps[i]``, or ``None`` with the reason in ``problems``. Columns
    rather than one object per file: a warm load compares them with the cache's whole,
    and makes a :class:`ScannedFile` only for a file it reads. The stamps travel packed
    (``stamps_data``, 32 bytes a file), as the cache's header keeps them: an unchanged
    registry is told by comparing bytes, the files changed since by comparing halves
    (:func:`changed_stamps`), one stamp is read where it lies (:meth:`stamp`), and the
    100,000 tuples are made (0.03 s) only when a load needs all of them.
    """

    base: str
    """The registry directory as given."""
    names: list[str]
    stamps_data: bytes = msgspec.field(name="stamps")
    """``stamps`` packed (:func:`pack_stamps`)."""
    problems: dict[str, str] = {}

    @functools.cached_property
    def stamps(self) -> list[Stamp | None]:
        """Each file's stamp (``None`` when it cannot be read), as ``names``."""
        return unpack_stamps(self.stamps_data, len(self.names))

    def stamp(self, index: int) -> Stamp | None:
        """The stamp of ``names[index]``, unpacked alone."""
        cached = self.__dict__.get("stamps")
        if cached is not None:
            return cached[index]  # type: ignore[no-any-return]
        return stamp_at(self.stamps_data, index, len(self.names))

    def file(self, index: int) -> ScannedFile:
        """The file ``names[index]`` as one object (for reading it)."""
        name = self.names[index]
        return ScannedFile(
            name,
            kind_of(name),
            record_id_of(name),
            os.path.join(self.base, name),
            self.stamp(index),
            self.problems.get(name),
        )

    def files(self, indexes: Iterable[int] | None = None) -> list[ScannedFile]:
        """The files ``indexes`` (every file when None) as objects, in scan order.

        Built in one pass: at 100,000 files a call of :meth:`file` each took 0.2 s.
        """
        names, problems = self.names, self.problems
        stamp = self.stamps.__getitem__ if indexes is None else self.stamp
        prefix = os.path.join(self.base, "")  # names are relative, with "/"
        make = ScannedFile._make
        return [
            make(
                (
                    name,
                    kind_of(name),
                    record_id_of(name),
                    prefix + name,
                    stamp(index),
                    problems.get(name) if problems else None,
                ),
            )
            for index in (range(len(names)) if indexes is None else indexes)
            for name in (names[index],)
        ]


_PACKED = struct.Struct("<QQQQ")
STAMP_BYTES = _PACKED.size
_U64 = (1 << 64) - 1
_NO_STAMP = (_U64, _U64, _U64, _U64)
"""Packed in place of ``None``: no file has that size."""
_NO_STAMP_PACKED = _PACKED.pack(*_NO_STAMP)
_UNSTAMPED_PACKED = bytes(STAMP_BYTES)


UNSTAMPED: Stamp = (0, 0, 0, 0)
"""The stamp of a regular file listed without a ``stat`` (a load that keeps no cache
needs no stamps: see :func:`scan_registry`). A real stamp has a change time."""


def is_unstamped(stamp: Stamp | None) -> bool:
    """Whether ``stamp`` is :data:`UNSTAMPED` (the file's size is not known)."""
    return stamp == UNSTAMPED


class StampsDamaged(ValueError):
    """Packed stamps that are not one stamp for each file."""


def stamp_of(stat: os.stat_result) -> Stamp:
    """The stamp of a file from its ``stat``: the times as unsigned 64-bit numbers (a time
    before 1970 is negative), so that every stamp packs into 32 bytes."""
    return (stat.st_size, stat.st_mtime_ns & _U64, stat.st_ctime_ns & _U64, stat.st_ino)


def pack_stamp(stamp: Stamp | None) -> bytes:
    """``stamp`` as 32 bytes (``None`` as :data:`_NO_STAMP`)."""
    return _NO_STAMP_PACKED if stamp is None else _PACKED.pack(*stamp)


def pack_stamps(stamps: Sequence[Stamp | None]) -> bytes:
    """``stamps`` as 32 bytes each, one after another."""
    return b"".join(map(pack_stamp, stamps))


def unpack_stamps(data: bytes, count: int) -> list[Stamp | None]:
    """The ``count`` stamps packed as ``data``; raises :class:`StampsDamaged`."""
    if len(data) != count * STAMP_BYTES:
        raise StampsDamaged(f"{len(data)} bytes of stamps for {count} files")
    return [None if stamp == _NO_STAMP else stamp for stamp in _PACKED.iter_unpack(data)]


def stamp_at(data: bytes, index: int, count: int) -> Stamp | None:
    """Stamp ``index`` of the ``count`` packed as ``data``; raises :class:`StampsDamaged`."""
    if len(data) != count * STAMP_BYTES:
        raise StampsDamaged(f"{len(data)} bytes of stamps for {count} files")
    stamp: Stamp = _PACKED.unpack_from(data, index * STAMP_BYTES)
    return None if stamp == _NO_STAMP else stamp


def changed_stamps(old: bytes, new: bytes, limit: int) -> list[int] | None:
    """The indexes whose packed stamps differ between ``old`` and ``new`` (of as many
    files), found by comparing halves: a few changed files among 100,000 cost some
    fifty comparisons of bytes. ``None`` when the two differ in length or in more
    than ``limit`` stamps."""
    if len(old) != len(new) or len(old) % STAMP_BYTES:
        return None
    found: list[int] = []
    pending = [(0, len(old) // STAMP_BYTES)]
    while pending:
        start, end = pending.pop()
        if (
            old[start * STAMP_BYTES : end * STAMP_BYTES]
            == new[start * STAMP_BYTES : end * STAMP_BYTES]
        ):
            continue
        if end - start == 1:
            found.append(start)
            if len(found) > limit:
                return None
            continue
        middle = (start + end) // 2
        pending += [(middle, end), (start, middle)]
    return sorted(found)


def _stat_behind_link(path: str, root_real: str) -> Stamp | str:
    """Stat a file behind a link, followed only when it stays inside the registry.

    Returns the stamp, or why the file is not read.
    """
    target = os.path.realpath(path)
    if os.path.commonpath([root_real, target]) != root_real:
        return "symbolic link to a file outside the registry"
    try:
        stat = os.stat(path)
    except OSError as error:
        return (
            "symbolic link loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
        )
    if not os.path.isfile(path):
        return "not a regular file"
    return stamp_of(stat)


class _Collector:
    """The columns of a :class:`Scan` while it is made; the stamps packed as they come."""

    def __init__(self, base: str, *, stamped: bool = True) -> None:
        self.base = base
        self.stamped = stamped
        self.names: list[str] = []
        self.packed: list[bytes] = []
        self.problems: dict[str, str] = {}
        self._root_real: str | None = None

    def add(self, name: str, found: Stamp | bytes | str) -> None:
        """``name`` with its stamp (as a tuple or packed), or why it is not read."""
        self.names.append(name)
        if isinstance(found, str):
            self.packed.append(pack_stamp(None))
            self.problems[name] = found
        else:
            self.packed.append(found if isinstance(found, bytes) else pack_stamp(found))

    def add_link(self, name: str) -> None:
        if self._root_real is None:
            self._root_real = os.path.realpath(self.base)
        self.add(name, _stat_behind_link(os.path.join(self.base, name), self._root_real))

    def scan(self) -> Scan:
        return Scan(self.base, self.names, b"".join(self.packed), self.problems)


def scan_registry(root: Path, *, stamped: bool = True) -> Scan:
    """Every ``.yaml``/``.yml`` file of the registry, vocabulary first, then by name.

    The one listing that loading and the cache share: what one sees, the other sees.
    Hidden files and other extensions are ignored; a link leading outside the registry
    or in a loop is listed with its problem and never read. One ``stat`` per file and
    as little Python around it as can be: at 100,000 files this is most of a warm load.
    Without ``stamped`` (a load that keeps no cache), the folders' records are listed
    with :data:`UNSTAMPED`, their type told by the directory listing itself: a quarter
    of the time. Links are still followed and checked.
    """
    found = _Collector(str(root), stamped=stamped)
    for stem in ("sectors", "initiative"):
        for suffix in YAML_SUFFIXES:
            name = stem + suffix
            path = os.path.join(found.base, name)
            if os.path.lexists(path):
                if os.path.islink(path):
                    found.add_link(name)
                else:
                    try:
                        found.add(name, stamp_of(os.stat(path)))
                    except OSError as error:
                        found.add(name, error.strerror or str(error))
                break
    for folder in ("hubs", "orgs"):
        _scan_folder(found, folder)
    return found.scan()


_FILE_TYPE = 0o170000
"""The bits of ``st_mode`` that give the file's type (``stat.S_IFMT``)."""


class _Listing(NamedTuple):
    """One folder's record files by name, and their stamps packed in that order (the
    links' and the problem files' left out)."""

    kept: list[str]
    stamps: list[bytes]
    links: set[str]
    problems: dict[str, str]


def _scan_folder(found: _Collector, folder: str) -> None:
    """One folder's record files, by name: nothing read."""
    directory = os.path.join(found.base, folder)
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        listing = (_stat_folder if found.stamped else _list_folder)(descriptor, directory)
    except OSError:
        return
    finally:
        os.close(descriptor)
    kept, stamps, links, problems = listing
    prefix = folder + "/"
    if not problems and not links:  # the common case, in bulk
        found.names += [prefix + name for name in kept]
        found.packed.append(b"".join(stamps))
        return
    regular = iter(stamps)
    for name in kept:
        if name in links:
            found.add_link(prefix + name)
        elif name in problems:
            found.add(prefix + name, problems[name])
        else:
            found.add(prefix + name, next(regular))


def _record_names(names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if name[0] != "." and name.endswith(YAML_SUFFIXES))


def _stat_folder(descriptor: int, directory: str) -> _Listing:
    """One ``lstat`` per name, relative to the open folder: no path is joined and no
    ``DirEntry`` made, which halves the time at 100,000 files."""
    listing = _Listing([], [], set(), {})
    kept, stamps, links, problems = listing
    pack = _PACKED.pack
    relative = os.stat in os.supports_dir_fd
    for name in _record_names(
        os.listdir(descriptor if os.listdir in os.supports_fd else directory)
    ):
        try:
            if relative:
                info = os.stat(name, dir_fd=descriptor, follow_symlinks=False)
            else:
                info = os.lstat(os.path.join(directory, name))
        except OSError as error:
            problems[name] = error.strerror or str(error)
            kept.append(name)
            continue
        kind = info.st_mode & _FILE_TYPE
        if kind == S_IFREG:
            stamps.append(  # packed here: the child sends them so, the cache keeps them so
                pack(info.st_size, info.st_mtime_ns & _U64, info.st_ctime_ns & _U64, info.st_ino)
            )
            kept.append(name)
        elif kind == S_IFLNK:
            links.add(name)
            kept.append(name)
    return listing


def _list_folder(descriptor: int, directory: str) -> _Listing:
    """The names with their type as the directory listing gives it (``d_type``; a
    ``stat`` only where the file system leaves it unknown), each regular file
    :data:`UNSTAMPED`."""
    listing = _Listing([], [], set(), {})
    kept, _, links, problems = listing
    with os.scandir(descriptor if os.scandir in os.supports_fd else directory) as entries:
        for entry in entries:
            name = entry.name
            if name[0] == "." or not name.endswith(YAML_SUFFIXES):
                continue
            try:
                if entry.is_file(follow_symlinks=False):
                    kept.append(name)
                elif entry.is_symlink():
                    links.add(name)
                    kept.append(name)
            except OSError as error:
                problems[name] = error.strerror or str(error)
                kept.append(name)
    kept.sort()
    listing.stamps.extend([_UNSTAMPED_PACKED] * (len(kept) - len(links) - len(problems)))
    return listing


SCAN_IN_CHILD_MIN_BYTES = 4_000_000
"""From a cache file this large on (some 5,000 files), a child process makes the scan."""
SCAN_IN_CHILD_MIN_FOLDER_BYTES = 131_072
"""From an ``orgs`` folder this large on, too: the size file systems give a folder grows
with its entries (ext4: some 4,000 files; tmpfs: some 6,500)."""


def scan_in_child(root: Path) -> bool:
    """Whether the registry at ``root`` is large enough for a child's scan: its cache
    says so, or (before there is a cache) the size of its ``orgs`` folder."""
    from dehub_cli.cachepath import cache_size

    if cache_size(root) >= SCAN_IN_CHILD_MIN_BYTES:
        return True
    try:
        return os.stat(os.path.join(root, "orgs")).st_size >= SCAN_IN_CHILD_MIN_FOLDER_BYTES
    except OSError:
        return False


_EARLY: dict[tuple[str, bool], tuple[int, int]] = {}
"""A scan begun by :func:`begin_scan` ((real path of the root, stamped) -> child's pid,
pipe)."""


def begin_scan(root: Path, *, stamped: bool = True) -> bool:
    """Start the scan of ``root`` in a child now, for the next :class:`PendingScan` of it.

    The ``dehub`` script calls this before it imports the command line (a quarter of a
    second), so the scan of a large registry is done by the time the cache is read.
    Returns whether a child was started. ``stamped`` as :func:`scan_registry`'s.
    """
    if _EARLY or not can_fork() or not scan_in_child(root):
        return False
    child = _fork_scan(root, stamped=stamped)
    if child is None:
        return False
    _EARLY[os.path.realpath(root), stamped] = child
    return True


_HANDED_OVER: dict[str, Scan] = {}
"""A scan made for a load whose answer did not hold (real path of the root -> scan)."""


def hand_over(root: Path, scan: Scan) -> None:
    """Keep ``scan`` of ``root`` for the next :class:`PendingScan` of it: a provisional
    answer found the files changed, and the load that follows need not scan again."""
    _HANDED_OVER.clear()
    _HANDED_OVER[os.path.realpath(root)] = scan


def _take_early(root: Path, *, stamped: bool) -> tuple[int, int] | None:
    """The early scan of ``root``, if one was begun (with stamps or without, as
    wanted); any other early scan is stopped (its answer is never used)."""
    if not _EARLY:
        return None
    child = _EARLY.pop((os.path.realpath(root), stamped), None)
    stop_early_scan()
    return child


def stop_early_scan() -> None:
    """Stop and reap a scan begun by :func:`begin_scan` that no load took over (the
    command ended first, e.g. on a usage error)."""
    for pid, read_end in _EARLY.values():
        _stop(pid, read_end)
    _EARLY.clear()


def _stop(pid: int, read_end: int) -> None:
    with contextlib.suppress(OSError):
        os.close(read_end)
    stop_child(pid)


class PendingScan:
    """A scan that :meth:`result` hands over: made here then, or meanwhile in a child process.

    At 100,000 files the ``stat`` calls are most of a warm load, and they hold up no
    other work: a forked child makes them on the second core while this process reads
    the cache, and sends the columns back through a pipe. Whatever goes wrong with the
    child (no fork, a crash, a damaged answer), the scan is made here instead. A child
    begun early by :func:`begin_scan` for the same root is taken over, and so is a scan
    handed over by :func:`hand_over`.
    """

    def __init__(self, root: Path, *, in_child: bool, stamped: bool = True) -> None:
        self.root, self.stamped = root, stamped
        self._made = (
            _HANDED_OVER.pop(os.path.realpath(root), None) if _HANDED_OVER and stamped else None
        )
        self._child: tuple[int, int] | None = _take_early(root, stamped=stamped)
        if self._made is not None:
            in_child = False
        if self._child is not None and not in_child:
            _stop(*self._child)
            self._child = None
        if self._child is None and in_child and can_fork():
            self._child = _fork_scan(root, stamped=stamped)

    @property
    def in_child(self) -> bool:
        """Whether the scan is made in a child process (or was: a scan handed over)."""
        return self._child is not None or self._made is not None

    def busy(self) -> bool:
        """Whether the child is still scanning (its answer is not in the pipe yet)."""
        if self._child is None:
            return False
        import select

        try:
            readable, _, _ = select.select([self._child[1]], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def result(self) -> Scan:
        if self._made is not None:
            return self._made
        if self._child is None:
            return scan_registry(self.root, stamped=self.stamped)
        pid, read_end = self._child
        self._child = None
        try:
            with open(read_end, "rb") as stream:
                data = stream.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                return _SCAN_DECODER.decode(data)
            except (msgspec.DecodeError, msgspec.ValidationError):
                pass
        return scan_registry(self.root, stamped=self.stamped)


_SCAN_DECODER = msgspec.msgpack.Decoder(Scan)


def _fork_scan(root: Path, *, stamped: bool) -> tuple[int, int] | None:
    """Fork a child that scans ``root`` and writes the scan to a pipe; ``(pid, read end)``."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - the child; its work is checked through the parent
        status = 1
        try:
            os.close(read_end)
            data = msgspec.msgpack.encode(scan_registry(root, stamped=stamped))
            with open(write_end, "wb") as stream:
                stream.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
