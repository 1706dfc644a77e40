"""Git in tests: no system or user configuration, a fixed identity, HOME in a temporary dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import AUTHOR, EMAIL


@pytest.fixture(autouse=True)
def _isolated_git(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", AUTHOR)
        monkeypatch.setenv(f"GIT_{role}_EMAIL", EMAIL)


@pytest.fixture
def repo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory for the repository, made the working directory (dehub finds data/ there)."""
    root = tmp_path / "registry"
    root.mkdir()
    monkeypatch.chdir(root)
    return root
