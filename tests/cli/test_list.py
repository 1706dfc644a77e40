"""``dehub list``: filters, time, sorting, formats and usage errors on a small registry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ANSI, run


def listed(known_data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("list", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def ids(known_data: Path, *args: str) -> list[str]:
    return [row["id"] for row in listed(known_data, *args)]


def test_hubs_is_the_default(known_data: Path) -> None:
    rows = listed(known_data)
    assert [row["id"] for row in rows] == ["berlin", "dortmund", "hamburg", "koeln", "nuernberg"]
    berlin = rows[0]
    assert berlin == {
        "id": "berlin",
        "name": "IoT & FinTech Hub Berlin",
        "cities": ["Berlin"],
        "sectors": ["iot", "fintech"],
        "members": 3,
        "operators": ["bp"],
    }


@pytest.mark.parametrize("sector", ["iot", "IoT", "Internet of Things", "internet der dinge"])
def test_hubs_by_sector_name_or_alias(known_data: Path, sector: str) -> None:
    assert ids(known_data, "hubs", "--sector", sector) == ["berlin", "hamburg", "nuernberg"]


def test_hubs_as_of_uses_that_days_sectors(known_data: Path) -> None:
    assert ids(known_data, "--sector", "iot", "--as-of", "2018-12-31") == ["berlin"]
    rows = listed(known_data, "--as-of", "2018")
    assert [row["id"] for row in rows] == ["berlin", "dortmund", "hamburg", "koeln"]
    assert rows[0]["members"] == 4


def test_as_of_month_is_its_last_day(known_data: Path) -> None:
    # gamma joined dortmund in June 2018: counted on 2018-06-30, not on 2018-05-31.
    assert listed(known_data, "--as-of", "2018-06")[1]["members"] == 2
    assert listed(known_data, "--as-of", "2018-05")[1]["members"] == 1


@pytest.mark.parametrize("city", ["Koeln", "köln", "Köln", "KOELN"])
def test_city_forgives_case_and_umlauts(known_data: Path, city: str) -> None:
    assert ids(known_data, "hubs", "--city", city) == ["koeln"]
    assert ids(known_data, "orgs", "--city", city) == ["beta"]
    assert ids(known_data, "orgs", "--city", city, "--all") == ["beta", "delta"]


def test_orgs_are_current_members_by_default(known_data: Path) -> None:
    assert ids(known_data, "orgs") == ["alpha", "beta", "bp", "epsilon", "eta", "gamma"]


def test_orgs_all_includes_former_and_unattached(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--all") == [
        "alpha",
        "beta",
        "bp",
        "delta",
        "epsilon",
        "eta",
        "gamma",
        "zeta",
    ]


def test_orgs_as_of(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--as-of", "2018-12-31") == [
        "alpha",
        "beta",
        "bp",
        "delta",
        "eta",
        "gamma",
    ]
    assert ids(known_data, "orgs", "--as-of", "2017-02-01") == ["bp", "delta", "gamma"]


def test_org_row(known_data: Path) -> None:
    rows = {row["id"]: row for row in listed(known_data, "orgs")}
    assert rows["beta"] == {
        "id": "beta",
        "name": "Beta Versicherung AG",
        "kind": "corporate",
        "city": "Köln",
        "hubs": ["koeln", "berlin"],
        "sectors": ["insurtech"],
        "since": "2017-05",
    }


def test_orgs_of_a_hub_by_id_name_or_city(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--hub", "berlin") == ["alpha", "beta", "bp"]
    assert ids(known_data, "orgs", "--hub", "Berlin", "--all") == ["alpha", "beta", "bp", "delta"]
    assert ids(known_data, "orgs", "--hub", "Köln") == ["beta"]
    assert listed(known_data, "orgs", "--hub", "berlin")[1]["since"] == "2018-01"


def test_kind_role_and_sector(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--kind", "startup") == ["alpha"]
    assert ids(known_data, "orgs", "--kind", "STARTUP", "--all") == ["alpha", "delta"]
    assert ids(known_data, "orgs", "--role", "operator") == ["bp", "eta", "gamma"]
    assert ids(known_data, "orgs", "--sector", "FinTech") == ["alpha", "bp"]
    assert ids(known_data, "orgs", "--sector", "fintech") == ["alpha", "bp"]


def test_hub_and_role_must_hold_for_one_membership(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--hub", "hamburg", "--role", "operator") == ["gamma"]
    assert ids(known_data, "orgs", "--hub", "dortmund", "--role", "operator") == ["eta"]


def test_search_filter(known_data: Path) -> None:
    assert ids(known_data, "orgs", "--search", "versicherung") == ["beta"]
    assert ids(known_data, "orgs", "--search", "nurn") == ["epsilon"]
    assert ids(known_data, "orgs", "--search", "Nürn") == ["epsilon"]
    assert ids(known_data, "orgs", "--search", "nuern") == ["epsilon"]
    assert ids(known_data, "orgs", "--search", "nurnx") == []
    assert ids(known_data, "hubs", "--search", "Logistics") == ["dortmund", "hamburg"]


def test_sort_and_limit(known_data: Path) -> None:
    assert ids(known_data, "--sort", "members", "--limit", "2") == ["berlin", "dortmund"]
    assert ids(known_data, "--sort", "-members") == [
        "koeln",
        "nuernberg",
        "dortmund",
        "hamburg",
        "berlin",
    ]
    assert ids(known_data, "orgs", "--sort", "since") == [
        "bp",
        "gamma",
        "alpha",
        "eta",
        "beta",
        "epsilon",
    ]
    assert ids(known_data, "orgs", "--sort", "name", "--limit", "0") == []


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--sector", "fintex"], "unknown sector 'fintex'", "did you mean 'fintech'?"),
        (["orgs", "--hub", "hamburk"], "unknown hub 'hamburk'", "did you mean 'hamburg'?"),
        (["orgs", "--kind", "startp"], "unknown kind 'startp'", "did you mean 'startup'?"),
        (["orgs", "--role", "operater"], "unknown role 'operater'", "did you mean 'operator'?"),
        (["--sort", "membrs"], "cannot sort by 'membrs'", "did you mean 'members'?"),
        (["hbs"], "cannot list 'hbs'", "did you mean 'hubs'?"),
        (["--format", "jsn"], "unknown format 'jsn'", "did you mean 'json'?"),
    ],
)
def test_usage_errors_suggest(known_data: Path, args: list[str], message: str, hint: str) -> None:
    result = run("list", *args, "--data", str(known_data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"error: {message}" in result.stderr
    assert f"hint: {hint}" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--all", "--as-of", "2018"],
        ["--as-of", "2018-13"],
        ["hubs", "--kind", "startup"],
        ["hubs", "--role", "member"],
        ["--limit", "-1"],
    ],
)
def test_other_usage_errors(known_data: Path, args: list[str]) -> None:
    result = run("list", *args, "--data", str(known_data))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_csv_header_first_and_lists_joined(known_data: Path) -> None:
    result = run("list", "orgs", "--data", str(known_data), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "name", "kind", "city", "hubs", "sectors", "since"]
    beta = next(row for row in rows if row[0] == "beta")
    assert beta[4] == "koeln; berlin"


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("list", "orgs", "--data", str(known_data), "--format", "yaml")
    assert yaml.safe_load(as_yaml.stdout) == listed(known_data, "orgs")


def test_markdown_table(known_data: Path) -> None:
    result = run("list", "--data", str(known_data), "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "| ID | Name | Cities | Sectors | Members | Operators |"
    assert lines[2] == "| berlin | IoT & FinTech Hub Berlin | Berlin | iot, fintech | 3 | bp |"


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
@pytest.mark.parametrize("what", ["hubs", "orgs"])
def test_no_escape_codes(known_data: Path, fmt: str, what: str) -> None:
    result = run("list", what, "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)


def test_table_shows_every_column(known_data: Path) -> None:
    result = run("list", "orgs", "--data", str(known_data))
    header = result.stdout.splitlines()[0]
    for title in ("ID", "Name", "Kind", "City", "Hubs", "Sectors", "Member since"):
        assert title in header
    assert "6 organisations, as of" in result.stdout
