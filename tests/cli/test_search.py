"""``dehub search``: what the command adds to ``query.search``: the limit, formats, errors.

Which records a text finds, and in what order, is pinned in tests/unit/query/test_search.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import dehub_cli
from tests.helpers import ANSI, run


def found(known_data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("search", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    hits: list[dict[str, Any]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize(
    ("args", "text", "limit"),
    [
        (["Nürnbreg"], "Nürnbreg", 20),
        (["hub", "--limit", "2"], "hub", 2),
        (["Internet der Dinge", "--limit", "30"], "Internet der Dinge", 30),
    ],
)
def test_json_is_the_search_result(
    known_data: Path, args: list[str], text: str, limit: int
) -> None:
    expected = dehub_cli.search(dehub_cli.load(known_data).registry, text, limit=limit)
    assert expected.hits, "a case that finds nothing would not show the wiring"
    assert found(known_data, *args) == expected.to_data()


def test_nothing_found_is_an_empty_list(known_data: Path) -> None:
    result = run("search", "quantum", "--data", str(known_data), "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_limit_zero_finds_nothing(known_data: Path) -> None:
    assert found(known_data, "hub", "--limit", "0") == []


def test_one_character_is_a_usage_error(known_data: Path) -> None:
    result = run("search", "x", "--data", str(known_data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: search text 'x' is too short\nhint: type at least two letters or digits\n"
    )


def test_table(known_data: Path) -> None:
    result = run("search", "Köln", "--data", str(known_data))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Type | ID    | Name                 | Matched | Score\n"
        "-----+-------+----------------------+---------+------\n"
        "hub  | koeln | InsurTech Hub Köln   | koeln   |  1.00\n"
        "org  | beta  | Beta Versicherung AG | Köln    |  0.95\n"
        "org  | delta | Delta Pay            | Köln    |  0.95\n"
        "3 matches for 'Köln'\n"
    )


def test_empty_table_says_so(known_data: Path) -> None:
    result = run("search", "quantum", "--data", str(known_data))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Type | ID | Name | Matched | Score\n"
        "-----+----+------+---------+------\n"
        "0 matches for 'quantum'\n"
    )


def test_csv(known_data: Path) -> None:
    result = run("search", "berlin", "--data", str(known_data), "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "type,id,name,matched,score",
        "hub,berlin,IoT & FinTech Hub Berlin,berlin,1.00",
        "org,alpha,Alpha Payments GmbH,Berlin,0.95",
        "org,bp,Berlin Partner,Berlin,0.95",
    ]


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("search", "berlin", "--data", str(known_data), "--format", "yaml")
    assert (as_yaml.exit_code, as_yaml.stderr) == (0, "")
    assert yaml.safe_load(as_yaml.stdout) == found(known_data, "berlin")


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
def test_no_escape_codes(known_data: Path, fmt: str) -> None:
    result = run("search", "berlin", "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
