"""Real git repositories in temporary directories, for the history tests."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import write_registry


class _NoAliases(yaml.SafeDumper):
    """The strict reader refuses aliases: write a value used twice out twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


AUTHOR = "Hub Manager"
EMAIL = "manager@example.org"


class GitRepo:
    """A git repository holding a registry under ``data/``; commits get fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self._tick = 0

    @classmethod
    def create(cls, root: Path, **registry: Any) -> GitRepo:
        root.mkdir(parents=True, exist_ok=True)
        repo = cls(root)
        repo.git("init", "-q", "-b", "main")
        write_registry(root, **registry)
        return repo

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        completed = subprocess.run(
            ["git", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert completed.returncode == 0, completed.stderr
        return completed.stdout.strip()

    def commit(self, message: str, *, day: str | None = None) -> str:
        """Commit everything; each commit one hour after the last unless ``day`` is given."""
        import os

        self._tick += 1
        when = f"{day}T12:00:00+00:00" if day else f"2024-05-01T{self._tick:02d}:00:00+00:00"
        env = dict(os.environ)
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        self.git("add", "-A", env=env)
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.head()

    def head(self, revision: str = "HEAD") -> str:
        return self.git("rev-parse", revision)

    def write_org(self, record: dict[str, Any], name: str | None = None) -> Path:
        return self._write("orgs", record, name)

    def write_hub(self, record: dict[str, Any], name: str | None = None) -> Path:
        return self._write("hubs", record, name)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def _write(self, directory: str, record: dict[str, Any], name: str | None) -> Path:
        path = self.data / directory / f"{name or record['id']}.yaml"
        text = yaml.dump(record, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
        path.write_text(text, "utf-8")
        return path
