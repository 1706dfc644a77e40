"""Cache of the loaded registry (filled in with issue 3)."""

from __future__ import annotations

from pathlib import Path

from dehub_cli.loader import LoadResult, load_registry
from dehub_cli.rules import run_rules


def load_cached(root: Path, *, use_cache: bool = True) -> LoadResult:
    """Load the registry at ``root``."""
    return load_registry(root, rules=run_rules)
