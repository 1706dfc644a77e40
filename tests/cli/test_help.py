"""Every command explains itself in --help and is documented."""

from __future__ import annotations

import pytest
import typer

from dehub_cli.cli import app
from tests.helpers import REPO, run


def command_paths() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []
    for name, command in getattr(root, "commands", {}).items():
        if hasattr(command, "commands"):  # a group: typer may vendor its own click
            paths.extend((name, sub) for sub in command.commands)
        else:
            paths.append((name,))
    return sorted(paths)


def test_root_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for path in command_paths():
        assert path[0] in result.stdout


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_command_has_help(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    usage = next(index for index, line in enumerate(lines) if line.startswith("Usage:"))
    summary = lines[usage + 1]
    assert summary[0].isalpha(), f"{' '.join(path)} has no help text"
    assert len(summary) > 20, f"{' '.join(path)} has no help text"


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_command_is_documented(path: tuple[str, ...]) -> None:
    docs = (REPO / "README.md").read_text() + "".join(
        page.read_text() for page in (REPO / "docs").glob("*.md")
    )
    assert f"dehub {' '.join(path)}" in docs


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("dehub ")
