"""Every command explains itself in --help and is documented."""

from __future__ import annotations

import re

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
    ("codes", "List the diagnostic codes that validate reports, or explain one."),
    ("site", "The website: a static site of the registry in German and English."),
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
    """The entries of one ``Title:`` section of a help page, continuation lines joined."""
    lines = help_text.splitlines()
    start = lines.index(f"{title}:")
    rows: list[str] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        if line.startswith("    ") and rows:  # a wrapped continuation
            rows[-1] += " " + line.strip()
        else:
            rows.append(" ".join(line.split()))
    return rows


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


def test_a_usage_error_echoes_what_was_typed_escaped() -> None:
    result = run("list", "orgs", "--bogus\x1b[31m\nerror: forged")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: dehub list has no option '--bogus\\x1b[31m\\nerror: forged'\n"
        "hint: see 'dehub list --help'\n"
    )
