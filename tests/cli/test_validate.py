"""``dehub validate``: formats, exit codes, discovery of the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import RegistryFactory, hub, member, org
from tests.helpers import run

REPO = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def broken(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("berlin")],
        orgs=[
            org("op", kind="public", memberships=[member("berlin", role="operator")]),
            org("typo", memberships=[member("berln")]),
        ],
    )


def test_shipped_registry_is_valid() -> None:
    result = run("validate", "--data", str(REPO / "data"), "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0
    assert report["summary"]["files"] > 60


def test_text_format_lines(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--format", "text")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/orgs/typo.yaml:5:8: error: unknown hub 'berln'; did you mean 'berlin'? [DH302]\n"
    )
    assert "FAILED: 1 error, 0 warnings in 4 files" in result.stderr


def test_json_format_has_one_fixed_shape(broken: Path) -> None:
    result = run("validate", "--data", str(broken), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"diagnostics", "summary"}
    assert set(report["summary"]) == {"files", "errors", "warnings", "ok"}
    (diagnostic,) = report["diagnostics"]
    assert set(diagnostic) == {"file", "line", "column", "code", "severity", "message", "hint"}
    assert diagnostic["code"] == "DH302"
    assert diagnostic["hint"] == "did you mean 'berlin'?"
    assert result.stderr == ""


def test_github_format(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--format", "github")
    assert result.stdout.startswith(
        "::error file=data/orgs/typo.yaml,line=5,col=8,title=DH302::unknown hub 'berln'"
    )


def test_github_format_is_default_in_actions(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("validate", "--data", str(broken))
    assert result.stdout.startswith("::error file=")


def test_warnings_pass_unless_strict(make_registry: RegistryFactory) -> None:
    data = make_registry(hubs=[hub("berlin")])  # no operator: a warning
    assert run("validate", "--data", str(data)).exit_code == 0
    strict = run("validate", "--data", str(data), "--strict")
    assert strict.exit_code == 1
    assert "DH309" in strict.stdout


def test_no_escape_codes_when_piped(broken: Path) -> None:
    result = run("validate", "--data", str(broken))
    assert not ANSI.search(result.stdout + result.stderr)


def test_no_registry_found_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "no dehub registry found" in result.stderr
    assert str(tmp_path / "data") in result.stderr
    assert "Traceback" not in result.stderr


def test_data_option_pointing_nowhere(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert "--data" in result.stderr


def test_registry_found_in_a_parent(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = broken.parent / "some" / "where"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert run("validate").exit_code == 1


def test_registry_from_environment(
    broken: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEHUB_DATA", str(broken))
    assert run("validate").exit_code == 1


def test_unknown_format_is_a_usage_error(broken: Path) -> None:
    assert run("validate", "--data", str(broken), "--format", "xml").exit_code == 2


def test_file_over_size_limit(make_registry: RegistryFactory) -> None:
    data = make_registry(hubs=[hub("berlin")])
    big = data / "orgs" / "big.yaml"
    big.write_text("id: big\ndescription: " + "x" * 1_200_000 + "\n")
    result = run("validate", "--data", str(data), "--format", "json")
    codes = [(d["code"], Path(d["file"]).name) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("DH102", "big.yaml") in codes
    assert result.exit_code == 1


def test_all_problems_of_all_files_reported(make_registry: RegistryFactory) -> None:
    data = make_registry(
        hubs=[hub("berlin", sectors=["fintec"])],
        orgs=[
            org("a", kind="startp", memberships=[member("berlin")]),
            org("b", sectros=["iot"], memberships=[member("nowhere")]),
        ],
    )
    (data / "orgs" / "c.yaml").write_text("name: C\nname: D\n")
    result = run("validate", "--data", str(data), "--format", "json")
    codes = sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])
    # b's unknown key does not hide its unknown hub; c's duplicate key leaves a value to check
    assert codes == ["DH104", "DH201", "DH202", "DH203", "DH206", "DH302", "DH303", "DH309"]


def test_queries_warn_about_errors(broken: Path) -> None:
    result = run("list", "orgs", "--data", str(broken), "--all", "--format", "json")
    assert result.exit_code == 0
    assert "warning: the registry has 1 error" in result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == ["op", "typo"]


def test_queries_warn_when_records_are_left_out(broken: Path) -> None:
    (broken / "orgs" / "bad.yaml").write_text("name: Bad\nkind: startp\n")
    result = run("list", "orgs", "--data", str(broken), "--all", "--format", "json")
    assert result.exit_code == 0
    assert "warning: 1 file with errors left out of this answer" in result.stderr
    assert "bad" not in [row["id"] for row in json.loads(result.stdout)]
