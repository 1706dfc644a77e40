"""What tests share: record builders, a registry written from dicts, running the CLI, snapshots.

Fixtures live in ``tests/conftest.py``; everything here is a plain function or constant that
a test module imports by name.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from typer.testing import CliRunner, Result

if TYPE_CHECKING:
    from dehub_cli import Registry

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
ANSI = re.compile(r"\x1b\[")

# -- records --------------------------------------------------------------------------------

SOURCE = {"url": "https://example.org/source", "title": "Test source", "date": "2018-03-27"}

SECTORS = [
    {"id": "fintech", "name": "FinTech", "name_de": "Finanztechnologie", "aliases": ["Fin-Tech"]},
    {
        "id": "iot",
        "name": "Internet of Things",
        "name_de": "Internet der Dinge",
        "aliases": ["IoT"],
    },
    {"id": "logistics", "name": "Logistics", "name_de": "Logistik", "aliases": []},
    {"id": "insurtech", "name": "InsurTech", "name_de": "InsurTech", "aliases": []},
]


GROUP_KEYS = [
    "startups",
    "companies",
    "universities",
    "research",
    "investors",
    "others",
    "organisations",
]
"""The groups ``dehub report`` counts, in the order of its columns."""


def hub(hub_id: str, **fields: Any) -> dict[str, Any]:
    """A valid hub record; ``fields`` override or add keys."""
    record: dict[str, Any] = {
        "id": hub_id,
        "name": f"Hub {hub_id}",
        "cities": [hub_id.capitalize()],
        "sectors": ["fintech"],
        "announced": "2016-11-17",
        "sources": [SOURCE],
    }
    record.update(fields)
    return record


def org(org_id: str, **fields: Any) -> dict[str, Any]:
    """A valid organisation record; ``fields`` override or add keys."""
    record: dict[str, Any] = {
        "id": org_id,
        "name": f"Org {org_id}",
        "kind": "startup",
        "memberships": [],
        "sources": [SOURCE],
    }
    record.update(fields)
    return record


def member(hub_id: str, since: Any = "2017-01-01", **fields: Any) -> dict[str, Any]:
    """A membership entry of an org record."""
    return {"hub": hub_id, "since": since, **fields}


# -- registries -----------------------------------------------------------------------------

RegistryFactory = Callable[..., Path]
"""The type of the ``make_registry`` fixture: keyword arguments of ``write_registry``."""


def write_registry(
    root: Path,
    hubs: list[dict[str, Any]] | None = None,
    orgs: list[dict[str, Any]] | None = None,
    sectors: list[dict[str, Any]] | None = None,
    initiative: dict[str, Any] | None = None,
) -> Path:
    """Write a registry under ``root/data`` and return that directory."""
    data = root / "data"
    (data / "hubs").mkdir(parents=True, exist_ok=True)
    (data / "orgs").mkdir(parents=True, exist_ok=True)
    (data / "sectors.yaml").write_text(
        yaml.safe_dump({"sectors": SECTORS if sectors is None else sectors}, allow_unicode=True),
        encoding="utf-8",
    )
    if initiative is not None:
        (data / "initiative.yaml").write_text(
            yaml.safe_dump(initiative, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for record in hubs or []:
        path = data / "hubs" / f"{record['id']}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    for record in orgs or []:
        path = data / "orgs" / f"{record['id']}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    return data


def build_registry(
    hubs: list[dict[str, Any]],
    orgs: list[dict[str, Any]],
    sectors: list[dict[str, Any]] | None = None,
    initiative: dict[str, Any] | None = None,
) -> Registry:
    """A registry in memory from the same dicts ``write_registry`` writes (no files, no rules).

    Organisations are held as the loader holds them: a compact entry for queries and counts,
    and the full record, MessagePack-encoded, for ``Registry.org_record``.
    """
    import msgspec

    from dehub_cli import Hub, Initiative, Org, Registry, Sector
    from dehub_cli.entries import org_entry

    registry = Registry(
        root="memory",
        hubs={record["id"]: Hub.model_validate(record) for record in hubs},
        sectors={
            str(record["id"]): Sector.model_validate(record)
            for record in (SECTORS if sectors is None else sectors)
        },
        initiative=None if initiative is None else Initiative.model_validate(initiative),
    )
    for record in orgs:
        registry.orgs[record["id"]] = org_entry(Org.model_validate(record))
        registry.org_data[record["id"]] = msgspec.msgpack.encode(record)
    return registry


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory`` (hidden ones too) with its bytes."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


# -- running the CLI ------------------------------------------------------------------------


def run(*args: str, input: str | None = None) -> Result:
    """Invoke ``dehub args...`` in-process; stdout and stderr are kept apart."""
    from dehub_cli.cli import app

    return CliRunner().invoke(app, list(args), input=input)


def dehub(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dehub_cli args...`` as a shell would: a process of its own, no stdin."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "dehub_cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=120,
        check=False,
    )


def refused(data: Path, code: int, *args: str, stdout: str = "") -> str:
    """Run ``dehub args... --data data``, which must refuse with exit ``code``, print ``stdout``
    and leave every file of the registry as it was; returns its stderr to be compared whole.
    """
    before = snapshot(data)
    result = run(*args, "--data", str(data))
    assert (result.exit_code, result.stdout) == (code, stdout), result.stderr
    assert snapshot(data) == before
    return result.stderr
