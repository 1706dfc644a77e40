"""Data-driven validation cases: ``tests/cases/{valid,invalid}/<case>/``.

Each case overlays ``data/`` on the shared ``tests/cases/_base`` registry (``remove.txt``
lists base files to delete) and states in ``expect.json`` the exit code and every
diagnostic (code, file, line) that ``dehub validate --format json`` must report: no more,
no fewer. A case whose expected set a known bug prevents names the bug under ``xfail``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run

CASES = Path(__file__).parent / "cases"
ALL_CASES = sorted(
    path for kind in ("valid", "invalid") for path in (CASES / kind).iterdir() if path.is_dir()
)


def build_case(case: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(CASES / "_base", data)
    removals = case / "remove.txt"
    if removals.exists():
        for name in removals.read_text().split():
            (data / name).unlink()
    if (case / "data").exists():
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    return data


def expectation(case: Path) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    return spec


def case_param(case: Path) -> Any:
    reason = expectation(case).get("xfail")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=f"{case.parent.name}/{case.name}", marks=marks)


def found_diagnostics(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    data = build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--data", str(data), "--format", "json", *expectation(case)["args"])
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("case", [case_param(case) for case in ALL_CASES])
def test_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = expectation(case)
    result, report = found_diagnostics(case, tmp_path, monkeypatch)
    found = sorted((d["code"], d["file"], d["line"]) for d in report["diagnostics"])
    expected = sorted((e["code"], f"data/{e['file']}", e["line"]) for e in spec["diagnostics"])
    assert found == expected
    assert result.exit_code == spec["exit"], result.stdout + result.stderr
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert report["summary"] == {
        "files": report["summary"]["files"],
        "errors": len(errors),
        "warnings": len(report["diagnostics"]) - len(errors),
        "ok": spec["exit"] == 0,
    }
    assert spec["exit"] == (0 if case.parent.name == "valid" else 1)
    for diagnostic in report["diagnostics"]:
        assert diagnostic["message"]
        assert diagnostic["severity"] in ("error", "warning")


def test_every_case_is_exercised() -> None:
    assert len([c for c in ALL_CASES if c.parent.name == "invalid"]) >= 30
    for case in ALL_CASES:
        spec = expectation(case)
        assert set(spec) <= {"exit", "args", "xfail", "diagnostics"}, case
        for diagnostic in spec["diagnostics"]:
            assert set(diagnostic) == {"code", "file", "line"}, (case, diagnostic)
