"""Data-driven validation cases: ``tests/cases/{valid,invalid}/<case>/``.

Each case overlays ``data/`` on the shared ``tests/cases/_base`` registry (``remove.txt``
lists base files to delete) and states in ``expect.json`` the exit code and the
diagnostics (code, file, line) that ``dehub validate --format json`` must report.
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


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec: dict[str, Any] = json.loads((case / "expect.json").read_text())
    data = build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--data", str(data), "--format", "json", *spec["args"])
    assert result.exit_code == spec["exit"], result.stdout + result.stderr
    report = json.loads(result.stdout)
    found = {(d["code"], d["file"], d["line"]) for d in report["diagnostics"]}
    for expected in spec["diagnostics"]:
        file = f"data/{expected['file']}"
        matches = [f for f in found if f[0] == expected["code"] and f[1] == file]
        assert matches, f"{expected} not in {sorted(found)}"
        if "line" in expected:
            assert any(line == expected["line"] for *_, line in matches), (expected, matches)
    if case.parent.name == "valid":
        assert report["summary"]["errors"] == 0
        assert {d["code"] for d in report["diagnostics"]} == {
            e["code"] for e in spec["diagnostics"]
        }
    else:
        assert report["summary"]["ok"] is False
    for diagnostic in report["diagnostics"]:
        assert diagnostic["message"]
        assert diagnostic["severity"] in ("error", "warning")


def test_every_case_is_exercised() -> None:
    assert len([c for c in ALL_CASES if c.parent.name == "invalid"]) >= 30
