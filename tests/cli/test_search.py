"""``dehub search``: forgiving search across hubs and organisations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ANSI, run


def found(known_data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("search", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    hits: list[dict[str, Any]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize("text", ["Nuernberg", "nürnberg", "Nurnberg", "Nürnbreg"])
def test_nuernberg_in_every_spelling(known_data: Path, text: str) -> None:
    hits = found(known_data, text)
    assert (hits[0]["id"], hits[0]["type"]) == ("nuernberg", "hub")
    assert "epsilon" in [hit["id"] for hit in hits]


def test_hit_shape_and_order(known_data: Path) -> None:
    hits = found(known_data, "Köln")
    assert hits[0] == {
        "id": "koeln",
        "type": "hub",
        "name": "InsurTech Hub Köln",
        "score": 1.0,
        "matched": "koeln",
    }
    assert [hit["id"] for hit in hits] == ["koeln", "beta", "delta"]
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_sector_names_and_aliases(known_data: Path) -> None:
    ids = {hit["id"] for hit in found(known_data, "Internet der Dinge")}
    assert ids == {"berlin", "hamburg", "nuernberg", "bp", "epsilon"}


def test_typo_in_a_name(known_data: Path) -> None:
    assert found(known_data, "Versicherng")[0]["id"] == "beta"


def test_limit(known_data: Path) -> None:
    assert len(found(known_data, "hub", "--limit", "2")) == 2
    assert found(known_data, "hub", "--limit", "0") == []


def test_nothing_found_is_an_empty_list(known_data: Path) -> None:
    assert found(known_data, "quantum") == []


def test_one_character_is_a_usage_error(known_data: Path) -> None:
    result = run("search", "x", "--data", str(known_data))
    assert result.exit_code == 2
    assert "too short" in result.stderr


def test_csv_header_first(known_data: Path) -> None:
    result = run("search", "berlin", "--data", str(known_data), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["type", "id", "name", "matched", "score"]
    assert rows[1][:2] == ["hub", "berlin"]


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
def test_no_escape_codes(known_data: Path, fmt: str) -> None:
    result = run("search", "berlin", "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
