"""Every code is explained, and every example really fails or passes as it says."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dehub_cli.code_docs import CODE_DOCS, EXAMPLE_REGISTRY, ExampleFile
from dehub_cli.codes import Code
from dehub_cli.explain import codes_markdown
from tests.helpers import run

REPO = Path(__file__).resolve().parents[2]

NO_EXAMPLE = {Code.UNREADABLE, Code.TOO_LARGE}
"""Codes no example file can show: an unreadable file, a file of a megabyte."""


def write_example(root: Path, files: tuple[ExampleFile, ...]) -> Path:
    """The example registry with ``files`` written over it (``text=None`` removes one)."""
    data = root / "data"
    for example in (*EXAMPLE_REGISTRY, *files):
        path = data / example.path
        if example.text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(example.text.encode(example.encoding))
    return data


def codes_reported(data: Path) -> list[str]:
    result = run("validate", "--data", str(data), "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.stderr
    return [diagnostic["code"] for diagnostic in json.loads(result.stdout)["diagnostics"]]


def test_every_code_is_explained() -> None:
    assert list(CODE_DOCS) == list(Code)
    for code, doc in CODE_DOCS.items():
        for text in (doc.checks, doc.why, doc.fix):
            assert text.endswith("."), f"{code}: {text!r}"
        assert bool(doc.bad) == bool(doc.good) == (code not in NO_EXAMPLE), code


def test_example_registry_is_clean(tmp_path: Path) -> None:
    assert codes_reported(write_example(tmp_path, ())) == []


ALSO_REPORTED = {Code.INVALID_SUPPRESSION: {"DH309"}}
"""What a bad example reports besides its code: a misspelt suppression silences nothing."""


@pytest.mark.parametrize("code", [code for code in Code if code not in NO_EXAMPLE], ids=str)
def test_bad_example_reports_its_code_and_nothing_else(code: Code, tmp_path: Path) -> None:
    reported = set(codes_reported(write_example(tmp_path, CODE_DOCS[code].bad)))
    assert reported == {code.value} | ALSO_REPORTED.get(code, set())


@pytest.mark.parametrize("code", [code for code in Code if code not in NO_EXAMPLE], ids=str)
def test_good_example_reports_nothing(code: Code, tmp_path: Path) -> None:
    assert codes_reported(write_example(tmp_path, CODE_DOCS[code].good)) == []


def test_codes_md_is_generated_from_the_explanations() -> None:
    path = REPO / "docs" / "CODES.md"
    if os.environ.get("DEHUB_WRITE_DOCS") == "1":
        path.write_text(codes_markdown(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == codes_markdown(), (
        "docs/CODES.md is out of date: DEHUB_WRITE_DOCS=1 pytest tests/unit/test_code_docs.py"
    )
