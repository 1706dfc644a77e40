"""The strict YAML reader: values by YAML 1.2 rules, and every defence as a problem code."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehub_cli.yamlparse import MAX_DEPTH, parse_yaml, resolve_plain


def codes(text: str) -> list[str]:
    return [problem.code for problem in parse_yaml(text).problems]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        ("-7", -7),
        ("1.5", 1.5),
        ("0x1F", 31),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("2017-04-21", "2017-04-21"),
        ("2017-04", "2017-04"),
        ("1:20", "1:20"),
        ("Köln", "Köln"),
        ("+49 30", "+49 30"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value


def test_values_and_nesting() -> None:
    parsed = parse_yaml("a: 1\nb: [x, {c: 'd'}]\ne:\n  - f\n")
    assert parsed.problems == []
    assert parsed.value == {"a": 1, "b": ["x", {"c": "d"}], "e": ["f"]}


def test_quoted_scalars_stay_text() -> None:
    assert parse_yaml("a: '2017'\nb: \"yes\"\nc: 'null'\n").value == {
        "a": "2017",
        "b": "yes",
        "c": "null",
    }


def test_duplicate_key_is_an_error_with_its_line() -> None:
    parsed = parse_yaml("name: A\ncity: Berlin\nname: B\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("DH104", 3, 1)]


def test_duplicate_key_in_nested_mapping() -> None:
    assert codes("m:\n  - hub: a\n    hub: b\n") == ["DH104"]


def test_alias_bomb_is_refused_without_expansion() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 30):  # 10**30 elements if expanded
        prev, name = f"a{index - 1}" if index > 1 else "a", f"a{index}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    parsed = parse_yaml("\n".join(lines) + "\n")
    assert {problem.code for problem in parsed.problems} == {"DH105"}
    assert all(item is None for item in parsed.value["a29"])


def test_merge_key_is_refused() -> None:
    assert codes("base: {a: 1}\nother:\n  <<: {b: 2}\n") == ["DH105"]


def test_python_tag_is_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    parsed = parse_yaml(text)
    assert [p.code for p in parsed.problems] == ["DH106"]
    assert parsed.value == {"a": [f"touch {marker}"]}  # plain data, nothing constructed
    assert not marker.exists()


def test_custom_tag_is_refused() -> None:
    assert codes("a: !secret value\n") == ["DH106"]


def test_standard_tags_are_read() -> None:
    parsed = parse_yaml("a: !!str 2017\nb: !!int '5'\n")
    assert parsed.problems == []
    assert parsed.value == {"a": "2017", "b": 5}


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off", "y", "n"])
def test_yaml_1_1_booleans_are_flagged(word: str) -> None:
    parsed = parse_yaml(f"city: {word}\n")
    assert [p.code for p in parsed.problems] == ["DH111"]
    assert parsed.value == {"city": word}


def test_several_documents() -> None:
    parsed = parse_yaml("a: 1\n---\nb: 2\n")
    assert [(p.code, p.line) for p in parsed.problems] == [("DH107", 2)]


def test_tabs_in_indentation() -> None:
    parsed = parse_yaml("a:\n\t- b\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("DH110", 2, 1)]


def test_tab_inside_a_quoted_value_is_fine() -> None:
    assert parse_yaml('a: "x\ty"\n').problems == []


def test_syntax_error_has_a_position() -> None:
    (problem,) = parse_yaml("a: [1, 2\nb: 3\n").problems
    assert problem.code == "DH103"
    assert problem.line >= 1


def test_complex_key() -> None:
    assert codes("? [a, b]\n: c\n") == ["DH112"]


def test_a_complex_key_drops_its_value_and_nothing_else() -> None:
    parsed = parse_yaml("name: x\n[a, b]: true\n{c: d}: [1]\nkind: k\nlist:\n  - z\n")
    assert [problem.code for problem in parsed.problems] == ["DH112", "DH112"]
    assert parsed.value == {"name": "x", "kind": "k", "list": ["z"]}


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 5
    assert "DH113" in codes("a: " + "[" * depth + "]" * depth + "\n")


def test_positions_are_tracked_on_request() -> None:
    parsed = parse_yaml(
        "id: x\nmemberships:\n  - hub: berlin\n    since: 2017\n", track_positions=True
    )
    assert parsed.position(("memberships", 0, "since")) == (4, 12)
    assert parsed.position(("memberships", 0, "since"), key=True) == (4, 5)
    assert parsed.position(("memberships", 0, "missing")) == (3, 5)


def test_crlf_and_fast_path_agree_with_careful_path() -> None:
    text = "id: x\r\nname: 'Köln'\r\nlist:\r\n  - 1\r\n  - two\r\n"
    assert (
        parse_yaml(text).value
        == parse_yaml(text, track_positions=True).value
        == {
            "id": "x",
            "name": "Köln",
            "list": [1, "two"],
        }
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\na: 2\n", "DH104"),
        ("a: &x 1\nb: *x\n", "DH105"),
        ("a: !!python/name:os.system x\n", "DH106"),
        ("a: on\n", "DH111"),
        ("a: 1\n---\nb: 2\n", "DH107"),
        ("a: [1\n", "DH103"),
    ],
)
def test_pure_python_fallback_reports_the_same(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from dehub_cli import yamlparse

    monkeypatch.setattr(yamlparse, "_Parser", yaml.SafeLoader)
    assert {problem.code for problem in parse_yaml(text).problems} == {code}
    assert parse_yaml("a: [1, {b: c}]\n").value == {"a": [1, {"b": "c"}]}
