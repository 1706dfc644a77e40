"""Fixtures only: a registry written from Python dicts, a fixed terminal. Builders: helpers.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import query_registry
from tests.helpers import RegistryFactory, write_registry


@pytest.fixture
def make_registry(tmp_path: Path) -> RegistryFactory:
    """``make_registry(hubs=[...], orgs=[...])`` writes a registry and returns its data dir."""

    def factory(**kwargs: Any) -> Path:
        return write_registry(tmp_path, **kwargs)

    return factory


@pytest.fixture
def known_data(make_registry: RegistryFactory) -> Path:
    """The registry of ``tests/query_registry.py`` (known answers), written: its data dir."""
    return query_registry.write(make_registry)


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
