"""The ``dehub`` script finds the registry a loading command will read, to scan it early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dehub_cli.script import registry_to_scan
from tests.helpers import RegistryFactory


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry()


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "--data", "{data}"],
        ["list", "orgs", "--data={data}", "--format", "json"],
        ["show", "x", "-d", "{data}"],
        ["report", "-d{data}"],
        ["validate", "--no-cache", "--data", "{data}"],
    ],
)
def test_a_loading_command_names_its_registry(data: Path, arguments: list[str]) -> None:
    assert registry_to_scan([argument.format(data=data) for argument in arguments]) == data


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["add", "org", "--data", "{data}"],
        ["fmt", "--data", "{data}"],
        ["--version"],
        ["validate", "--data", "{data}", "--help"],
        ["validate", "--", "--data", "{data}"],
        ["validate", "--data", "{data}/nowhere"],
    ],
)
def test_other_commands_and_options_begin_no_scan(data: Path, arguments: list[str]) -> None:
    assert registry_to_scan([argument.format(data=data) for argument in arguments]) is None


def test_without_data_the_registry_is_found_as_the_command_finds_it(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEHUB_DATA", raising=False)
    monkeypatch.chdir(data.parent)
    assert data.name == "data"
    assert registry_to_scan(["validate"]) == data.parent / "data"


def test_the_script_runs_the_command(data: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "DEHUB_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "dehub_cli", "validate", "--data", str(data)]
    finished = subprocess.run(command, capture_output=True, text=True, env=environment)
    assert (finished.returncode, finished.stdout) == (0, "")
    assert finished.stderr.startswith("OK: ")
