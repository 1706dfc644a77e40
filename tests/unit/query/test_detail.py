"""``dehub_cli.query.detail``: a hub or an organisation in full, as ``dehub show`` gives it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dehub_cli
from dehub_cli import Registry
from dehub_cli.query.detail import hub_detail, org_detail
from tests.helpers import SOURCE, RegistryFactory, hub, member, org

TODAY = dt.date(2030, 1, 1)


def test_hub_detail(registry: Registry) -> None:
    assert hub_detail(registry, "hamburg", TODAY).to_data() == {
        "id": "hamburg",
        "type": "hub",
        "name": "Logistics Hub Hamburg",
        "cities": ["Hamburg"],
        "laender": [],
        "announced": "2017-04-21",
        "website": None,
        "description": None,
        "as_of": "2030-01-01",
        "sectors": [
            {"sector": "logistics", "since": None, "until": None},
            {"sector": "iot", "since": "2020", "until": None},
        ],
        "twins": ["dortmund"],
        "operators": [{"id": "gamma", "name": "Gamma Universität"}],
        "current_members": 2,
        "members_by_kind": {
            "university": [{"id": "gamma", "name": "Gamma Universität"}],
            "research": [{"id": "eta", "name": "Eta Logistik Institut"}],
        },
        "former_members": 1,
        "sources": [SOURCE],
    }


def test_hub_detail_on_an_earlier_day_counts_members_of_that_day(registry: Registry) -> None:
    """End of 2018: delta is still a member of berlin (until 2018-12), so no one has left."""
    assert hub_detail(registry, "berlin", dt.date(2018, 12, 31)).to_data() == {
        "id": "berlin",
        "type": "hub",
        "name": "IoT & FinTech Hub Berlin",
        "cities": ["Berlin"],
        "laender": [],
        "announced": "2016-11-17",
        "website": None,
        "description": None,
        "as_of": "2018-12-31",
        "sectors": [
            {"sector": "iot", "since": None, "until": None},
            {"sector": "fintech", "since": None, "until": None},
        ],
        "twins": [],
        "operators": [{"id": "bp", "name": "Berlin Partner"}],
        "current_members": 4,
        "members_by_kind": {
            "startup": [
                {"id": "alpha", "name": "Alpha Payments GmbH"},
                {"id": "delta", "name": "Delta Pay"},
            ],
            "corporate": [{"id": "beta", "name": "Beta Versicherung AG"}],
            "public": [{"id": "bp", "name": "Berlin Partner"}],
        },
        "former_members": 0,
        "sources": [SOURCE],
    }
    later = hub_detail(registry, "berlin", TODAY).to_data()
    assert (later["current_members"], later["former_members"]) == (3, 1)
    assert list(later["members_by_kind"]) == ["startup", "corporate", "public"]
    assert later["members_by_kind"]["startup"] == [{"id": "alpha", "name": "Alpha Payments GmbH"}]


def test_hub_detail_former_members_exclude_future_ones(registry: Registry) -> None:
    data = hub_detail(registry, "dortmund", dt.date(2018, 1, 1)).to_data()
    assert data["members_by_kind"] == {"research": [{"id": "eta", "name": "Eta Logistik Institut"}]}
    assert data["former_members"] == 0


def test_org_detail_timeline(registry: Registry) -> None:
    assert org_detail(registry, "epsilon", TODAY).to_data() == {
        "id": "epsilon",
        "type": "org",
        "name": "Epsilon Med",
        "kind": "sme",
        "city": "Nürnberg",
        "founded": None,
        "website": None,
        "description": None,
        "sectors": ["iot"],
        "as_of": "2030-01-01",
        "memberships": [
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
        ],
        "hubs": ["nuernberg"],
        "sources": [SOURCE],
    }
    assert org_detail(registry, "epsilon", dt.date(2019, 8, 1)).to_data()["hubs"] == [
        "hamburg",
        "nuernberg",
    ]


def test_a_former_member_has_no_hubs(registry: Registry) -> None:
    before = org_detail(registry, "delta", dt.date(2018, 6, 30)).to_data()
    after = org_detail(registry, "delta", TODAY).to_data()
    assert (before["hubs"], [m["active"] for m in before["memberships"]]) == (["berlin"], [True])
    assert (after["hubs"], [m["active"] for m in after["memberships"]]) == ([], [False])


def test_membership_in_an_unknown_hub_does_not_break_show(make_registry: RegistryFactory) -> None:
    data_dir: Path = make_registry(
        hubs=[hub("berlin")], orgs=[org("lost", memberships=[member("nowhere")])]
    )
    registry = dehub_cli.load(data_dir, use_cache=False).registry
    data = org_detail(registry, "lost", TODAY).to_data()
    assert data["memberships"] == [
        {
            "hub": "nowhere",
            "hub_name": None,
            "role": "member",
            "since": "2017-01-01",
            "since_stated": True,
            "until": None,
            "until_stated": None,
            "active": True,
            "sources": [],
        }
    ]
    assert data["hubs"] == ["nowhere"]
