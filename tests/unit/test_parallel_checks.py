"""The cold load shared between two processes gives what one process gives, in order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dehub_cli import loader
from dehub_cli.codes import Code
from dehub_cli.loader import load_registry
from tests.helpers import hub, member, org, write_registry

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    orgs = [org(f"org-{number:03d}", memberships=[member("alpha")]) for number in range(60)]
    orgs[7]["kind"] = "startp"  # invalid: DH206
    orgs[33]["memberships"] = [member("nowhere")]  # a rule across records: DH302
    root = write_registry(tmp_path, hubs=[hub("alpha")], orgs=orgs)
    (root / "orgs" / "org-050.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    return root


def _load(data: Path) -> tuple[list[tuple[Code, str, int]], list[str]]:
    result = load_registry(data, use_cache=False)
    found = [(item.code, item.file, item.line) for item in result.diagnostics]
    return found, sorted(result.registry.orgs)


def test_two_processes_find_what_one_finds(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEHUB_JOBS", "1")
    alone = _load(data)
    monkeypatch.delenv("DEHUB_JOBS")
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(loader, "SHARES", 7)
    monkeypatch.setattr(loader, "BATCH", 4)
    shared = _load(data)
    assert shared == alone
    assert sorted(code for code, _, _ in alone[0]) == ["DH103", "DH206", "DH302", "DH309"]
    assert len(alone[1]) == 58


def test_progress_counts_up_to_every_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(loader, "SHARES", 5)
    monkeypatch.setattr(loader, "BATCH", 3)
    seen: list[tuple[int, int]] = []
    load_registry(data, use_cache=False, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (62, 62)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert {total for _, total in seen} == {62}
