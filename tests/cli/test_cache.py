"""``dehub cache info`` and ``dehub cache clear``: what is cached where, and emptying it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dehub_cli import discovery
from dehub_cli.cachepath import cache_dir, cache_file
from tests.helpers import RegistryFactory, hub, member, org, run


@pytest.fixture
def cached(make_registry: RegistryFactory) -> Path:
    """A registry that ``dehub validate`` has read once: its cache file exists."""
    data = make_registry(
        hubs=[hub("berlin")], orgs=[org("op", memberships=[member("berlin", role="operator")])]
    )
    assert run("validate", "--data", str(data)).exit_code == 0
    assert cache_file(data).exists()
    return data


@pytest.mark.parametrize("command", ["show", "list"])
def test_a_query_answered_before_the_scan_ends_runs_again_when_a_file_changed(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr("dehub_cli.cache.RACY_SECONDS", 0.0)  # stamps alone tell changes
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)  # scan in a child
    data = make_registry(hubs=[hub("berlin")], orgs=[org("op", memberships=[member("berlin")])])
    assert run("validate", "--data", str(data)).exit_code == 0
    operator = (data / "orgs" / "op.yaml").read_text(encoding="utf-8")
    added = operator.replace("id: op", "id: neu").replace("name: Org op", "name: Neu GmbH")
    (data / "orgs" / "neu.yaml").write_text(added, encoding="utf-8")  # after the cache
    handed_over: list[Path] = []

    def spy(root: Path, scan: discovery.Scan) -> None:
        handed_over.append(root)
        discovery.hand_over(root, scan)

    monkeypatch.setattr("dehub_cli.loader.hand_over", spy)
    arguments = ["show", "neu"] if command == "show" else ["list", "orgs"]
    shown = run(*arguments, "--data", str(data), "--format", "json")
    assert (shown.exit_code, shown.stderr) == (0, "")
    answer = json.loads(shown.stdout)
    if command == "show":
        assert (answer["id"], answer["name"]) == ("neu", "Neu GmbH")
    else:
        assert [row["name"] for row in answer] == ["Neu GmbH", "Org op"]
    assert handed_over == [data]  # answered from the cache first, then again
    again = run(*arguments, "--data", str(data), "--format", "json")  # the cache is new
    assert (again.exit_code, again.stderr, again.stdout) == (0, "", shown.stdout)
    assert handed_over == [data]


def test_info_as_json_and_clear(cached: Path) -> None:
    path = cache_file(cached)
    size = path.stat().st_size
    shown = run("cache", "info", "--format", "json")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert json.loads(shown.stdout) == {
        "directory": str(path.parent),
        "trusted": True,
        "files": [{"path": str(path), "bytes": size}],
        "bytes": size,
    }
    cleared = run("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (0, "")
    assert cleared.stderr == f"removed 1 cache file from {path.parent}\n"
    assert not path.exists()


def test_info_table_of_an_empty_cache() -> None:
    directory = cache_dir()  # private to each test: see conftest
    shown = run("cache", "info")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert shown.stdout == (
        "Cache\n"
        f"  directory  {directory}\n"
        "  files      0 files\n"
        "  size       0 bytes\n"
        "\n"
        "File | Bytes\n"
        "-----+------\n"
    )
    cleared = run("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (0, "")
    assert cleared.stderr == f"removed 0 cache files from {directory}\n"


def test_unknown_format_is_a_usage_error() -> None:
    result = run("cache", "info", "--format", "jsn")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: unknown format 'jsn'\nhint: did you mean 'json'?\n"
