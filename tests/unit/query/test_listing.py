"""``dehub_cli.query.listing``: filters, sorting, limits and the rows of ``dehub list``."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dehub_cli import Registry
from dehub_cli.errors import UnknownSortKey
from dehub_cli.models import OrgKind, Role
from dehub_cli.query.listing import (
    HUB_COLUMNS,
    ORG_COLUMNS,
    HubQuery,
    OrgQuery,
    RecordList,
    apply_sort_and_limit,
    list_hubs,
    list_orgs,
    sort_key_of,
)
from dehub_cli.render.formats import render

TODAY = dt.date(2030, 1, 1)
END_2018 = dt.date(2018, 12, 31)


def ids(result: RecordList) -> list[str]:
    return [row["id"] for row in apply_sort_and_limit(result, None, None).rows]


def test_hub_rows_count_current_members(registry: Registry) -> None:
    assert list_hubs(registry, HubQuery(TODAY)).to_data() == [
        {
            "id": "berlin",
            "name": "IoT & FinTech Hub Berlin",
            "cities": ["Berlin"],
            "sectors": ["iot", "fintech"],
            "members": 3,
            "operators": ["bp"],
        },
        {
            "id": "dortmund",
            "name": "Logistics Hub Dortmund",
            "cities": ["Dortmund"],
            "sectors": ["logistics"],
            "members": 2,
            "operators": ["eta"],
        },
        {
            "id": "hamburg",
            "name": "Logistics Hub Hamburg",
            "cities": ["Hamburg"],
            "sectors": ["logistics", "iot"],
            "members": 2,
            "operators": ["gamma"],
        },
        {
            "id": "koeln",
            "name": "InsurTech Hub Köln",
            "cities": ["Köln"],
            "sectors": ["insurtech"],
            "members": 1,
            "operators": [],
        },
        {
            "id": "nuernberg",
            "name": "Digital Health Hub Nürnberg",
            "cities": ["Nürnberg"],
            "sectors": ["iot"],
            "members": 1,
            "operators": [],
        },
    ]


def test_hubs_as_of_a_day_use_that_days_sectors_and_hide_later_hubs(registry: Registry) -> None:
    rows = {row["id"]: row for row in list_hubs(registry, HubQuery(END_2018)).rows}
    assert "nuernberg" not in rows
    assert rows["hamburg"]["sectors"] == ["logistics"]
    assert rows["berlin"]["members"] == 4


def test_a_member_counts_from_the_day_it_joins(registry: Registry) -> None:
    """gamma joined dortmund in June 2018: counted on 30 June, not on 31 May."""
    members = {
        day: {row["id"]: row["members"] for row in list_hubs(registry, HubQuery(day)).rows}
        for day in (dt.date(2018, 5, 31), dt.date(2018, 6, 30))
    }
    assert members[dt.date(2018, 5, 31)]["dortmund"] == 1
    assert members[dt.date(2018, 6, 30)]["dortmund"] == 2


def test_hubs_all_time(registry: Registry) -> None:
    rows = {row["id"]: row for row in list_hubs(registry, HubQuery(None)).rows}
    assert rows["berlin"]["members"] == 4
    assert rows["hamburg"]["members"] == 3


def test_hub_filters(registry: Registry) -> None:
    assert ids(list_hubs(registry, HubQuery(TODAY, sector="iot"))) == [
        "berlin",
        "hamburg",
        "nuernberg",
    ]
    assert ids(list_hubs(registry, HubQuery(END_2018, sector="iot"))) == ["berlin"]
    assert ids(list_hubs(registry, HubQuery(TODAY, city="Nuernberg"))) == ["nuernberg"]
    for city in ("Koeln", "köln", "Köln", "KOELN"):
        assert ids(list_hubs(registry, HubQuery(TODAY, city=city))) == ["koeln"], city
    assert ids(list_hubs(registry, HubQuery(TODAY, search="logistics"))) == [
        "dortmund",
        "hamburg",
    ]


def test_orgs_default_to_current_members(registry: Registry) -> None:
    assert ids(list_orgs(registry, OrgQuery(TODAY))) == [
        "alpha",
        "beta",
        "bp",
        "epsilon",
        "eta",
        "gamma",
    ]
    assert ids(list_orgs(registry, OrgQuery(END_2018))) == [
        "alpha",
        "beta",
        "bp",
        "delta",
        "eta",
        "gamma",
    ]
    assert ids(list_orgs(registry, OrgQuery(dt.date(2017, 2, 1)))) == ["bp", "delta", "gamma"]
    assert ids(list_orgs(registry, OrgQuery(None))) == [
        "alpha",
        "beta",
        "bp",
        "delta",
        "epsilon",
        "eta",
        "gamma",
        "zeta",
    ]


def test_org_filters_combine(registry: Registry) -> None:
    assert ids(list_orgs(registry, OrgQuery(TODAY, kind=OrgKind.STARTUP))) == ["alpha"]
    assert ids(list_orgs(registry, OrgQuery(None, kind=OrgKind.STARTUP))) == ["alpha", "delta"]
    assert ids(list_orgs(registry, OrgQuery(TODAY, sector="fintech"))) == ["alpha", "bp"]
    for city in ("Koeln", "köln", "Köln", "KOELN"):
        assert ids(list_orgs(registry, OrgQuery(TODAY, city=city))) == ["beta"], city
        assert ids(list_orgs(registry, OrgQuery(None, city=city))) == ["beta", "delta"], city
    assert ids(list_orgs(registry, OrgQuery(TODAY, search="univ"))) == ["gamma"]
    assert ids(list_orgs(registry, OrgQuery(TODAY, search="versicherung"))) == ["beta"]
    assert ids(list_orgs(registry, OrgQuery(None, sector="fintech", kind=OrgKind.STARTUP))) == [
        "alpha",
        "delta",
    ]


def test_hub_and_role_apply_to_the_same_membership(registry: Registry) -> None:
    assert ids(list_orgs(registry, OrgQuery(TODAY, role=Role.OPERATOR))) == ["bp", "eta", "gamma"]
    operators = OrgQuery(TODAY, hub="hamburg", role=Role.OPERATOR)
    assert ids(list_orgs(registry, operators)) == ["gamma"]
    # eta operates dortmund and is a member of hamburg: no single membership matches both.
    assert "eta" not in ids(list_orgs(registry, operators))
    dortmund = OrgQuery(TODAY, hub="dortmund", role=Role.OPERATOR)
    assert ids(list_orgs(registry, dortmund)) == ["eta"]


@pytest.mark.parametrize("text", ["nurn", "Nürn", "nuern"])
def test_search_matches_umlauts_either_way(registry: Registry, text: str) -> None:
    assert ids(list_orgs(registry, OrgQuery(TODAY, search=text))) == ["epsilon"]
    assert ids(list_orgs(registry, OrgQuery(TODAY, search=text + "x"))) == []


def test_orgs_of_a_hub(registry: Registry) -> None:
    assert ids(list_orgs(registry, OrgQuery(TODAY, hub="berlin"))) == ["alpha", "beta", "bp"]
    assert ids(list_orgs(registry, OrgQuery(None, hub="berlin"))) == [
        "alpha",
        "beta",
        "bp",
        "delta",
    ]
    assert ids(list_orgs(registry, OrgQuery(TODAY, hub="koeln"))) == ["beta"]


def test_org_rows(registry: Registry) -> None:
    assert list_orgs(registry, OrgQuery(TODAY)).to_data() == [
        {
            "id": "alpha",
            "name": "Alpha Payments GmbH",
            "kind": "startup",
            "city": "Berlin",
            "hubs": ["berlin"],
            "sectors": ["fintech"],
            "since": "2017-03",
        },
        {
            "id": "beta",
            "name": "Beta Versicherung AG",
            "kind": "corporate",
            "city": "Köln",
            "hubs": ["koeln", "berlin"],
            "sectors": ["insurtech"],
            "since": "2017-05",
        },
        {
            "id": "bp",
            "name": "Berlin Partner",
            "kind": "public",
            "city": "Berlin",
            "hubs": ["berlin"],
            "sectors": ["iot", "fintech"],
            "since": "2016-11-17",
        },
        {
            "id": "epsilon",
            "name": "Epsilon Med",
            "kind": "sme",
            "city": "Nürnberg",
            "hubs": ["nuernberg"],
            "sectors": ["iot"],
            "since": "2019-07",
        },
        {
            "id": "eta",
            "name": "Eta Logistik Institut",
            "kind": "research",
            "city": "Dortmund",
            "hubs": ["dortmund", "hamburg"],
            "sectors": ["logistics"],
            "since": "2017-04",
        },
        {
            "id": "gamma",
            "name": "Gamma Universität",
            "kind": "university",
            "city": "Hamburg",
            "hubs": ["hamburg", "dortmund"],
            "sectors": ["logistics"],
            "since": "2017",
        },
    ]


def test_member_since_is_the_earliest_matching_membership(registry: Registry) -> None:
    rows = {row["id"]: row for row in list_orgs(registry, OrgQuery(TODAY)).rows}
    assert rows["beta"]["since"] == "2017-05"
    assert rows["beta"]["hubs"] == ["koeln", "berlin"]
    assert rows["gamma"]["since"] == "2017"
    in_berlin = {row["id"]: row for row in list_orgs(registry, OrgQuery(TODAY, hub="berlin")).rows}
    assert in_berlin["beta"]["since"] == "2018-01"
    no_membership = {row["id"]: row for row in list_orgs(registry, OrgQuery(None)).rows}
    assert no_membership["zeta"]["since"] is None
    assert no_membership["zeta"]["hubs"] == []


def test_sort_numbers_largest_first_and_minus_reverses(registry: Registry) -> None:
    result = list_hubs(registry, HubQuery(TODAY))
    by_members = apply_sort_and_limit(result, "members", None).rows
    assert [row["id"] for row in by_members] == [
        "berlin",
        "dortmund",
        "hamburg",
        "koeln",
        "nuernberg",
    ]
    reverse = apply_sort_and_limit(result, "-members", None).rows
    assert [row["id"] for row in reverse] == [
        "koeln",
        "nuernberg",
        "dortmund",
        "hamburg",
        "berlin",
    ]


def test_sort_text_and_dates_with_empty_values_last(registry: Registry) -> None:
    result = list_orgs(registry, OrgQuery(None))
    by_since = [row["id"] for row in apply_sort_and_limit(result, "since", None).rows]
    assert by_since == ["bp", "gamma", "delta", "alpha", "eta", "beta", "epsilon", "zeta"]
    by_city = [row["id"] for row in apply_sort_and_limit(result, "city", None).rows]
    assert by_city[:2] == ["alpha", "bp"]
    assert by_city[-1] == "zeta"


def test_limit_keeps_total(registry: Registry) -> None:
    result = apply_sort_and_limit(list_hubs(registry, HubQuery(TODAY)), "name", 2)
    assert [row["id"] for row in result.rows] == ["nuernberg", "koeln"]
    assert result.total == 5
    assert apply_sort_and_limit(result, None, 0).rows == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("members", "members"),
        ("Member since", "since"),
        ("member-since", "since"),
        ("city", "city"),
    ],
)
def test_sort_key_names(text: str, key: str) -> None:
    columns = HUB_COLUMNS if key == "members" else ORG_COLUMNS
    assert sort_key_of(columns, text)[0].key == key


def test_sort_key_alias_city_for_hubs() -> None:
    assert sort_key_of(HUB_COLUMNS, "city")[0].key == "cities"


def test_unknown_sort_key_suggests() -> None:
    with pytest.raises(UnknownSortKey) as caught:
        sort_key_of(HUB_COLUMNS, "membrs")
    assert caught.value.hint == "did you mean 'members'?"


def test_json_rows_have_stable_keys(registry: Registry) -> None:
    hubs = json.loads(render(list_hubs(registry, HubQuery(TODAY)), "json"))
    assert list(hubs[0]) == ["id", "name", "cities", "sectors", "members", "operators"]
    orgs = json.loads(render(list_orgs(registry, OrgQuery(TODAY)), "json"))
    assert list(orgs[0]) == ["id", "name", "kind", "city", "hubs", "sectors", "since"]
