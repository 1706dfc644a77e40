"""``dehub list``: what the command adds to ``query.listing``: options, formats, errors.

Which rows a query gives is pinned in tests/unit/query/test_listing.py (and the names a
user may type for a sector, hub or day in tests/unit/query/test_resolve.py); here each
option must reach the query, and each output format and usage error is pinned whole.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import dehub_cli
from dehub_cli import HubQuery, OrgKind, OrgQuery, Role
from dehub_cli.query import apply_sort_and_limit, list_hubs, list_orgs
from tests.helpers import ANSI, run

D = dt.date


def listed(known_data: Path, *args: str) -> list[dict[str, Any]]:
    result = run("list", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(
    ("args", "query", "sort", "limit"),
    [
        ([], HubQuery(dt.date.today()), None, None),
        (["--as-of", "2018"], HubQuery(D(2018, 12, 31)), None, None),
        (
            ["hubs", "--sector", "Internet of Things", "--as-of", "2030-06"],
            HubQuery(D(2030, 6, 30), sector="iot"),
            None,
            None,
        ),
        (
            ["hub", "--city", "HAMBURG", "--search", "logistics", "--all"],
            HubQuery(None, city="HAMBURG", search="logistics"),
            None,
            None,
        ),
        (["hubs", "--sort", "-members", "--limit", "2"], HubQuery(dt.date.today()), "-members", 2),
        (["orgs"], OrgQuery(dt.date.today()), None, None),
        (
            ["orgs", "--hub", "Köln", "--role", "MEMBER", "--kind", "corporate", "--all"],
            OrgQuery(None, hub="koeln", role=Role.MEMBER, kind=OrgKind.CORPORATE),
            None,
            None,
        ),
        (
            ["org", "--sector", "FinTech", "--city", "köln", "--as-of", "2018-12-31"],
            OrgQuery(D(2018, 12, 31), sector="fintech", city="köln"),
            None,
            None,
        ),
        (
            ["organisations", "--search", "nürn", "--all"],
            OrgQuery(None, search="nürn"),
            None,
            None,
        ),
        (["orgs", "--sort", "since", "--limit", "3", "--all"], OrgQuery(None), "since", 3),
    ],
)
def test_options_reach_the_query(
    known_data: Path,
    args: list[str],
    query: HubQuery | OrgQuery,
    sort: str | None,
    limit: int | None,
) -> None:
    registry = dehub_cli.load(known_data).registry
    result = (
        list_hubs(registry, query) if isinstance(query, HubQuery) else list_orgs(registry, query)
    )
    expected = apply_sort_and_limit(result, sort, limit).to_data()
    assert expected, "a case whose answer is empty would not tell the options apart"
    assert listed(known_data, *args) == expected


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
        (
            ["--all", "--as-of", "2018"],
            "--all and --as-of exclude each other",
            "--all is every day, --as-of one day",
        ),
        (
            ["--as-of", "2018-13"],
            "--as-of: '2018-13': month 13 does not exist",
            "dates are ISO: 2018-12-31, 2018-12 or 2018",
        ),
        (
            ["hubs", "--kind", "startup"],
            "--kind applies to organisations",
            "dehub list orgs --kind startup",
        ),
        (
            ["hubs", "--role", "member"],
            "--role applies to organisations",
            "dehub list orgs --role member",
        ),
        (
            ["hubs", "--hub", "berlin"],
            "--hub applies to organisations",
            "dehub list orgs --hub berlin",
        ),
    ],
)
def test_usage_errors(known_data: Path, args: list[str], message: str, hint: str) -> None:
    result = run("list", *args, "--data", str(known_data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\nhint: {hint}\n"


def test_a_negative_limit_is_refused_by_the_option_parser(known_data: Path) -> None:
    result = run("list", "--limit", "-1", "--data", str(known_data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: invalid value for '--limit': input should be greater than or equal to 0\n"
        "hint: see 'dehub list --help'\n"
    )


def test_hubs_table(known_data: Path) -> None:
    result = run("list", "--data", str(known_data), "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "ID        | Name                        | Cities   | Sectors        | Members | Operators\n"
        "----------+-----------------------------+----------+----------------+---------+----------\n"
        "berlin    | IoT & FinTech Hub Berlin    | Berlin   | iot, fintech   |       3 | bp\n"
        "dortmund  | Logistics Hub Dortmund      | Dortmund | logistics      |       2 | eta\n"
        "hamburg   | Logistics Hub Hamburg       | Hamburg  | logistics, iot |       2 | gamma\n"
        "koeln     | InsurTech Hub Köln          | Köln     | insurtech      |       1 |\n"
        "nuernberg | Digital Health Hub Nürnberg | Nürnberg | iot            |       1 |\n"
        "5 hubs, as of 2030-12-31\n"
    )


def test_orgs_table_says_how_many_of_how_many(known_data: Path) -> None:
    result = run("list", "orgs", "--data", str(known_data), "--as-of", "2030", "--limit", "2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "ID    | Name                 | Kind      | City   | Hubs          | Sectors   | Member since\n"
        "------+----------------------+-----------+--------+---------------+-----------+-------------\n"
        "alpha | Alpha Payments GmbH  | startup   | Berlin | berlin        | fintech   | 2017-03\n"
        "beta  | Beta Versicherung AG | corporate | Köln   | koeln, berlin | insurtech | 2017-05\n"
        "2 of 6 organisations, as of 2030-12-31\n"
    )


def test_csv_has_a_header_and_joins_lists(known_data: Path) -> None:
    result = run("list", "orgs", "--data", str(known_data), "--format", "csv", "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "id,name,kind,city,hubs,sectors,since",
        "alpha,Alpha Payments GmbH,startup,Berlin,berlin,fintech,2017-03",
        "beta,Beta Versicherung AG,corporate,Köln,koeln; berlin,insurtech,2017-05",
        "bp,Berlin Partner,public,Berlin,berlin,iot; fintech,2016-11-17",
        "epsilon,Epsilon Med,sme,Nürnberg,nuernberg,iot,2019-07",
        "eta,Eta Logistik Institut,research,Dortmund,dortmund; hamburg,logistics,2017-04",
        "gamma,Gamma Universität,university,Hamburg,hamburg; dortmund,logistics,2017",
    ]


def test_markdown_table(known_data: Path) -> None:
    result = run("list", "--data", str(known_data), "--format", "markdown", "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "| ID | Name | Cities | Sectors | Members | Operators |\n"
        "|---|---|---|---|---:|---|\n"
        "| berlin | IoT & FinTech Hub Berlin | Berlin | iot, fintech | 3 | bp |\n"
        "| dortmund | Logistics Hub Dortmund | Dortmund | logistics | 2 | eta |\n"
        "| hamburg | Logistics Hub Hamburg | Hamburg | logistics, iot | 2 | gamma |\n"
        "| koeln | InsurTech Hub Köln | Köln | insurtech | 1 |  |\n"
        "| nuernberg | Digital Health Hub Nürnberg | Nürnberg | iot | 1 |  |\n"
        "\n"
        "5 hubs, as of 2030-12-31\n"
    )


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("list", "orgs", "--data", str(known_data), "--format", "yaml")
    assert (as_yaml.exit_code, as_yaml.stderr) == (0, "")
    assert yaml.safe_load(as_yaml.stdout) == listed(known_data, "orgs")


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
@pytest.mark.parametrize("what", ["hubs", "orgs"])
def test_no_escape_codes(known_data: Path, fmt: str, what: str) -> None:
    result = run("list", what, "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
