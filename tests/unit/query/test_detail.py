"""``dehub_cli.query.detail``: a hub or an organisation in full, as ``dehub show`` gives it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dehub_cli
from dehub_cli import Registry
from dehub_cli.query.detail import hub_detail, org_detail
from tests.helpers import RegistryFactory, hub, member, org

TODAY = dt.date(2030, 1, 1)


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


def test_membership_in_an_unknown_hub_does_not_break_show(make_registry: RegistryFactory) -> None:
    data_dir: Path = make_registry(
        hubs=[hub("berlin")], orgs=[org("lost", memberships=[member("nowhere")])]
    )
    registry = dehub_cli.load(data_dir, use_cache=False).registry
    data = org_detail(registry, "lost", TODAY).to_data()
    assert data["memberships"][0]["hub_name"] is None
