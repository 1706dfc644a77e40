"""The registry every query test asks about: ``tests/query_registry.py``, loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

import dehub_cli
from dehub_cli import Registry


@pytest.fixture
def registry(known_data: Path) -> Registry:
    return dehub_cli.load(known_data, use_cache=False).registry
