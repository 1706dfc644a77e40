"""Finding the registry directory and the files in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
