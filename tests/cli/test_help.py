"""Every command explains itself in --help and is documented."""

from __future__ import annotations

import pytest
import typer

import dehub_cli
from dehub_cli.cli import app
from tests.helpers import REPO, run

COMMANDS = [
    ("validate", "Check every hub, organisation and vocabulary file and the rules between them."),
    ("list", "List hubs or organisations; filters combine."),
    ("show", "Show one hub or organisation in full."),
    (
        "search",
        "Search hubs and organisations by id, name, city, sector name or alias, best first.",
    ),
    ("links", "Show the cross-links between hubs, or export the hub-organisation graph."),
    ("report", "Statistics of the registry: startups, companies, universities and more, per year."),
    (
        "export",
        "Publish the registry: a SQLite file for Datasette, a static JSON API, or CSV files.",
    ),
    (
        "diff",
        "Show what changed in the registry between two revisions: records, memberships, sources.",
    ),
    ("log", "Show the registry's history: every commit with the semantic changes it made."),
    ("import", "Add a hub's members from a spreadsheet: new organisations and new memberships."),
    ("fmt", "Put records in canonical form: key order, indentation, dates, lists; comments kept."),
    ("schema", "Write JSON Schema (draft-07) for hub, organisation and sector files."),
    ("codes", "List the diagnostic codes that validate reports, with what each means."),
    ("add", "Add an organisation, a membership or a hub to the registry."),
    ("end", "End something in the registry (a membership)."),
    ("cache", "Inspect or empty the cache of checked files (never needed for correct answers)."),
]


def command_paths() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []
    for name, command in getattr(root, "commands", {}).items():
        if hasattr(command, "commands"):  # a group: typer may vendor its own click
            paths.extend((name, sub) for sub in command.commands)
        else:
            paths.append((name,))
    return sorted(paths)


def panel_rows(help_text: str, title: str) -> list[str]:
    """The rows of one ``╭─ title ─╮`` panel of Rich's help, frame and padding removed."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"╭─ {title} "))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("╰"))
    return [line.strip("│ ") for line in lines[start + 1 : end]]


def usage_and_summary(help_text: str) -> tuple[str, str]:
    lines = [line.strip() for line in help_text.splitlines() if line.strip()]
    return lines[0], lines[1]


def test_root_help_lists_every_command_with_its_summary() -> None:
    result = run("--help")
    assert (result.exit_code, result.stderr) == (0, "")
    assert usage_and_summary(result.stdout)[0] == "Usage: dehub [OPTIONS] COMMAND [ARGS]..."
    rows = [row.split(maxsplit=1) for row in panel_rows(result.stdout, "Commands")]
    assert [(name, summary) for name, summary in rows] == COMMANDS
    assert sorted({path[0] for path in command_paths()}) == sorted(name for name, _ in COMMANDS)


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_command_has_help(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    usage, summary = usage_and_summary(result.stdout)
    assert usage.startswith(f"Usage: dehub {' '.join(path)} [OPTIONS]")
    parent = run(*path[:-1], "--help").stdout
    listed = dict(row.split(maxsplit=1) for row in panel_rows(parent, "Commands"))
    assert summary == listed[path[-1]], "the summary differs from the parent's listing"
    assert len(summary) > 20, f"{' '.join(path)} has no help text"
    assert summary.endswith("."), f"{' '.join(path)}: the summary is cut off"


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_command_is_documented(path: tuple[str, ...]) -> None:
    docs = (REPO / "README.md").read_text() + "".join(
        page.read_text() for page in (REPO / "docs").glob("*.md")
    )
    assert f"dehub {' '.join(path)}" in docs


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"dehub {dehub_cli.__version__}\n",
        "",
    )
