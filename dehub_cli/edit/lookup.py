"""Finding the files of records to edit, and ids that are free to use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dehub_cli.discovery import YAML_SUFFIXES, display_path
from dehub_cli.edit import EditError
from dehub_cli.errors import QueryError
from dehub_cli.textnorm import quoted

if TYPE_CHECKING:
    from dehub_cli.registry import Registry


def org_path(registry: Registry, org_id: str) -> Path:
    """The file of an organisation: the one loaded, else ``orgs/<id>.yaml``."""
    loaded = registry.loaded_file(f"org:{org_id}")
    if loaded is not None:
        return Path(loaded)
    return Path(registry.root) / "orgs" / f"{org_id}.yaml"


def hub_path(registry: Registry, hub_id: str) -> Path:
    """The file of a hub: the one loaded, else ``hubs/<id>.yaml``."""
    return Path(registry.hub_file(hub_id))


def record_file(registry: Registry, folder: str, record_id: str) -> Path | None:
    """A file for ``record_id`` on disk, loaded or not (an invalid file is not loaded)."""
    for suffix in YAML_SUFFIXES:
        path = Path(registry.root) / folder / f"{record_id}{suffix}"
        if path.exists():
            return path
    return None


def refuse_taken_id(registry: Registry, record_id: str) -> None:
    """Raise :class:`EditError` when a hub or organisation file already uses ``record_id``."""
    for folder in ("hubs", "orgs"):
        taken = record_file(registry, folder, record_id)
        if taken is not None:
            raise EditError(
                f"the id {quoted(record_id)} is taken by {display_path(taken)}",
                "choose another with --id (ids are unique across hubs and organisations)",
            )


def resolve_org(registry: Registry, text: str) -> str:
    """An organisation id from an id or a name (any case, umlauts, legal form).

    Raises :class:`EditError` when the file exists but has errors (it cannot be edited),
    :class:`QueryError` when the text names no organisation or several.
    """
    from dehub_cli.identity import OrgIndex
    from dehub_cli.textnorm import slugify, suggestion

    wanted = text.strip()
    if wanted in registry.orgs:
        return wanted
    broken = record_file(registry, "orgs", wanted) or record_file(registry, "orgs", slugify(wanted))
    if broken is not None and broken.stem not in registry.orgs:
        raise EditError(
            f"{display_path(broken)} has errors and cannot be edited",
            "run 'dehub validate' and fix it first",
        )
    matches = list(dict.fromkeys(match.org_id for match in OrgIndex(registry).match(wanted)))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise QueryError(
            f"{quoted(text)} names several organisations: {', '.join(matches)}", "give the id"
        )
    labels = [*registry.orgs, *(org.name for org in registry.orgs.values())]
    raise QueryError(
        f"unknown organisation {quoted(text)}", suggestion(text, labels) or "give its id or name"
    )
