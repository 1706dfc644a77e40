"""The line reader for canonical files: it reads what libyaml reads, or declines.

Whatever :func:`parse_block` returns must be exactly (types included) what libyaml's
events give; anything it is not sure of must go to libyaml. Generated texts mix the
constructs of registry files with every YAML trap nearby.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks.synth import write_synthetic_registry
from dehub_cli.yamlblock import parse_block
from dehub_cli.yamlparse import _parse_clean, parse_yaml
from dehub_cli.yamlscalar import NeedsCarefulParse

REPOSITORY = Path(__file__).resolve().parents[2]


def same(left: Any, right: Any) -> bool:
    """Equal values of equal types, in the same key order; NaN equals NaN."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def agrees(text: str) -> bool:
    """Whether the line reader declines ``text`` or reads what libyaml reads."""
    try:
        mine = parse_block(text)
    except NeedsCarefulParse:
        return True
    try:
        reference = _parse_clean(text)
    except (NeedsCarefulParse, yaml.YAMLError) as error:
        raise AssertionError(f"libyaml does not read it plainly ({error!r}): {text!r}") from None
    assert same(mine, reference), (text, mine, reference)
    return False


KEYS = ["id", "name", "a", "b", "yes", "True", "null", "x_1", "first_seen", "k" * 130]
VALUES = [
    *("x", "München", "Foo & Bar", "C#", "a  b", "e.V.", "http://x.org/a?b=c", "x ", "x  "),
    *("yes", "No", "ON", "y", "true", "False", "~", "null", "NULL", ".nan", ".NaN", ".inf"),
    *("1", "-1", "+1", "007", "1.5", "1.", ".5", "1e3", "1E-3", "0x1F", "0xZ", "0o17", "0o9"),
    *("2021", "2021-09", "2021-09-23", "1_000", "12:30", "1,5"),
    *("a #b", "a# b", "a: b", "a:", "a:b", "a :b", " x", "-x", "- x", "?x", ":x", "--"),
    *('"q"', '""', '"q\\"x"', '"a\\nb"', '"a" b', '"a"#c', '"a #b"', "'s'", "''", "'it''s'"),
    *("'a' b", "|", "|-", ">", ">-", "|+", ">2", "| #c", "[a]", "{a: b}", "[]", "&a x", "*a"),
    *("!!str x", "!x y", "%x", "@x", "`x", "a\tb", "a\u00a0b", "a\u2028b", "a\x85b", "\ufeffx"),
    *("a\rb", "a\x1bb", "a\x7fb", "😀"),
]
RAW_LINES = [
    *("", "  ", "#c", "  # c", "---", "--- x", "...", "%YAML 1.2", "text line", "  text line"),
    *("    more text", "\t- x", "-", "- ", "-  ", "- # c", "? a", ": b", "a ", "  - - x"),
    *("    - x", "  -x", "<<: x", '"a": b', "'a': b", "a b: c", "a-b: c", "{a: 1}"),
]


@st.composite
def key_line(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]))
    dash = draw(st.sampled_from(["", "", "- ", "-  "]))
    key = draw(st.sampled_from(KEYS))
    colon = draw(st.sampled_from([":", ":", ": ", ":  ", " :"]))
    value = draw(st.sampled_from(["", *VALUES])) if colon.endswith(" ") else ""
    return f"{indent}{dash}{key}{colon}{value}"


@st.composite
def item_line(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([0, 2, 2, 4, 6]))
    return f"{indent}- {draw(st.sampled_from(VALUES))}"


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.one_of(key_line(), key_line(), item_line(), st.sampled_from(RAW_LINES)),
            min_size=1,
            max_size=12,
        )
    )
    end = draw(st.sampled_from(["\n", "\n", "\n\n", ""]))
    return "\n".join(lines) + end


SAFE_VALUES = [
    *("x", "München", "Foo & Bar", "C#", "a  b", "e.V.", "https://x.org/a?b=c#d", "x "),
    *("true", "False", "~", "null", ".nan", ".inf", "-.inf", "1", "+1", "007", "1.5", "1."),
    *(".5", "1e3", "0x1F", "0xZ", "0o17", "0o9", "2021", "2021-09-23", "1_000", "12:30"),
    *('"q"', '""', '"a #b"', '"yes"', "'s'", "''", "'1'", "a:b", "😀", "a - b", "a,b"),
]


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A mapping written as block YAML, each line as a string without its indentation
    base (the caller indents); values come from both the safe and the trap lists."""
    step = draw(st.sampled_from([2, 2, 2, 3, 4]))
    keys = draw(st.lists(st.sampled_from(KEYS[:-1]), min_size=1, max_size=5, unique=True))
    lines: list[str] = []
    for key in keys:
        shape = draw(st.sampled_from(["scalar"] * 4 + ["block", "items", "maps", "map", "none"]))
        if depth >= 2 and shape in ("maps", "map"):
            shape = "scalar"
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["# note", "", "  # indented note"])))
        if shape == "scalar":
            lines.append(f"{key}: {draw(st.sampled_from(SAFE_VALUES + VALUES[:12]))}")
        elif shape == "none":
            lines.append(f"{key}:")
        elif shape == "block":
            header = draw(st.sampled_from(["|", "|-", ">", ">-"]))
            body = draw(st.lists(st.sampled_from(["a", "b c", "# not a comment", "x: y", ""])))
            lines.append(f"{key}: {header}")
            lines += [(" " * step + line) if line else "" for line in body or ["z"]]
        elif shape == "items":
            lines.append(f"{key}:")
            items = draw(st.lists(st.sampled_from(SAFE_VALUES), min_size=1, max_size=3))
            lines += [" " * step + "- " + item for item in items]
        elif shape == "maps":
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(1, 2))):
                inner = draw(documents(depth + 1))
                gap = draw(st.sampled_from([" ", " ", "  "]))
                lines.append(" " * step + "-" + gap + inner[0])
                lines += [
                    (" " * (step + 1 + len(gap)) + line) if line else "" for line in inner[1:]
                ]
        else:
            lines.append(f"{key}:")
            lines += [(" " * step + line) if line else "" for line in draw(documents(depth + 1))]
    return lines


@st.composite
def near_documents(draw: st.DrawFn) -> str:
    """A generated document, sometimes with one line or character changed."""
    lines = draw(documents())
    change = draw(st.sampled_from(["none"] * 3 + ["line", "char", "drop"]))
    if change == "line":
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(RAW_LINES + [f"  - {v}" for v in VALUES])))
    text = "\n".join(lines) + "\n"
    if change in ("char", "drop") and text:
        at = draw(st.integers(0, len(text) - 1))
        insert = "" if change == "drop" else draw(st.sampled_from(list(" -:#'\"|>\t\n&*!x")))
        text = text[:at] + insert + text[at + 1 :]
    return text


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
@example("a: 1\nb:\n  - x\n  - c: d\n    e: >-\n      f\n      g\n")
@example("a: |\n  x\n\n  y\n\nb: z\n")
@example("a: >\n  x\n  y\n")
@example("a:\n  b:\n    c: |-\n      x\n")
def test_reads_what_libyaml_reads_or_declines(text: str) -> None:
    agrees(text)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_documents())
def test_documents_are_read_as_libyaml_reads_them(text: str) -> None:
    agrees(text)


def test_most_generated_documents_are_read_by_lines() -> None:
    """The property above tests something: the line reader takes most documents."""
    read: list[bool] = []

    @settings(max_examples=500, deadline=None, database=None)
    @given(documents())
    def collect(lines: list[str]) -> None:
        read.append(not agrees("\n".join(lines) + "\n"))

    collect()
    assert sum(read) > len(read) * 0.3


CANONICAL = """\
# comment
id: org-1
name: "Daten 1 GmbH"
kind: startup
founded: 2017
description: >-
  First line;
  second line.
notes: |
  Line one

  Line three
sectors:
  - fintech
  - iot
memberships:
  - hub: berlin
    role: member
    since: 2021-09-23
    # a comment inside
    until:
sources:
  - url: https://example.org/a#b
    title: 'A page'
"""


def test_a_canonical_record_is_read_by_lines() -> None:
    assert not agrees(CANONICAL)
    assert parse_block(CANONICAL) == {
        "id": "org-1",
        "name": "Daten 1 GmbH",
        "kind": "startup",
        "founded": 2017,
        "description": "First line; second line.",
        "notes": "Line one\n\nLine three\n",
        "sectors": ["fintech", "iot"],
        "memberships": [{"hub": "berlin", "role": "member", "since": "2021-09-23", "until": None}],
        "sources": [{"url": "https://example.org/a#b", "title": "A page"}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",  # a YAML 1.1 boolean: DH111 comes from the careful parser
        "a: 1\na: 2\n",  # a duplicate key: DH112
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: [1, 2]\n",
        'a: "\\u00e9"\n',
        "a: b # comment\n",
        "a:\tb\n",
        "a: b\r\n",
        "a: b",  # no final line break
        "a:\n- b\n",  # a list at its key's indentation
        "a: |+\n  b\n",
        "a: >\n  b\n\n  c\n",
        "a: >\n  b\n    c\n",
        "---\na: b\n",
        '"a": b\n',
        "- a\n",
        "a\n",
        "",
        "# only a comment\n",
    ],
)
def test_anything_unusual_goes_to_libyaml(text: str) -> None:
    with pytest.raises(NeedsCarefulParse):
        parse_block(text)


def test_the_problems_of_a_declined_file_are_still_reported() -> None:
    assert [problem.code for problem in parse_yaml("a: yes\nb: 1\nb: 2\n").problems] == [
        "DH111",
        "DH104",
    ]


def test_registry_and_synthetic_files_are_read_alike(tmp_path: Path) -> None:
    files = sorted((REPOSITORY / "data").rglob("*.yaml"))
    files += sorted(write_synthetic_registry(tmp_path, orgs=300).rglob("*.yaml"))
    read_by_lines = [path for path in files if not agrees(path.read_text(encoding="utf-8"))]
    # The synthetic files are all canonical; most of the real ones are.
    assert len(read_by_lines) > len(files) * 0.8
