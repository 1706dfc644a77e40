"""The library's public face: every advertised name resolves, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dehub_cli
from tests.helpers import hub, member, org, write_registry


@pytest.mark.parametrize("name", sorted(set(dehub_cli.__all__) - {"__version__"}))
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(dehub_cli, name) is not None


def test_all_lists_exactly_the_exports() -> None:
    assert sorted(dehub_cli.__all__) == sorted(["__version__", *dehub_cli._EXPORTS])


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        _ = dehub_cli.nothing


def test_importing_the_package_imports_no_model_or_parser() -> None:
    code = (
        "import sys, dehub_cli; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'typer') if m in sys.modules))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout == "[]\n"


def test_load_returns_records_and_diagnostics(tmp_path: Path) -> None:
    data = write_registry(
        tmp_path,
        hubs=[hub("berlin")],
        orgs=[org("acme", memberships=[member("berlin"), member("koeln")])],
    )
    result = dehub_cli.load(data, use_cache=False)
    assert list(result.registry.hubs) == ["berlin"]
    assert result.registry.org_record("acme").name == "Org acme"
    assert [(d.code, d.file, d.line) for d in result.diagnostics] == [
        ("DH309", str(data / "hubs" / "berlin.yaml"), 2),
        ("DH302", str(data / "orgs" / "acme.yaml"), 7),
    ]


def test_load_without_a_registry_raises_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(dehub_cli.RegistryNotFoundError) as caught:
        dehub_cli.load(tmp_path / "nowhere")
    assert caught.value.hint is not None
