"""The pull-request workflow of docs/examples does what docs/HISTORY.md says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / "docs" / "examples" / "pr-summary.yml"


def steps() -> list[dict[str, Any]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = workflow["jobs"]["summary"]["steps"]
    return found


def test_checkout_fetches_the_history() -> None:
    checkout = steps()[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0


def test_one_comment_found_by_its_marker() -> None:
    runs = [step.get("run", "") for step in steps()]
    summary = next(text for text in runs if "--format markdown" in text)
    script = next(step["with"]["script"] for step in steps() if "script" in step.get("with", {}))
    assert "echo '<!-- dehub-diff -->'" in summary
    assert summary.index("<!-- dehub-diff -->") < summary.index("dehub diff")
    assert "const marker = '<!-- dehub-diff -->';" in script
    assert "updateComment" in script
    assert "createComment" in script


def test_diff_against_the_target_branch_and_validation_last() -> None:
    runs = [step["run"] for step in steps() if "run" in step]
    assert 'dehub diff "origin/${BASE_REF}...HEAD" --format github' in runs
    assert runs[-1] == "dehub validate --format github"
