"""Shell completion of hub ids, organisation ids, sectors, kinds, roles and codes.

Completion runs on every Tab, so it reads the registry the quick way: ids are file names
(``hubs/*.yaml``, ``orgs/*.yaml``), sector ids and hub names are read from the lines that
hold them, and nothing is validated. Any problem (no registry) completes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_NAME = re.compile(r"^name:\s*['\"]?(.+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_SECTOR_ID = re.compile(r"^[\s-]*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def _root(ctx: Any) -> Path | None:
    """The registry the command line names (``--data``), else the one dehub would find."""
    from dehub_cli.discovery import find_data_dir

    data = (getattr(ctx, "params", None) or {}).get("data")
    try:
        return find_data_dir(Path(data) if data else None)
    except Exception:  # completion never fails loudly
        return None


def _ids(directory: Path) -> Iterator[str]:
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                stem, dot, suffix = entry.name.rpartition(".")
                if dot and suffix in ("yaml", "yml") and not entry.name.startswith("."):
                    yield stem
    except OSError:
        return


def _starting(
    values: Iterator[tuple[str, str]] | list[tuple[str, str]], incomplete: str
) -> list[tuple[str, str]]:
    wanted = incomplete.lower()
    return sorted((value, text) for value, text in values if value.lower().startswith(wanted))


def _hub_name(path: Path) -> str:
    try:
        match = _NAME.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ""
    return match.group(1) if match else ""


def complete_hub(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Hub ids, each with the hub's name."""
    root = _root(ctx)
    if root is None:
        return []
    hubs = root / "hubs"
    return _starting(
        [(hub_id, _hub_name(hubs / f"{hub_id}.yaml")) for hub_id in _ids(hubs)], incomplete
    )


def complete_record(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Hub ids (with their names) and organisation ids."""
    root = _root(ctx)
    if root is None:
        return []
    orgs = [(org_id, "organisation") for org_id in _ids(root / "orgs")]
    return complete_hub(ctx, incomplete) + _starting(orgs, incomplete)


def complete_sector(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Sector ids from sectors.yaml."""
    root = _root(ctx)
    if root is None:
        return []
    try:
        text = (root / "sectors.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return _starting([(sector, "sector") for sector in _SECTOR_ID.findall(text)], incomplete)


def complete_kind(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Kinds of organisation."""
    from dehub_cli.models import OrgKind

    return _starting([(kind.value, "kind") for kind in OrgKind], incomplete)


def complete_role(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Roles in a hub."""
    from dehub_cli.models import Role

    return _starting([(role.value, "role") for role in Role], incomplete)


def complete_code(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Diagnostic codes with their summaries."""
    from dehub_cli.codes import CODES

    return _starting(list(CODES.items()), incomplete.upper())
