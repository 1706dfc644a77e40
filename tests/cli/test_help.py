"""Every command explains itself in --help and is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from dehub_cli.cli import app
from tests.helpers import run

REPO = Path(__file__).resolve().parents[2]


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


TYPE_NAME = re.compile(
    r"<(?:str|int|float|bool|path|dir|file|datetime|uuid|list\[[^\]]*\]|[a-z]+ range)>"
)


def help_page(path: tuple[str, ...], columns: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*path, "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize("path", [(), *command_paths()], ids=lambda path: " ".join(path) or "dehub")
def test_help_reads_cleanly_at_80_columns(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = help_page(path, 80, monkeypatch)
    assert max(len(line) for line in page.splitlines()) <= 80, page
    assert not TYPE_NAME.search(page), page
    assert "╭" not in page
    assert "│" not in page
    # No word broken across lines: the words are the same as on a page too wide to wrap.
    assert page.split() == help_page(path, 100, monkeypatch).split()


def test_help_page_of_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        help_page(("validate",), 80, monkeypatch)
        == """\
Usage: dehub validate [OPTIONS]

  Check every hub, organisation and vocabulary file and the rules between them.

  Settings come from dehub.toml beside the registry (docs/CONFIG.md); a comment
  '# dehub: ignore[CODE]' silences one finding. The default format is github
  when GITHUB_ACTIONS=true, else text. Exit 0 without errors, 1 with errors (or
  warnings with --strict), 2 on a usage or environment problem.

Options:
  -d, --data DIR                Registry directory (holding hubs/ and orgs/).
                                Default: $DEHUB_DATA, else ./data in this
                                directory or a parent.
  -f, --format FORMAT           text, table, json, csv, yaml, markdown, github,
                                sarif. Default: text.
  --strict / --no-strict        Fail on warnings too. Default: 'strict' in
                                dehub.toml, else off.
  --statistics / --no-statistics
                                Print how many findings each code has instead of
                                the findings.
  --no-cache                    Read every file afresh; neither use nor update
                                the cache.
  -h, --help                    Show this message and exit.
"""
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["lst"], "error: unknown command 'lst'\nhint: did you mean 'list'?\n"),
        (
            ["frobnicate"],
            "error: unknown command 'frobnicate'\nhint: 'dehub --help' lists the commands\n",
        ),
        (["add", "orgg"], "error: unknown command 'orgg'\nhint: did you mean 'org'?\n"),
        (
            ["list", "--sectr", "x"],
            "error: dehub list has no option '--sectr'\nhint: did you mean '--sector'?\n",
        ),
        (["show"], "error: missing argument ID\nhint: usage: dehub show [OPTIONS] ID\n"),
        (
            ["show", "a", "b"],
            "error: unexpected argument 'b'\nhint: usage: dehub show [OPTIONS] ID\n",
        ),
        (
            ["search", "x", "--limit", "many"],
            "error: invalid value for '--limit': expected a whole number\n"
            "hint: see 'dehub search --help'\n",
        ),
        (["list", "--hub"], "error: option '--hub' needs a value\nhint: see 'dehub list --help'\n"),
        (
            ["import", "members.csv"],
            "error: file 'members.csv' does not exist\nhint: see 'dehub import --help'\n",
        ),
    ],
)
def test_usage_errors_in_dehubs_style(args: list[str], stderr: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)
