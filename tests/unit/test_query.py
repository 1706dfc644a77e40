"""``dehub_cli.query``: filters, sorting and the result models of list and show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dehub_cli.errors import UnknownRecord, UnknownSortKey
from dehub_cli.loader import load_registry
from dehub_cli.models import OrgKind, Role
from dehub_cli.query.detail import hub_detail, org_detail
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
from dehub_cli.query.resolve import resolve_record
from dehub_cli.registry import Registry
from dehub_cli.render.formats import render
from tests import query_registry
from tests.conftest import RegistryFactory, hub, member, org

TODAY = dt.date(2030, 1, 1)
END_2018 = dt.date(2018, 12, 31)


@pytest.fixture
def registry(make_registry: RegistryFactory) -> Registry:
    return load_registry(query_registry.write(make_registry)).registry


def ids(result: RecordList) -> list[str]:
    return [row["id"] for row in apply_sort_and_limit(result, None, None).rows]


def test_current_members_per_hub(registry: Registry) -> None:
    rows = {row["id"]: row for row in list_hubs(registry, HubQuery(TODAY)).rows}
    assert {hub_id: row["members"] for hub_id, row in rows.items()} == {
        "berlin": 3,
        "koeln": 1,
        "hamburg": 2,
        "dortmund": 2,
        "nuernberg": 1,
    }
    assert rows["berlin"]["operators"] == ["bp"]
    assert rows["hamburg"]["sectors"] == ["logistics", "iot"]


def test_hubs_as_of_a_day_use_that_days_sectors_and_hide_later_hubs(registry: Registry) -> None:
    rows = {row["id"]: row for row in list_hubs(registry, HubQuery(END_2018)).rows}
    assert "nuernberg" not in rows
    assert rows["hamburg"]["sectors"] == ["logistics"]
    assert rows["berlin"]["members"] == 4


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
    assert "delta" in ids(list_orgs(registry, OrgQuery(END_2018)))
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
    assert ids(list_orgs(registry, OrgQuery(None, city="koeln"))) == ["beta", "delta"]
    assert ids(list_orgs(registry, OrgQuery(TODAY, search="univ"))) == ["gamma"]
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


def test_hub_detail(registry: Registry) -> None:
    data = hub_detail(registry, "hamburg", TODAY).to_data()
    assert data["type"] == "hub"
    assert data["twins"] == ["dortmund"]
    assert data["sectors"] == [
        {"sector": "logistics", "since": None, "until": None},
        {"sector": "iot", "since": "2020", "until": None},
    ]
    assert data["operators"] == [{"id": "gamma", "name": "Gamma Universität"}]
    assert data["members_by_kind"] == {
        "university": [{"id": "gamma", "name": "Gamma Universität"}],
        "research": [{"id": "eta", "name": "Eta Logistik Institut"}],
    }
    assert data["former_members"] == 1
    assert data["current_members"] == 2


def test_hub_detail_former_members_exclude_future_ones(registry: Registry) -> None:
    data = hub_detail(registry, "dortmund", dt.date(2018, 1, 1)).to_data()
    assert data["members_by_kind"] == {"research": [{"id": "eta", "name": "Eta Logistik Institut"}]}
    assert data["former_members"] == 0


def test_org_detail_timeline(registry: Registry) -> None:
    data = org_detail(registry, "epsilon", TODAY).to_data()
    assert data["type"] == "org"
    assert data["memberships"] == [
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
    assert data["hubs"] == ["nuernberg"]
    assert org_detail(registry, "epsilon", dt.date(2019, 8, 1)).to_data()["hubs"] == [
        "hamburg",
        "nuernberg",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("berlin", ("hub", "berlin")),
        ("Koeln", ("hub", "koeln")),
        ("Köln", ("hub", "koeln")),
        ("Logistics Hub Dortmund", ("hub", "dortmund")),
        ("gamma", ("org", "gamma")),
        ("Beta Versicherung", ("org", "beta")),
    ],
)
def test_resolve_record(registry: Registry, text: str, expected: tuple[str, str]) -> None:
    assert resolve_record(registry, text) == expected


def test_resolve_unknown_suggests(registry: Registry) -> None:
    with pytest.raises(UnknownRecord) as caught:
        resolve_record(registry, "hmbrg")
    assert caught.value.hint == "did you mean 'hamburg'?"


def test_json_rows_have_stable_keys(registry: Registry) -> None:
    hubs = json.loads(render(list_hubs(registry, HubQuery(TODAY)), "json"))
    assert list(hubs[0]) == ["id", "name", "cities", "sectors", "members", "operators"]
    orgs = json.loads(render(list_orgs(registry, OrgQuery(TODAY)), "json"))
    assert list(orgs[0]) == ["id", "name", "kind", "city", "hubs", "sectors", "since"]


def test_membership_in_an_unknown_hub_does_not_break_show(make_registry: RegistryFactory) -> None:
    data_dir: Path = make_registry(
        hubs=[hub("berlin")], orgs=[org("lost", memberships=[member("nowhere")])]
    )
    registry = load_registry(data_dir).registry
    data = org_detail(registry, "lost", TODAY).to_data()
    assert data["memberships"][0]["hub_name"] is None
