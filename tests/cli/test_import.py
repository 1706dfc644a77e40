"""dehub import: plan, all-or-nothing writes, confirmation, Ctrl-C safety."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dehub_cli.edit.canonical import canonical_text, shape_for_path
from tests.helpers import SHIPPED, RegistryFactory, hub, member, org, run, snapshot

CSV = (
    "Name;Art;Stadt;Webseite;seit;Branchen\r\n"
    "Neue Firma GmbH;Startup;Köln;www.neue-firma.de;01.03.2019;IoT\r\n"
    "ACME;;;;2019-05;\r\n"
    "Beta AG;;;;2018;\r\n"
    "Gamma e.V.;Verband;;;2019;\r\n"
)
SOURCE = ["--source-url", "https://example.org/members", "--source-title", "Member list"]
PLAN_TABLE = (
    "Import into hub koeln\n"
    "Row | Action     | Id         | Name            | Detail\n"
    "----+------------+------------+-----------------+----------------------------------------------\n"
    "  2 | new        | neue-firma | Neue Firma GmbH | orgs/neue-firma.yaml, member since 2019-03-01\n"
    "  3 | membership | acme       | ACME GmbH       | member of koeln since 2019-05\n"
    "  4 | membership | beta       | Beta AG         | member of koeln since 2018\n"
    "  5 | unchanged  | gamma      | Gamma           | member of koeln since 2017-04 already\n"
    "1 new organisation, 2 new memberships, 1 unchanged, 0 conflicts\n"
)
PLAN_SUMMARY = "members.csv: 1 new organisation, 2 new memberships, 1 unchanged, 0 conflicts\n"


@pytest.fixture
def data(make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Köln and Berlin; acme, beta (berlin) and gamma (koeln); run from the registry's parent."""
    directory = make_registry(
        hubs=[hub("koeln", cities=["Köln"]), hub("berlin")],
        orgs=[
            org("acme", name="ACME GmbH"),
            org("beta", name="Beta AG", memberships=[member("berlin", "2017")]),
            org("gamma", name="Gamma", memberships=[member("koeln", "2017-04")]),
        ],
    )
    monkeypatch.chdir(directory.parent)
    return directory


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.encode("cp1252"))
    return path


def import_args(sheet: Path, data: Path, *extra: str) -> list[str]:
    return ["import", str(sheet), "--hub", "Köln", *SOURCE, "--data", str(data), *extra]


def test_dry_run_shows_the_plan_and_writes_nothing(data: Path, sheet: Path) -> None:
    before = snapshot(data)
    result = run(*import_args(sheet, data, "--dry-run", "--format", "json"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "hub": "koeln",
        "ok": True,
        "summary": {"new": 1, "memberships": 2, "unchanged": 1, "conflicts": 0},
        "rows": [
            {
                "id": "neue-firma",
                "row": 2,
                "action": "new",
                "name": "Neue Firma GmbH",
                "detail": "orgs/neue-firma.yaml, member since 2019-03-01",
            },
            {
                "id": "acme",
                "row": 3,
                "action": "membership",
                "name": "ACME GmbH",
                "detail": "member of koeln since 2019-05",
            },
            {
                "id": "beta",
                "row": 4,
                "action": "membership",
                "name": "Beta AG",
                "detail": "member of koeln since 2018",
            },
            {
                "id": "gamma",
                "row": 5,
                "action": "unchanged",
                "name": "Gamma",
                "detail": "member of koeln since 2017-04 already",
            },
        ],
    }
    assert result.stderr == PLAN_SUMMARY + "dry run: 3 files would be written; nothing written\n"
    assert snapshot(data) == before


def test_the_plan_as_a_table(data: Path, sheet: Path) -> None:
    result = run(*import_args(sheet, data, "--dry-run"))
    assert (result.exit_code, result.stdout) == (0, PLAN_TABLE)
    assert result.stderr == PLAN_SUMMARY + "dry run: 3 files would be written; nothing written\n"


def test_import_with_yes_writes_valid_records(data: Path, sheet: Path) -> None:
    result = run(*import_args(sheet, data, "--yes"))
    assert result.exit_code == 0, result.stderr
    new = data / "orgs" / "neue-firma.yaml"
    assert new.read_text(encoding="utf-8") == (
        "id: neue-firma\n"
        "name: Neue Firma GmbH\n"
        "kind: startup\n"
        "city: Köln\n"
        "website: https://www.neue-firma.de\n"
        "sectors:\n"
        "  - iot\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    since: 2019-03-01\n"
        "    sources:\n"
        "      - url: https://example.org/members\n"
        "        title: Member list\n"
        "sources:\n"
        "  - url: https://example.org/members\n"
        "    title: Member list\n"
    )
    assert (data / "orgs" / "acme.yaml").read_text("utf-8") == (
        "id: acme\n"
        "name: ACME GmbH\n"
        "kind: startup\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    since: 2019-05\n"
        "    sources:\n"
        "      - url: https://example.org/members\n"
        "        title: Member list\n"
        "sources:\n"
        "  - url: https://example.org/source\n"
        "    title: Test source\n"
        "    date: '2018-03-27'\n"
    )
    assert (data / "orgs" / "beta.yaml").read_text("utf-8") == (
        "id: beta\n"
        "name: Beta AG\n"
        "kind: startup\n"
        "memberships:\n"
        "  - hub: berlin\n"
        "    since: '2017'\n"
        "  - hub: koeln\n"
        "    since: 2018\n"
        "    sources:\n"
        "      - url: https://example.org/members\n"
        "        title: Member list\n"
        "sources:\n"
        "  - url: https://example.org/source\n"
        "    title: Test source\n"
        "    date: '2018-03-27'\n"
    )
    assert result.stdout == PLAN_TABLE
    assert result.stderr == (
        PLAN_SUMMARY + "created data/orgs/neue-firma.yaml\n"
        "updated data/orgs/acme.yaml\n"
        "updated data/orgs/beta.yaml\n"
        "next: run 'dehub validate', then commit: "
        "git add data/orgs/neue-firma.yaml data/orgs/acme.yaml data/orgs/beta.yaml && git commit\n"
    )
    validated = run("validate", "--data", str(data), "--format", "json")
    assert [
        d for d in json.loads(validated.stdout)["diagnostics"] if d["severity"] == "error"
    ] == []
    assert canonical_text(new.read_text("utf-8"), shape_for_path(new)) == new.read_text("utf-8")


def test_importing_the_same_sheet_again_changes_nothing(data: Path, sheet: Path) -> None:
    assert run(*import_args(sheet, data, "--yes")).exit_code == 0
    before = snapshot(data)
    again = run(*import_args(sheet, data, "--yes", "--format", "json"))
    assert again.exit_code == 0, again.stderr
    rows = json.loads(again.stdout)["rows"]
    assert [(row["id"], row["action"], row["detail"]) for row in rows] == [
        ("neue-firma", "unchanged", "member of koeln since 2019-03-01 already"),
        ("acme", "unchanged", "member of koeln since 2019-05 already"),
        ("beta", "unchanged", "member of koeln since 2018 already"),
        ("gamma", "unchanged", "member of koeln since 2017-04 already"),
    ]
    assert again.stderr == (
        "members.csv: 0 new organisations, 0 new memberships, 4 unchanged, 0 conflicts\n"
        "nothing to do\n"
    )
    assert snapshot(data) == before


def test_any_conflict_means_nothing_is_written(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "members.csv"
    sheet.write_text(
        "name,kind,since\nNew One,startup,2019\nBroken,unicorn,2019\nACME,,soon\n", encoding="utf-8"
    )
    before = snapshot(data)
    result = run(*import_args(sheet, data, "--yes"))
    assert result.exit_code == 1
    assert result.stdout == (
        "Import into hub koeln\n"
        "Row | Action   | Id      | Name    | Detail\n"
        "----+----------+---------+---------+------------------------------------------------"
        "---------------------------\n"
        "  2 | new      | new-one | New One | orgs/new-one.yaml, member since 2019\n"
        "  3 | conflict | broken  | Broken  | unknown kind 'unicorn'\n"
        "  4 | conflict | acme    | ACME    | since: 'soon' is not a date: write 2017-04-21, "
        "2017-04 or 2017 (ISO order)\n"
        "1 new organisation, 0 new memberships, 0 unchanged, 2 conflicts\n"
    )
    assert result.stderr == (
        "members.csv: 1 new organisation, 0 new memberships, 0 unchanged, 2 conflicts\n"
        "nothing written: resolve the conflicts in the file and import it again\n"
    )
    assert snapshot(data) == before


def test_new_organisations_need_a_source(data: Path, sheet: Path) -> None:
    before = snapshot(data)
    result = run("import", str(sheet), "--hub", "koeln", "--yes", "--data", str(data))
    assert (result.exit_code, result.stdout) == (2, PLAN_TABLE)
    assert result.stderr == (
        PLAN_SUMMARY + "error: new organisations need a source\n"
        "hint: pass --source-url URL (and --source-title) of the list or page the rows come from\n"
    )
    assert snapshot(data) == before


def test_dry_run_without_a_source_previews_and_says_what_is_missing(
    data: Path, sheet: Path
) -> None:
    before = snapshot(data)
    result = run("import", str(sheet), "--hub", "koeln", "--dry-run", "--data", str(data))
    assert (result.exit_code, result.stdout) == (0, PLAN_TABLE)
    assert result.stderr == (
        PLAN_SUMMARY + "dry run: 3 files would be written; nothing written\n"
        "note: new organisations need a source: pass --source-url URL when importing\n"
    )
    assert snapshot(data) == before


def test_without_a_terminal_writing_needs_yes(data: Path, sheet: Path) -> None:
    before = snapshot(data)
    result = run(*import_args(sheet, data))
    assert (result.exit_code, result.stdout) == (2, PLAN_TABLE)
    assert result.stderr == (
        PLAN_SUMMARY + "error: 3 files would be written; confirm with --yes\n"
        "hint: or run on a terminal to be asked, or --dry-run to see the plan only\n"
    )
    assert snapshot(data) == before


def test_on_a_terminal_no_writes_nothing(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehub_cli.cli import editing

    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    before = snapshot(data)
    result = run(*import_args(sheet, data), input="n\n")
    assert result.exit_code == 1
    assert result.stderr == PLAN_SUMMARY + "Write 3 files? [y/N]:nothing written\n"
    assert snapshot(data) == before


def test_on_a_terminal_yes_writes(data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dehub_cli.cli import editing

    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    result = run(*import_args(sheet, data), input="y\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        PLAN_SUMMARY + "Write 3 files? [y/N]:created data/orgs/neue-firma.yaml\n"
        "updated data/orgs/acme.yaml\n"
        "updated data/orgs/beta.yaml\n"
        "next: run 'dehub validate', then commit: "
        "git add data/orgs/neue-firma.yaml data/orgs/acme.yaml data/orgs/beta.yaml && git commit\n"
    )
    assert sorted(path.name for path in (data / "orgs").iterdir()) == [
        "acme.yaml",
        "beta.yaml",
        "gamma.yaml",
        "neue-firma.yaml",
    ]


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--hub", "Kln"], "error: unknown hub 'Kln'\nhint: did you mean 'koeln'?\n"),
        (
            ["--hub", "koeln", "--map", "nmae=Name"],
            "error: --map: unknown field 'nmae'\nhint: did you mean 'name'?\n",
        ),
    ],
)
def test_unknown_hub_and_bad_options_are_usage_errors(
    data: Path, sheet: Path, args: list[str], stderr: str
) -> None:
    before = snapshot(data)
    result = run("import", str(sheet), *args, *SOURCE, "--data", str(data))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)
    assert snapshot(data) == before


def test_map_and_xlsx(data: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Firmenname", "Typ", "Mitglied seit"])
    workbook.active.append(["Delta GmbH", "Konzern", 2020])
    sheet = tmp_path / "members.xlsx"
    workbook.save(sheet)
    result = run(*import_args(sheet, data, "--map", "name=Firmenname", "--yes"))
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "delta.yaml").read_text(encoding="utf-8") == (
        "id: delta\n"
        "name: Delta GmbH\n"
        "kind: corporate\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    since: 2020\n"
        "    sources:\n"
        "      - url: https://example.org/members\n"
        "        title: Member list\n"
        "sources:\n"
        "  - url: https://example.org/members\n"
        "    title: Member list\n"
    )
    assert result.stderr == (
        "members.xlsx: 1 new organisation, 0 new memberships, 0 unchanged, 0 conflicts\n"
        "created data/orgs/delta.yaml\n"
        "next: run 'dehub validate', then commit: git add data/orgs/delta.yaml && git commit\n"
    )


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException, within: Path
) -> None:
    """Make the ``call``-th ``os.<name>(src, dst)`` with ``dst`` below ``within`` raise ``error``.

    Only writes into the registry count: the cache is written with ``os.replace`` too.
    """
    real: Callable[..., Any] = getattr(os, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        if Path(args[1]).resolve().is_relative_to(within.resolve()):
            calls[0] += 1
            if calls[0] == call:
                raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)


@pytest.mark.parametrize(
    ("function", "call"),
    [
        ("link", 1),  # creating neue-firma.yaml, before any edit
        ("replace", 1),  # acme.yaml, after neue-firma.yaml was created
        ("replace", 2),  # beta.yaml, after acme.yaml was replaced
    ],
)
def test_ctrl_c_during_the_writes_leaves_the_registry_byte_identical(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch, function: str, call: int
) -> None:
    before = snapshot(data)
    fail_on_call(monkeypatch, function, call, KeyboardInterrupt(), within=data)
    result = run(*import_args(sheet, data, "--yes"))
    assert (result.exit_code, result.stdout, result.stderr) == (130, PLAN_TABLE, PLAN_SUMMARY)
    assert snapshot(data) == before


def test_a_write_error_reports_and_rolls_back(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(data)
    error = OSError(28, "No space left on device")
    fail_on_call(monkeypatch, "replace", 2, error, within=data)  # beta.yaml, after acme.yaml
    result = run(*import_args(sheet, data, "--yes"))
    assert (result.exit_code, result.stdout) == (1, PLAN_TABLE)
    assert result.stderr == (
        PLAN_SUMMARY + "error: nothing written: No space left on device\n"
        "hint: check that the registry's directories are writable\n"
    )
    assert snapshot(data) == before


def test_import_into_a_copy_of_the_shipped_registry(tmp_path: Path) -> None:
    shipped = SHIPPED
    if not (SHIPPED / "orgs" / "hpa.yaml").exists():
        pytest.skip("the shipped registry has no hpa.yaml")
    copy = tmp_path / "shipped"
    shutil.copytree(shipped, copy)
    before = snapshot(copy)
    sheet = tmp_path / "berlin.csv"
    sheet.write_text(
        "name,kind,since\nHamburg Port Authority,,2019-02\nTotally New Startup UG,Startup,2019\n",
        encoding="utf-8",
    )
    result = run(
        "import", str(sheet), "--hub", "berlin", *SOURCE, "--yes", "--data", str(copy),
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [(row["action"], row["id"]) for row in rows] == [
        ("membership", "hpa"),
        ("new", "totally-new-startup"),
    ]
    changed = {name for name, body in snapshot(copy).items() if before.get(name) != body}
    assert changed == {"orgs/hpa.yaml", "orgs/totally-new-startup.yaml"}
    validated = run("validate", "--data", str(copy), "--format", "json")
    assert [
        d for d in json.loads(validated.stdout)["diagnostics"] if d["severity"] == "error"
    ] == []
    formatted = run("fmt", "--check", str(copy / "orgs"), "--data", str(copy))
    assert (formatted.exit_code, formatted.stdout) == (0, "")
