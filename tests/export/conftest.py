"""Fixtures of the export tests: the small registry of ``small_registry.py``, loaded and built."""

from __future__ import annotations

from pathlib import Path

import pytest

import dehub_cli
from dehub_cli import Registry
from dehub_cli.export.dataset import Dataset, build_dataset
from tests.export.small_registry import TODAY, small_registry


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return small_registry(tmp_path)


@pytest.fixture
def registry(data_dir: Path) -> Registry:
    result = dehub_cli.load(data_dir, use_cache=False)
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    return result.registry


@pytest.fixture
def dataset(registry: Registry) -> Dataset:
    return build_dataset(registry, today=TODAY, commit="0123abc")
