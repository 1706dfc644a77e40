"""``dehub show``: what the command adds to ``query.detail``: the day, the formats, the errors.

The documents themselves are pinned in tests/unit/query/test_detail.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import dehub_cli
from dehub_cli.query.detail import hub_detail, org_detail
from tests.helpers import ANSI, RegistryFactory, hub, org, run

SOURCES_TABLE = (
    "Sources\n"
    "Date       | Title       | URL\n"
    "-----------+-------------+---------------------------\n"
    "2018-03-27 | Test source | https://example.org/source\n"
)


def shown(known_data: Path, *args: str) -> dict[str, Any]:
    result = run("show", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    record: dict[str, Any] = json.loads(result.stdout)
    return record


@pytest.mark.parametrize(
    ("text", "as_of", "day"),
    [
        ("berlin", "2018", dt.date(2018, 12, 31)),
        ("Köln", "2019-02", dt.date(2019, 2, 28)),
        ("epsilon", "2019-08-01", dt.date(2019, 8, 1)),
        ("Beta Versicherung", "2030", dt.date(2030, 12, 31)),
    ],
)
def test_json_is_the_detail_of_the_record_named_on_the_last_day_of_as_of(
    known_data: Path, text: str, as_of: str, day: dt.date
) -> None:
    registry = dehub_cli.load(known_data).registry
    kind, record_id = dehub_cli.resolve_record(registry, text)
    detail = hub_detail if kind == "hub" else org_detail
    assert shown(known_data, text, "--as-of", as_of) == detail(registry, record_id, day).to_data()


def test_without_as_of_the_day_is_today(known_data: Path) -> None:
    assert shown(known_data, "delta")["as_of"] == dt.date.today().isoformat()


def test_bad_as_of_is_a_usage_error(known_data: Path) -> None:
    result = run("show", "berlin", "--as-of", "2018-13", "--data", str(known_data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: --as-of: '2018-13': month 13 does not exist\n"
        "hint: dates are ISO: 2018-12-31, 2018-12 or 2018\n"
    )


def test_one_close_match_is_taken(known_data: Path) -> None:
    assert shown(known_data, "hamburgg")["id"] == "hamburg"
    assert shown(known_data, "Nurnberg")["id"] == "nuernberg"  # umlaut left out
    assert shown(known_data, "NUERNBERG")["id"] == "nuernberg"


def test_unknown_id_suggests(known_data: Path) -> None:
    result = run("show", "hmbrg", "--data", str(known_data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: no hub or organisation 'hmbrg'\nhint: did you mean 'hamburg'?\n"
    )


def test_an_org_by_a_close_name(known_data: Path) -> None:
    assert shown(known_data, "gama")["id"] == "gamma"
    assert shown(known_data, "Beta Versicherung SE & Co. KG")["id"] == "beta"


def test_several_close_matches_are_named(known_data: Path) -> None:
    result = run("show", "pay", "--data", str(known_data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: 'pay' matches several records\nhint: did you mean 'alpha', 'delta'?\n"
    )


def test_hub_table(known_data: Path) -> None:
    result = run("show", "berlin", "--data", str(known_data), "--as-of", "2030")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "Hub berlin\n"
        "  id               berlin\n"
        "  name             IoT & FinTech Hub Berlin\n"
        "  cities           Berlin\n"
        "  announced        2016-11-17\n"
        "  twins            none\n"
        "  operators        Berlin Partner (bp)\n"
        "  current members  3\n"
        "  former members   1\n"
        "  as of            2030-12-31\n"
        "\n"
        "Current members (3)\n"
        "Kind      | ID    | Name                 | Roles    | Since\n"
        "----------+-------+----------------------+----------+-----------\n"
        "startup   | alpha | Alpha Payments GmbH  | member   | 2017-03\n"
        "corporate | beta  | Beta Versicherung AG | member   | 2018-01\n"
        "public    | bp    | Berlin Partner       | operator | 2016-11-17\n"
        "\n"
        "Sectors over time\n"
        "Sector  | Name               | Since | Until\n"
        "--------+--------------------+-------+------\n"
        "iot     | Internet of Things |       |\n"
        "fintech | FinTech            |       |\n"
        "\n" + SOURCES_TABLE
    )


def test_org_table(known_data: Path) -> None:
    result = run("show", "beta", "--data", str(known_data), "--as-of", "2030")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "Organisation beta\n"
        "  id       beta\n"
        "  name     Beta Versicherung AG\n"
        "  kind     corporate\n"
        "  city     Köln\n"
        "  founded\n"
        "  sectors  insurtech\n"
        "  hubs     koeln, berlin\n"
        "  as of    2030-12-31\n"
        "\n"
        "Memberships\n"
        "Hub    | Hub name                 | Role   | Since   | Until | Active | Sources\n"
        "-------+--------------------------+--------+---------+-------+--------+--------\n"
        "koeln  | InsurTech Hub Köln       | member | 2017-05 |       | yes    |\n"
        "berlin | IoT & FinTech Hub Berlin | member | 2018-01 |       | yes    |\n"
        "\n" + SOURCES_TABLE
    )


def test_csv_is_the_main_table(known_data: Path) -> None:
    hub_csv = run("show", "berlin", "-d", str(known_data), "-f", "csv", "--as-of", "2030")
    assert (hub_csv.exit_code, hub_csv.stderr) == (0, "")
    assert hub_csv.stdout.splitlines() == [
        "kind,id,name,roles,since",
        "startup,alpha,Alpha Payments GmbH,member,2017-03",
        "corporate,beta,Beta Versicherung AG,member,2018-01",
        "public,bp,Berlin Partner,operator,2016-11-17",
    ]
    org_csv = run("show", "beta", "-d", str(known_data), "-f", "csv", "--as-of", "2030")
    assert (org_csv.exit_code, org_csv.stderr) == (0, "")
    assert org_csv.stdout.splitlines() == [
        "hub,hub_name,role,since,until,active,sources",
        "koeln,InsurTech Hub Köln,member,2017-05,,yes,",
        "berlin,IoT & FinTech Hub Berlin,member,2018-01,,yes,",
    ]


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("show", "gamma", "--data", str(known_data), "--format", "yaml")
    assert (as_yaml.exit_code, as_yaml.stderr) == (0, "")
    assert yaml.safe_load(as_yaml.stdout) == shown(known_data, "gamma")


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table"])
@pytest.mark.parametrize("record", ["berlin", "beta"])
def test_no_escape_codes(known_data: Path, fmt: str, record: str) -> None:
    result = run("show", record, "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)


def test_a_hub_without_a_known_city_shows_its_land(make_registry: RegistryFactory) -> None:
    data = make_registry(hubs=[hub("bayern", cities=[], laender=["DE-BY"])])
    result = run("show", "bayern", "--data", str(data), "--as-of", "2030")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "Hub bayern",
        "  id               bayern",
        "  name             Hub bayern",
        "  cities           none recorded",
        "  Länder           DE-BY",
    ]
    shown = json.loads(run("show", "bayern", "--data", str(data), "-f", "json").stdout)
    assert (shown["cities"], shown["laender"]) == ([], ["DE-BY"])


def test_a_record_left_out_for_its_errors_is_not_replaced_by_a_close_one(
    make_registry: RegistryFactory,
) -> None:
    data = make_registry(
        hubs=[hub("berlin", name="Hub \x1b[31m Berlin")],
        orgs=[org("berlin-partner", name="Berlin Partner")],
    )
    result = run("show", "berlin", "--data", str(data))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'\n"
        f"error: {data}/hubs/berlin.yaml has errors, so 'berlin' is left out\n"
        "hint: run 'dehub validate' to see them\n"
    )
