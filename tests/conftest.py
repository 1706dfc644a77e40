"""Shared fixtures: a registry written from Python dicts, a CLI runner with fixed terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

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
    return {"hub": hub_id, "since": since, **fields}


RegistryFactory = Callable[..., Path]


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


@pytest.fixture
def make_registry(tmp_path: Path) -> RegistryFactory:
    """``make_registry(hubs=[...], orgs=[...])`` writes a registry and returns its data dir."""

    def factory(**kwargs: Any) -> Path:
        return write_registry(tmp_path, **kwargs)

    return factory


@pytest.fixture(autouse=True)
def _plain_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Fixed width, no colour, no GitHub env, a private cache: output independent of the host."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("DEHUB_DATA", raising=False)
    monkeypatch.setenv("DEHUB_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
