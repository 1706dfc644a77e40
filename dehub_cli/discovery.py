"""Finding the registry directory and the files in it."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Literal, NamedTuple

from dehub_cli.errors import DehubError

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


def _stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _scanned(name: str, kind: Kind, path: str, root_real: str) -> ScannedFile:
    """Stat a file behind a link; it is followed only when it stays inside the registry."""
    record_id = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    target = os.path.realpath(path)
    if os.path.commonpath([root_real, target]) != root_real:
        problem = "symbolic link to a file outside the registry"
        return ScannedFile(name, kind, record_id, path, None, problem)
    try:
        stat = os.stat(path)
    except OSError as error:
        reason = (
            "symbolic link loop" if error.errno == errno.ELOOP else (error.strerror or str(error))
        )
        return ScannedFile(name, kind, record_id, path, None, reason)
    if not os.path.isfile(path):
        return ScannedFile(name, kind, record_id, path, None, "not a regular file")
    return ScannedFile(name, kind, record_id, path, _stamp(stat))


def scan_registry(root: Path) -> list[ScannedFile]:
    """Every ``.yaml``/``.yml`` file of the registry, vocabulary first, then by name.

    The one listing that loading and the cache share: what one sees, the other sees.
    Hidden files and other extensions are ignored; a link leading outside the registry
    or in a loop is listed with its problem and never read.
    """
    base = str(root)
    root_real = os.path.realpath(base)
    found: list[ScannedFile] = []
    vocabularies: tuple[tuple[str, Kind], ...] = (
        ("sectors", "sectors"),
        ("initiative", "initiative"),
    )
    for stem, kind in vocabularies:
        for suffix in YAML_SUFFIXES:
            path = os.path.join(base, stem + suffix)
            if os.path.lexists(path):
                if os.path.islink(path):
                    found.append(_scanned(stem + suffix, kind, path, root_real))
                else:
                    found.append(_scanned_plain(stem + suffix, kind, stem, path))
                break
    folders: tuple[tuple[str, Kind], ...] = (("hubs", "hub"), ("orgs", "org"))
    for folder, kind in folders:
        found += _scan_folder(os.path.join(base, folder), folder, kind, root_real)
    return found


def _scanned_plain(name: str, kind: Kind, record_id: str, path: str) -> ScannedFile:
    try:
        return ScannedFile(name, kind, record_id, path, _stamp(os.stat(path)))
    except OSError as error:
        return ScannedFile(name, kind, record_id, path, None, error.strerror or str(error))


def _scan_folder(directory: str, folder: str, kind: Kind, root_real: str) -> list[ScannedFile]:
    """One folder's record files, by name: one ``stat`` each, nothing read."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    entries.sort(key=attrgetter("name"))
    found = []
    prefix = folder + "/"
    for entry in entries:
        name = entry.name
        if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
            continue
        if entry.is_symlink():
            found.append(_scanned(prefix + name, kind, entry.path, root_real))
            continue
        record_id = name.rsplit(".", 1)[0]
        try:
            if not entry.is_file():
                continue
            stat = entry.stat()
        except OSError as error:
            problem = error.strerror or str(error)
            found.append(ScannedFile(prefix + name, kind, record_id, entry.path, None, problem))
            continue
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        found.append(ScannedFile(prefix + name, kind, record_id, entry.path, stamp))
    return found


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
