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


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("koeln", cities=["Köln"]), hub("berlin")],
        orgs=[
            org("acme", name="ACME GmbH"),
            org("beta", name="Beta AG", memberships=[member("berlin", "2017")]),
            org("gamma", name="Gamma", memberships=[member("koeln", "2017-04")]),
        ],
    )


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
    plan = json.loads(result.stdout)
    assert [(row["row"], row["action"], row["id"]) for row in plan["rows"]] == [
        (2, "new", "neue-firma"),
        (3, "membership", "acme"),
        (4, "membership", "beta"),
        (5, "unchanged", "gamma"),
    ]
    assert plan["summary"] == {"new": 1, "memberships": 2, "unchanged": 1, "conflicts": 0}
    assert "dry run: 3 files would be written; nothing written" in result.stderr
    assert snapshot(data) == before


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
    assert "  - hub: koeln\n    since: 2019-05\n" in (data / "orgs" / "acme.yaml").read_text(
        "utf-8"
    )
    assert "  - hub: koeln\n    since: 2018\n" in (data / "orgs" / "beta.yaml").read_text("utf-8")
    assert f"created {new}" in result.stderr
    assert f"updated {data / 'orgs' / 'acme.yaml'}" in result.stderr
    assert run("validate", "--data", str(data)).exit_code == 0
    assert canonical_text(new.read_text("utf-8"), shape_for_path(new)) == new.read_text("utf-8")


def test_importing_the_same_sheet_again_changes_nothing(data: Path, sheet: Path) -> None:
    assert run(*import_args(sheet, data, "--yes")).exit_code == 0
    before = snapshot(data)
    again = run(*import_args(sheet, data, "--yes", "--format", "json"))
    assert again.exit_code == 0, again.stderr
    actions = [row["action"] for row in json.loads(again.stdout)["rows"]]
    assert actions == ["unchanged"] * 4
    assert "nothing to do" in again.stderr
    assert snapshot(data) == before


def test_any_conflict_means_nothing_is_written(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "members.csv"
    sheet.write_text(
        "name,kind,since\nNew One,startup,2019\nBroken,unicorn,2019\nACME,,soon\n", encoding="utf-8"
    )
    before = snapshot(data)
    result = run(*import_args(sheet, data, "--yes"))
    assert result.exit_code == 1
    assert "nothing written" in result.stderr
    assert "  3 | conflict | broken" in result.stdout
    assert "unknown kind 'unicorn'" in result.stdout
    assert "  4 | conflict | acme" in result.stdout
    assert snapshot(data) == before


def test_new_organisations_need_a_source(data: Path, sheet: Path) -> None:
    before = snapshot(data)
    result = run("import", str(sheet), "--hub", "koeln", "--yes", "--data", str(data))
    assert result.exit_code == 2
    assert "new organisations need a source" in result.stderr
    assert snapshot(data) == before


def test_dry_run_without_a_source_previews_and_says_what_is_missing(
    data: Path, sheet: Path
) -> None:
    before = snapshot(data)
    result = run("import", str(sheet), "--hub", "koeln", "--dry-run", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert "dry run: 3 files would be written" in result.stderr
    assert "new organisations need a source" in result.stderr
    assert snapshot(data) == before


def test_without_a_terminal_writing_needs_yes(data: Path, sheet: Path) -> None:
    before = snapshot(data)
    result = run(*import_args(sheet, data))
    assert result.exit_code == 2
    assert "confirm with --yes" in result.stderr
    assert snapshot(data) == before


@pytest.mark.parametrize(("answer", "code", "written"), [("n\n", 1, False), ("y\n", 0, True)])
def test_on_a_terminal_it_asks_before_writing(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch, answer: str, code: int, written: bool
) -> None:
    from dehub_cli.cli import editing

    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    result = run(*import_args(sheet, data), input=answer)
    assert result.exit_code == code, result.stderr
    assert "Write 3 files?" in result.stderr
    assert (data / "orgs" / "neue-firma.yaml").exists() is written


def test_unknown_hub_and_bad_options_are_usage_errors(data: Path, sheet: Path) -> None:
    unknown = run("import", str(sheet), "--hub", "Kln", "--data", str(data))
    assert unknown.exit_code == 2
    assert "unknown hub 'Kln'" in unknown.stderr
    bad_map = run(*import_args(sheet, data, "--map", "nmae=Name"))
    assert bad_map.exit_code == 2
    assert "unknown field 'nmae'" in bad_map.stderr


def test_map_and_xlsx(data: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Firmenname", "Typ", "Mitglied seit"])
    workbook.active.append(["Delta GmbH", "Konzern", 2020])
    sheet = tmp_path / "members.xlsx"
    workbook.save(sheet)
    result = run(*import_args(sheet, data, "--map", "name=Firmenname", "--yes"))
    assert result.exit_code == 0, result.stderr
    text = (data / "orgs" / "delta.yaml").read_text(encoding="utf-8")
    assert "name: Delta GmbH\nkind: corporate\n" in text
    assert "  - hub: koeln\n    since: 2020\n" in text


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException
) -> None:
    real: Callable[..., Any] = getattr(os, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)


@pytest.mark.parametrize(
    ("function", "call"),
    [("replace", 2), ("replace", 1), ("link", 1)],
)
def test_ctrl_c_during_the_writes_leaves_the_registry_byte_identical(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch, function: str, call: int
) -> None:
    before = snapshot(data)
    fail_on_call(monkeypatch, function, call, KeyboardInterrupt())
    result = run(*import_args(sheet, data, "--yes"))
    assert result.exit_code != 0
    assert snapshot(data) == before


def test_a_write_error_reports_and_rolls_back(
    data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(data)
    fail_on_call(monkeypatch, "replace", 2, OSError(28, "No space left on device"))
    result = run(*import_args(sheet, data, "--yes"))
    assert result.exit_code == 1
    assert "nothing written" in result.stderr
    assert snapshot(data) == before


def test_import_into_a_copy_of_the_shipped_registry(tmp_path: Path) -> None:
    shipped = SHIPPED
    if not (shipped / "orgs" / "hpa.yaml").exists():
        pytest.skip("the shipped registry has no hpa.yaml")
    copy = tmp_path / "shipped"
    shutil.copytree(shipped, copy)
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
    assert run("validate", "--data", str(copy)).exit_code == 0
    changed = run("fmt", "--check", str(copy / "orgs"), "--data", str(copy))
    assert changed.exit_code == 0, changed.stdout
