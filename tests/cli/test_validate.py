"""``dehub validate``: formats, exit codes, discovery of the registry; ``dehub codes``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ANSI, REPO, RegistryFactory, hub, member, org, run

TYPO_TEXT = "data/orgs/typo.yaml:5:8: error: unknown hub 'berln'; did you mean 'berlin'? [DH302]\n"
NO_OPERATOR_TEXT = (
    "data/hubs/berlin.yaml:2:7: warning: hub 'berlin' has no operator; add a membership with "
    "'role: operator' to the organisation that runs it [DH309]\n"
)
C_YAML_TEXT = (
    "data/orgs/c.yaml:1:1: error: missing required key 'kind'; add 'kind:' to this record [DH202]\n"
    "data/orgs/c.yaml:1:1: error: sources: every record needs at least one source; add "
    "'- url: https://...' with 'title:' and 'date:' of the page the facts come from [DH203]\n"
    "data/orgs/c.yaml:2:1: error: duplicate key 'name'; each key may appear once per mapping; "
    "remove or merge the repeated one [DH104]\n"
)
NO_REGISTRY_HINT = (
    "hint: run dehub inside a checkout of the registry, or pass --data DIR or set DEHUB_DATA\n"
)


@pytest.fixture
def broken(make_registry: RegistryFactory) -> Path:
    """One error: typo.yaml is a member of 'berln' (line 5, column 8)."""
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
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert [d for d in report["diagnostics"] if d["severity"] == "error"] == []
    assert report["summary"]["errors"] == 0
    assert report["summary"]["ok"] is True
    assert report["summary"]["files"] > 60


def test_text_format_lines(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--format", "text")
    assert result.exit_code == 1
    assert result.stdout == TYPO_TEXT
    assert result.stderr == "FAILED: 1 error, 0 warnings in 4 files\n"


def test_text_is_the_default_format(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--data", str(broken))
    assert (result.exit_code, result.stdout) == (1, TYPO_TEXT)
    assert result.stderr == "FAILED: 1 error, 0 warnings in 4 files\n"


def test_json_format_has_one_fixed_shape(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--data", str(broken), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "diagnostics": [
            {
                "file": "data/orgs/typo.yaml",
                "line": 5,
                "column": 8,
                "code": "DH302",
                "severity": "error",
                "message": "unknown hub 'berln'",
                "hint": "did you mean 'berlin'?",
            }
        ],
        "summary": {"files": 4, "errors": 1, "warnings": 0, "ok": False},
    }


def test_github_format(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=data/orgs/typo.yaml,line=5,col=8,title=DH302::"
        "unknown hub 'berln' (did you mean 'berlin'?)\n"
    )
    assert result.stderr == "FAILED: 1 error, 0 warnings in 4 files\n"


def test_github_format_is_default_in_actions(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    in_actions = run("validate", "--data", str(broken))
    assert in_actions.exit_code == 1
    assert in_actions.stdout == run("validate", "--data", str(broken), "-f", "github").stdout
    assert in_actions.stdout.startswith("::error file=data/orgs/typo.yaml,")


def test_warnings_pass_unless_strict(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_registry(hubs=[hub("berlin")])  # no operator: a warning
    monkeypatch.chdir(data.parent)
    lenient = run("validate", "--data", str(data))
    assert (lenient.exit_code, lenient.stdout) == (0, NO_OPERATOR_TEXT)
    assert lenient.stderr == "OK: 2 files valid, 1 warning\n"
    strict = run("validate", "--data", str(data), "--strict")
    assert (strict.exit_code, strict.stdout) == (1, NO_OPERATOR_TEXT)
    assert strict.stderr == "FAILED: 0 errors, 1 warning in 2 files\n"


def test_no_escape_codes_when_piped(broken: Path) -> None:
    result = run("validate", "--data", str(broken))
    assert result.exit_code == 1
    assert not ANSI.search(result.stdout + result.stderr)


def test_no_registry_found_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    start = tmp_path.resolve()
    searched = "".join(f"  - {directory / 'data'}\n" for directory in (start, *start.parents))
    assert result.stderr == (
        "error: no dehub registry found; looked in:\n" + searched + NO_REGISTRY_HINT
    )


def test_data_option_pointing_nowhere(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path} (--data) has no hubs/ or orgs/ directory\n"
        "hint: pass the directory holding hubs/ and orgs/ (often data/ in the registry's "
        "checkout)\n"
    )


def test_environment_pointing_nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEHUB_DATA", str(tmp_path))
    result = run("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path} ($DEHUB_DATA) has no hubs/ or orgs/ directory\n"
        "hint: pass the directory holding hubs/ and orgs/ (often data/ in the registry's "
        "checkout)\n"
    )


def test_registry_found_in_a_parent(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = broken.parent / "some" / "where"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == f"{broken / 'orgs' / 'typo.yaml'}:5:8: " + TYPO_TEXT.split(": ", 1)[1]
    assert result.stderr == "FAILED: 1 error, 0 warnings in 4 files\n"


def test_registry_from_environment(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    monkeypatch.setenv("DEHUB_DATA", str(broken))
    result = run("validate")
    assert (result.exit_code, result.stdout) == (1, TYPO_TEXT)
    assert result.stderr == "FAILED: 1 error, 0 warnings in 4 files\n"


def test_unknown_format_is_a_usage_error(broken: Path) -> None:
    result = run("validate", "--data", str(broken), "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: unknown format 'xml'\n"
        "hint: choose one of: text, table, json, csv, yaml, markdown, github, sarif\n"
    )


def test_file_over_size_limit(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_registry(hubs=[hub("berlin")])
    (data / "orgs" / "big.yaml").write_text("id: big\ndescription: " + "x" * 1_200_000 + "\n")
    monkeypatch.chdir(data.parent)
    result = run("validate", "--data", str(data), "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    report = json.loads(result.stdout)
    message = report["diagnostics"][1].pop("message")  # its size: see the xfail below
    assert report == {
        "diagnostics": [
            {
                "file": "data/hubs/berlin.yaml",
                "line": 2,
                "column": 7,
                "code": "DH309",
                "severity": "warning",
                "message": "hub 'berlin' has no operator",
                "hint": "add a membership with 'role: operator' to the organisation that runs it",
            },
            {
                "file": "data/orgs/big.yaml",
                "line": 0,
                "column": 0,
                "code": "DH102",
                "severity": "error",
                "hint": "a record is a few KB: split it or remove what does not belong",
            },
        ],
        "summary": {"files": 3, "errors": 1, "warnings": 1, "ok": False},
    }
    assert message.startswith("file is ")
    assert message.endswith(
        " bytes, over the limit of 1,000,000 (the file cannot be read, so its schema and "
        "cross-record checks did not run)"
    )


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cached", "no-cache"])
def test_file_over_size_limit_states_its_size(
    make_registry: RegistryFactory, cache: list[str]
) -> None:
    data = make_registry(hubs=[hub("berlin")])
    (data / "orgs" / "big.yaml").write_text("id: big\ndescription: " + "x" * 1_200_000 + "\n")
    result = run("validate", "--data", str(data), "--format", "json", *cache)
    (too_large,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "DH102"]
    assert too_large["message"] == (  # a load without cache lists files unstamped: sized apart
        "file is 1,200,022 bytes, over the limit of 1,000,000 (the file cannot be read, so its "
        "schema and cross-record checks did not run)"
    )


def test_all_problems_of_all_files_reported(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_registry(
        hubs=[hub("berlin", sectors=["fintec"])],
        orgs=[
            org("a", kind="startp", memberships=[member("berlin")]),
            org("b", sectros=["iot"], memberships=[member("nowhere")]),
        ],
    )
    (data / "orgs" / "c.yaml").write_text("name: C\nname: D\n")
    monkeypatch.chdir(data.parent)
    result = run("validate", "--data", str(data))
    assert result.exit_code == 1
    # b's unknown key does not hide its unknown hub; c's duplicate key leaves a value to check
    assert result.stdout == (
        NO_OPERATOR_TEXT
        + "data/hubs/berlin.yaml:6:3: error: unknown sector 'fintec'; did you mean 'fintech'? "
        "[DH303]\n"
        "data/orgs/a.yaml:3:7: error: kind: 'startp' is not one of startup, sme, corporate, "
        "university, research, investor, accelerator, association, public; "
        "did you mean 'startup'? [DH206]\n"
        "data/orgs/b.yaml:5:8: error: unknown hub 'nowhere' [DH302]\n"
        "data/orgs/b.yaml:11:1: error: unknown key 'sectros'; did you mean 'sectors'? [DH201]\n"
        + C_YAML_TEXT
    )
    assert result.stderr == "FAILED: 7 errors, 1 warning in 5 files\n"


def test_queries_warn_about_errors(broken: Path) -> None:
    result = run("list", "orgs", "--data", str(broken), "--all", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == "warning: the registry has 1 error; run 'dehub validate'\n"
    assert result.stdout.splitlines() == [
        "id,name,kind,city,hubs,sectors,since",
        "op,Org op,public,,berlin,,2017-01-01",
        "typo,Org typo,startup,,berln,,2017-01-01",
    ]


def test_queries_warn_when_records_are_left_out(broken: Path) -> None:
    (broken / "orgs" / "bad.yaml").write_text("name: Bad\nkind: startp\n")
    result = run("list", "orgs", "--data", str(broken), "--all", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'\n"
    )
    assert result.stdout.splitlines() == [
        "id,name,kind,city,hubs,sectors,since",
        "op,Org op,public,,berlin,,2017-01-01",
        "typo,Org typo,startup,,berln,,2017-01-01",
    ]


def test_a_data_path_cannot_forge_an_error_line(tmp_path: Path) -> None:
    """A path given on the command line is echoed with its control characters escaped."""
    forged = tmp_path / "x\n\x1b[31merror: forged"
    result = run("validate", "--data", str(forged))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path}/x\\n\\x1b[31merror: forged (--data) does not exist"
    )
    assert "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) == 2  # the error and its hint
