"""``dehub show``: a hub or an organisation in full, found forgivingly."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import query_registry
from tests.conftest import RegistryFactory
from tests.helpers import run

ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return query_registry.write(make_registry)


def shown(data: Path, *args: str) -> dict[str, Any]:
    result = run("show", *args, "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def test_hub(data: Path) -> None:
    record = shown(data, "berlin")
    assert record["id"] == "berlin"
    assert record["type"] == "hub"
    assert record["name"] == "IoT & FinTech Hub Berlin"
    assert record["cities"] == ["Berlin"]
    assert record["announced"] == "2016-11-17"
    assert record["operators"] == [{"id": "bp", "name": "Berlin Partner"}]
    assert record["members_by_kind"] == {
        "startup": [{"id": "alpha", "name": "Alpha Payments GmbH"}],
        "corporate": [{"id": "beta", "name": "Beta Versicherung AG"}],
        "public": [{"id": "bp", "name": "Berlin Partner"}],
    }
    assert list(record["members_by_kind"]) == ["startup", "corporate", "public"]
    assert record["former_members"] == 1
    assert record["sources"] == [
        {"url": "https://example.org/source", "title": "Test source", "date": "2018-03-27"}
    ]


def test_hub_sectors_over_time_and_twins(data: Path) -> None:
    record = shown(data, "hamburg")
    assert record["sectors"] == [
        {"sector": "logistics", "since": None, "until": None},
        {"sector": "iot", "since": "2020", "until": None},
    ]
    assert record["twins"] == ["dortmund"]
    assert record["former_members"] == 1


def test_hub_as_of(data: Path) -> None:
    record = shown(data, "berlin", "--as-of", "2018")
    assert [m["id"] for m in record["members_by_kind"]["startup"]] == ["alpha", "delta"]
    assert record["former_members"] == 0
    assert record["as_of"] == "2018-12-31"


@pytest.mark.parametrize("text", ["koeln", "Koeln", "Köln", "köln", "InsurTech Hub Köln"])
def test_hub_by_name_or_city(data: Path, text: str) -> None:
    assert shown(data, text)["id"] == "koeln"


def test_org_timeline(data: Path) -> None:
    record = shown(data, "epsilon")
    assert record["type"] == "org"
    assert record["kind"] == "sme"
    assert record["city"] == "Nürnberg"
    assert record["memberships"] == [
        {
            "hub": "hamburg",
            "hub_name": "Logistics Hub Hamburg",
            "role": "member",
            "since": "2019-01",
            "since_stated": True,
            "until": "2019-12",
            "until_stated": True,
            "active": False,
            "sources": [],
        },
        {
            "hub": "nuernberg",
            "hub_name": "Digital Health Hub Nürnberg",
            "role": "member",
            "since": "2019-07",
            "since_stated": True,
            "until": None,
            "until_stated": None,
            "active": True,
            "sources": [],
        },
    ]
    assert record["hubs"] == ["nuernberg"]


def test_org_by_name(data: Path) -> None:
    assert shown(data, "Beta Versicherung")["id"] == "beta"


def test_former_member_has_no_hubs(data: Path) -> None:
    record = shown(data, "delta")
    assert record["hubs"] == []
    assert shown(data, "delta", "--as-of", "2018-06")["hubs"] == ["berlin"]


def test_one_close_match_is_taken(data: Path) -> None:
    assert shown(data, "hamburgg")["id"] == "hamburg"
    assert shown(data, "Nurnberg")["id"] == "nuernberg"  # umlaut left out
    assert shown(data, "NUERNBERG")["id"] == "nuernberg"


def test_unknown_id_suggests(data: Path) -> None:
    result = run("show", "hmbrg", "--data", str(data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: no hub or organisation 'hmbrg'\nhint: did you mean 'hamburg'?\n"
    )


def test_an_org_by_a_close_name(data: Path) -> None:
    assert shown(data, "gama")["id"] == "gamma"
    assert shown(data, "Beta Versicherung SE & Co. KG")["id"] == "beta"


def test_several_close_matches_are_named(data: Path) -> None:
    result = run("show", "pay", "--data", str(data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: 'pay' matches several records\nhint: did you mean 'alpha', 'delta'?\n"
    )


def test_table_has_facts_members_sectors_sources(data: Path) -> None:
    result = run("show", "berlin", "--data", str(data))
    assert result.exit_code == 0
    text = result.stdout
    for part in ("Hub berlin", "Current members (3)", "Sectors over time", "Sources"):
        assert part in text
    assert "Berlin Partner (bp)" in text


def test_csv_is_the_main_table(data: Path) -> None:
    hub_rows = list(
        csv.reader(io.StringIO(run("show", "berlin", "-d", str(data), "-f", "csv").stdout))
    )
    assert hub_rows[0] == ["kind", "id", "name", "roles", "since"]
    assert [row[1] for row in hub_rows[1:]] == ["alpha", "beta", "bp"]
    org_rows = list(
        csv.reader(io.StringIO(run("show", "beta", "-d", str(data), "-f", "csv").stdout))
    )
    assert org_rows[0] == ["hub", "hub_name", "role", "since", "until", "active", "sources"]
    assert [row[0] for row in org_rows[1:]] == ["koeln", "berlin"]


def test_yaml_equals_json(data: Path) -> None:
    as_yaml = run("show", "gamma", "--data", str(data), "--format", "yaml")
    assert yaml.safe_load(as_yaml.stdout) == shown(data, "gamma")


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
@pytest.mark.parametrize("record", ["berlin", "beta"])
def test_no_escape_codes(data: Path, fmt: str, record: str) -> None:
    result = run("show", record, "--data", str(data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
