"""Fuzzing ``dehub validate``: a mutated registry yields diagnostics, never a crash.

Each example takes the shipped registry (copied once to a temporary directory), mutates
a few of its files the way hand edits, bad merges, other tools and attackers do (flipped
bytes, dropped or doubled lines, broken indentation, ``!!python/object`` tags, anchors
and aliases, NFD text, raw control characters, very long lines) and runs ``dehub
validate --format json --no-cache`` in-process. Whatever the input:

- no exception escapes (only ``SystemExit``), and the exit code is 0, 1 or 2;
- the output is one JSON document of the documented shape;
- every diagnostic names a file and a line; line 0 only for codes about a whole file.

Bounded and reproducible: a fixed seed per example and ``EXAMPLES`` examples (a few
seconds). ``DEHUB_FUZZ_EXAMPLES=2000`` runs more, to look for new failures.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from dehub_cli.codes import Code
from tests.helpers import run

SHIPPED = Path(__file__).resolve().parent.parent / "data"
EXAMPLES = int(os.environ.get("DEHUB_FUZZ_EXAMPLES", "60"))
SEED = 20261128

WHOLE_FILE_CODES = {
    Code.UNREADABLE,
    Code.NOT_UTF8,
    Code.TOO_LARGE,
    Code.EMPTY,
    Code.NOT_NFC,
    Code.NO_VOCABULARY,
    Code.ID_MISMATCH,
}
"""Codes whose diagnostic may concern the file as a whole (line 0)."""

Mutation = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick(rng: random.Random, lines: list[bytes]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    mutable = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        index = rng.randrange(len(mutable))
        mutable[index] ^= 1 << rng.randrange(8)
    return bytes(mutable)


def drop_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) > 1:
        del lines[_pick(rng, lines)]
    return b"\n".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(rng, lines)
    lines.insert(index, lines[index] if lines else b"")
    return b"\n".join(lines)


def reindent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(rng, lines)
    line = lines[index].lstrip(b" ")
    lines[index] = rng.choice([b"", b" ", b"   ", b"\t", b"  \t", b" " * 40]) + line
    return b"\n".join(lines)


def _insert_line(rng: random.Random, data: bytes, new: bytes) -> bytes:
    lines = _lines(data)
    lines.insert(_pick(rng, lines), new)
    return b"\n".join(lines)


def insert_tag(rng: random.Random, data: bytes) -> bytes:
    tag = rng.choice(
        [
            b"x: !!python/object/apply:os.system ['echo pwned']",
            b"name: !!python/name:os.system",
            b"kind: !!binary aGVsbG8=",
            b"sectors: !custom [a]",
            b"since: !!timestamp 2017-01-01",
            b"id: !!str 123",
        ]
    )
    return _insert_line(rng, data, tag)


def anchors_and_aliases(rng: random.Random, data: bytes) -> bytes:
    snippet = rng.choice(
        [
            b"a: &a [x, y]\nb: *a",
            b"<<: {name: merged}",
            b"name: *undefined",
            b"l0: &l0 [a, a]\nl1: &l1 [*l0, *l0]\nl2: &l2 [*l1, *l1]\nl3: [*l2, *l2]",
            b"sources: &s\n  - url: https://example.org/\nmore: *s",
        ]
    )
    return _insert_line(rng, data, snippet)


def decompose(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    if rng.random() < 0.5:
        text += '\n# Mu\u0308ller\nname: "Mu\u0308nchen"\n'
    return unicodedata.normalize("NFD", text).encode("utf-8")


def control_characters(rng: random.Random, data: bytes) -> bytes:
    char = rng.choice(["\x00", "\x07", "\x1b[2J", "\x7f", "\x85", "\x9b", "\u202e", "\u2028", "\r"])
    if rng.random() < 0.5:
        index = rng.randrange(len(data) + 1)
        return data[:index] + char.encode("utf-8") + data[index:]
    escaped = char.encode("unicode_escape").decode("ascii")
    return _insert_line(rng, data, f'name: "Evil{escaped}GmbH"'.encode())


def long_line(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([10_000, 200_000, 1_100_000])
    filler = rng.choice([b"x", b"[", b"- ", b"a: ", b"\xc3\xa4"])
    return _insert_line(rng, data, b"description: " + filler * (size // len(filler)))


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def replace_whole(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(
        [
            b"",
            b"\n\n",
            b"# only a comment\n",
            b"---\na: 1\n---\nb: 2\n",
            b"- a\n- b\n",
            b"just text",
            b"\xff\xfe\x00\x00",
            bytes(rng.randrange(256) for _ in range(200)),
            b"{" * 2000,
            b"a:\n" + b"  " * 300 + b"b: 1\n",
            b"\xef\xbb\xbf\xef\xbb\xbfid: x\n",
            b"? [complex, key]\n: value\n",
            b"yes: no\non: off\n",
        ]
    )


def line_endings(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick(rng, lines)
    lines[index] = lines[index] + rng.choice([b"\r", b"\r\r", b"\x0c", b"\x0b"])
    return b"\n".join(lines)


MUTATIONS: list[Mutation] = [
    flip_bytes,
    drop_line,
    duplicate_line,
    reindent,
    insert_tag,
    anchors_and_aliases,
    decompose,
    control_characters,
    long_line,
    truncate,
    replace_whole,
    line_endings,
]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHIPPED / "orgs").is_dir():
        pytest.skip("no shipped registry")
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(SHIPPED, root)
    return root


def mutate(root: Path, seed: int) -> dict[Path, bytes]:
    """Mutate a few files of ``root`` by ``seed``; returns their original bytes."""
    rng = random.Random(seed)
    files = sorted(root.rglob("*.yaml"))
    originals: dict[Path, bytes] = {}
    for path in rng.sample(files, rng.randint(1, 3)):
        data = originals.setdefault(path, path.read_bytes())
        for mutation in rng.choices(MUTATIONS, k=rng.randint(1, 3)):
            data = mutation(rng, data)
        path.write_bytes(data)
    return originals


def check_validate(root: Path) -> None:
    result = run("validate", "--data", str(root), "--format", "json", "--no-cache")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"diagnostics", "summary"}
    for diagnostic in report["diagnostics"]:
        assert set(diagnostic) == {"file", "line", "column", "code", "severity", "message", "hint"}
        assert diagnostic["file"], diagnostic
        assert isinstance(diagnostic["line"], int), diagnostic
        assert diagnostic["line"] >= 0, diagnostic
        assert diagnostic["line"] > 0 or Code(diagnostic["code"]) in WHOLE_FILE_CODES, diagnostic
        assert diagnostic["message"], diagnostic
        assert diagnostic["severity"] in ("error", "warning"), diagnostic


KNOWN_FAILURES: dict[int, str] = {}
"""Examples that fail in code this suite does not own: seed -> reason (xfail, strict)."""


def _example(index: int) -> object:
    seed = SEED + index
    if seed in KNOWN_FAILURES:
        return pytest.param(seed, marks=pytest.mark.xfail(reason=KNOWN_FAILURES[seed], strict=True))
    return seed


@pytest.mark.parametrize("seed", [_example(index) for index in range(EXAMPLES)])
def test_validate_survives_a_mutated_registry(registry: Path, seed: int) -> None:
    originals = mutate(registry, seed)
    try:
        check_validate(registry)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)


# --- what fuzzing found, kept as regression tests --------------------------------------------

BASE = Path(__file__).resolve().parent / "cases" / "_base"


def validate_one(tmp_path: Path, name: str, text: bytes) -> list[dict[str, object]]:
    root = tmp_path / "data"
    shutil.copytree(BASE, root)
    (root / "orgs" / name).write_bytes(text)
    result = run("validate", "--data", str(root), "--format", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.stdout
    return [d for d in json.loads(result.stdout)["diagnostics"] if str(d["file"]).endswith(name)]


def test_a_raw_control_character_is_reported_where_it_is(tmp_path: Path) -> None:
    text = b'id: bell\nname: Test\nkind: startup\ncity: "K\x07ln"\nsources:\n  - url: https://example.org/\n'
    [diagnostic] = validate_one(tmp_path, "bell.yaml", text)
    assert diagnostic["code"] == "DH103"
    assert (diagnostic["line"], diagnostic["column"]) == (4, 9)
    assert "\n" not in str(diagnostic["message"])


def test_a_tab_inside_a_block_scalar_is_content(tmp_path: Path) -> None:
    text = (
        b"id: tab\nname: Test\nkind: startup\ndescription: |\n  first line\n"
        b"  \tindented with a tab\nsources:\n  - url: https://example.org/\n"
    )
    assert validate_one(tmp_path, "tab.yaml", text) == []
