"""Hostile values end to end: what ``validate``, ``import``, ``list`` and ``show`` print.

A registry file or a spreadsheet is written by someone else. Its names may hold line
breaks, ESC sequences, Rich markup, HTML or spreadsheet formulas; none of them may forge
a line, reach the terminal raw, vanish as markup or run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import RegistryFactory, hub, member, org, run

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
MARKUP = "ACME [Europe] GmbH"
RICH_LINK = "[link=https://evil.example/]Click[/link] GmbH"
FORMULA = '=HYPERLINK("https://evil.example/","Click")'
SCRIPT = "<script>alert(1)</script> AG"

HOSTILE_ORG = """\
id: hostile
name: "ACME\\ndata/orgs/x.yaml:1:1: error: forged [DH999]\\n::warning file=x::forged"
kind: startup
city: "Evil\\e[2J\\e]8;;https://evil.example/\\e\\\\city\\e]8;;\\e\\\\"
memberships:
  - hub: berlin
    since: 2017
sources:
  - url: https://example.org/source
"""


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("berlin", name="Berlin [bold]Hub[/bold]")],
        orgs=[
            org("op", name="Operator", memberships=[member("berlin", role="operator")]),
            org("markup", name=MARKUP, memberships=[member("berlin")]),
            org("link", name=RICH_LINK, memberships=[member("berlin")]),
            org("formula", name=FORMULA, city="@SUM(A1)", memberships=[member("berlin")]),
            org("script", name=SCRIPT, memberships=[member("berlin")]),
        ],
    )


@pytest.fixture
def hostile(data: Path) -> Path:
    (data / "orgs" / "hostile.yaml").write_text(HOSTILE_ORG, encoding="utf-8")
    return data


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_prints_one_line_per_diagnostic(
    hostile: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile.parent)
    result = run("validate", "--data", str(hostile), "--format", fmt, "--no-cache")
    assert result.exit_code == 1
    assert not RAW_CONTROL.search(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # name and city; the hub and other orgs are valid
    assert all("DH209" in line for line in lines)
    if fmt == "text":
        assert all(line.startswith("data/orgs/hostile.yaml:") for line in lines)
        assert lines[0] == (
            "data/orgs/hostile.yaml:2:7: error: name: 'ACME\\ndata/orgs/x.yaml:1:1: error: "
            "forged [DH999]\\n::warning file=x::forged' holds the control character \\n; "
            "remove it; line breaks and tabs are allowed only in description and text [DH209]"
        )
    else:
        assert all(line.startswith("::error file=data/orgs/hostile.yaml,line=") for line in lines)
    report = run("validate", "--data", str(hostile), "--format", "json", "--no-cache")
    assert len(json.loads(report.stdout)["diagnostics"]) == 2


def test_a_record_with_a_control_character_never_reaches_answers(hostile: Path) -> None:
    result = run("list", "orgs", "--data", str(hostile), "--format", "table")
    assert result.exit_code == 0
    assert "hostile" not in result.stdout
    assert result.stderr == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'\n"
    )


def test_tables_print_markup_as_text(data: Path) -> None:
    result = run("list", "orgs", "--data", str(data), "--format", "table")
    assert result.exit_code == 0, result.stderr
    for name in (MARKUP, RICH_LINK, FORMULA, SCRIPT):
        assert name in result.stdout
    shown = run("show", "berlin", "--data", str(data), "--format", "table")
    assert "Berlin [bold]Hub[/bold]" in shown.stdout
    assert MARKUP in shown.stdout
    org = run("show", "link", "--data", str(data), "--format", "table")
    assert RICH_LINK in org.stdout


def test_csv_output_never_holds_a_formula(data: Path) -> None:
    result = run("list", "orgs", "--data", str(data), "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["formula"]["name"] == "'" + FORMULA
    assert rows["formula"]["city"] == "'@SUM(A1)"
    assert rows["markup"]["name"] == MARKUP


def test_markdown_output_escapes_html(data: Path) -> None:
    result = run("list", "orgs", "--data", str(data), "--format", "markdown")
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; AG" in result.stdout


def test_error_messages_show_what_was_typed_escaped(data: Path) -> None:
    result = run("show", "\x1b[2J\x1b]8;;https://evil.example/\x07x", "--data", str(data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert not RAW_CONTROL.search(result.stderr)
    assert result.stderr == (
        "error: no hub or organisation '\\x1b[2J\\x1b]8;;https://evil.example/\\x07x'\n"
        "hint: try: dehub search '\\x1b[2J\\x1b]8;;https://evil.example/\\x07x'\n"
    )
    unknown = run("list", "orgs", "--hub", "Köln\nerror: forged", "--data", str(data))
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert unknown.stderr == (
        "error: unknown hub 'Köln\\nerror: forged'\nhint: known hubs: berlin\n"
    )


def test_an_import_plan_of_a_hostile_sheet_is_safe_in_every_format(
    data: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "members.csv"
    rows = [
        ["name", "kind", "city", "since"],
        ["=1+2", "startup", "-2+3", "2019"],
        ["Evil\x1b[2J GmbH", "startup", "@x", "2019"],
        ["Forged\n::error file=x::forged", "startup", "", "2019"],
        ["[bold red]Loud[/bold red] GmbH", "nonsense\x1b[31m", "", "2019"],
        [SCRIPT, "startup", "", "2019"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    base = ["import", str(sheet), "--hub", "berlin", "--dry-run", "--data", str(data)]
    outputs = {fmt: run(*base, "--format", fmt) for fmt in ("table", "csv", "markdown", "json")}
    for fmt, result in outputs.items():
        assert result.exit_code == 1, (fmt, result.stderr)  # conflicts: nothing written
        assert not RAW_CONTROL.search(result.stdout), fmt
    table = outputs["table"].stdout
    assert "[bold red]Loud[/bold red] GmbH" in table
    assert "Evil\\x1b[2J GmbH" in table
    assert "unknown kind 'nonsense\\x1b[31m'" in table
    plan = list(csv.DictReader(io.StringIO(outputs["csv"].stdout)))
    names = [row["name"] for row in plan]
    assert "'=1+2" in names
    for row in plan:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert "<script>" not in outputs["markdown"].stdout
    data_rows = json.loads(outputs["json"].stdout)["rows"]
    assert data_rows[0]["name"] == "=1+2"  # JSON keeps the data as it is
