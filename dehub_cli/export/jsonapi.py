"""``dehub export --format json``: the static JSON API, one file per document.

Stable: the same registry, day and commit give byte-identical files (keys in a fixed
order, UTF-8 without escapes, two-space indent, a trailing newline).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from dehub_cli.export.dataset import DOCUMENT_PATHS
from dehub_cli.export.output import replace_directory

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

_TOP_LEVEL = {"index.json", *(path.split("/")[0] for path in DOCUMENT_PATHS.values())}


_ENCODER = msgspec.json.Encoder()


def document_bytes(document: Any) -> bytes:
    """One document as the API serves it: the text ``json.dumps(document, indent=2,
    ensure_ascii=False)`` gives, with a newline, written by msgspec (ten times faster).
    Floats below 1e-4 or from 1e16 up, which no registry value reaches, are written as
    ``1e-7`` where ``json`` writes ``1e-07``."""
    return msgspec.json.format(_ENCODER.encode(document), indent=2) + b"\n"


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
