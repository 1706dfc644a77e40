"""``dehub export --format json``: the static JSON API, one file per document.

Stable: the same registry, day and commit give byte-identical files (keys in a fixed
order, UTF-8 without escapes, two-space indent, a trailing newline).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dehub_cli.export.dataset import DOCUMENT_PATHS
from dehub_cli.export.output import replace_directory

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

_TOP_LEVEL = {"index.json", *(path.split("/")[0] for path in DOCUMENT_PATHS.values())}


def document_bytes(document: Any) -> bytes:
    """One document as the API serves it."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_documents(dataset: Dataset, directory: Path) -> None:
    """Every document of the API under ``directory`` (which exists and is empty)."""
    made: set[Path] = set()
    for relative, document in dataset.documents().items():
        path = directory / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(document_bytes(document))


def is_json_api(directory: Path) -> bool:
    """Whether ``directory`` holds an earlier export of the API and nothing else."""
    names = {entry.name for entry in directory.iterdir()}
    return "index.json" in names and names <= _TOP_LEVEL


def write_json_api(dataset: Dataset, directory: Path) -> None:
    """Write the API to ``directory``, replacing an earlier export there (atomically)."""
    replace_directory(
        directory, lambda temporary: write_documents(dataset, temporary), ours=is_json_api
    )
