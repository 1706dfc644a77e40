"""The git commit a registry was read from, for the provenance of an export."""

from __future__ import annotations

import subprocess
from pathlib import Path


def registry_commit(root: Path) -> str | None:
    """``git rev-parse HEAD`` in ``root``; ``None`` outside git or without git installed."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = completed.stdout.strip()
    if completed.returncode != 0 or not commit:
        return None
    return commit
