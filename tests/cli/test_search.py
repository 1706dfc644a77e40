"""``dehub search``: forgiving search across hubs and organisations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests import query_registry
from tests.helpers import ANSI, RegistryFactory, run


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return query_registry.write(make_registry)


def found(data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("search", *args, "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    hits: list[dict[str, Any]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize("text", ["Nuernberg", "nürnberg", "Nurnberg", "Nürnbreg"])
def test_nuernberg_in_every_spelling(data: Path, text: str) -> None:
    hits = found(data, text)
    assert (hits[0]["id"], hits[0]["type"]) == ("nuernberg", "hub")
    assert "epsilon" in [hit["id"] for hit in hits]


def test_hit_shape_and_order(data: Path) -> None:
    hits = found(data, "Köln")
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


def test_sector_names_and_aliases(data: Path) -> None:
    ids = {hit["id"] for hit in found(data, "Internet der Dinge")}
    assert ids == {"berlin", "hamburg", "nuernberg", "bp", "epsilon"}


def test_typo_in_a_name(data: Path) -> None:
    assert found(data, "Versicherng")[0]["id"] == "beta"


def test_limit(data: Path) -> None:
    assert len(found(data, "hub", "--limit", "2")) == 2
    assert found(data, "hub", "--limit", "0") == []


def test_nothing_found_is_an_empty_list(data: Path) -> None:
    assert found(data, "quantum") == []


def test_one_character_is_a_usage_error(data: Path) -> None:
    result = run("search", "x", "--data", str(data))
    assert result.exit_code == 2
    assert "too short" in result.stderr


def test_csv_header_first(data: Path) -> None:
    result = run("search", "berlin", "--data", str(data), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["type", "id", "name", "matched", "score"]
    assert rows[1][:2] == ["hub", "berlin"]


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
def test_no_escape_codes(data: Path, fmt: str) -> None:
    result = run("search", "berlin", "--data", str(data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
