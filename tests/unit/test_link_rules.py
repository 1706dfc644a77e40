"""The cheap "nothing to report" check agrees with the linking rules it stands in for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dehub_cli.dates import PartialDate
from dehub_cli.entries import HubFacts, org_entry
from dehub_cli.models import Org, Sector
from dehub_cli.rules import RuleView, nothing_to_link, org_findings

HUBS = {"berlin": HubFacts("Berlin", ("Berlin",), PartialDate(2017, 4, 21)), "old": HubFacts()}
SECTORS = {"iot": Sector(id="iot", name="IoT", name_de="IoT")}


def view(*, vocabulary: bool = True) -> RuleView:
    return RuleView(HUBS, {}, SECTORS, {}, {}, today=dt.date(2026, 11, 28), vocabulary=vocabulary)


def entry(sectors: list[str], *memberships: dict[str, Any]) -> Any:
    record = {"name": "X", "kind": "startup", "sectors": sectors, "memberships": memberships}
    return org_entry(Org.model_validate({**record, "sources": [{"url": "https://e.org"}]}))


@pytest.mark.parametrize(
    ("org", "quick", "codes"),
    [
        (entry(["iot"], {"hub": "berlin", "since": "2017-04-21"}), True, []),
        (entry(["iot"], {"hub": "berlin", "first_seen": "2020"}, {"hub": "old"}), True, []),
        (entry([], {"hub": "berlin"}), True, []),  # an unknown start precedes nothing
        # The year 2017 may start after 21 April: the rules decide (and find nothing).
        (entry([], {"hub": "berlin", "since": "2017"}), False, []),
        (entry([], {"hub": "berlin", "since": "2017-03"}), False, ["DH307"]),
        (entry(["fintech"], {"hub": "berlin", "since": "2018"}), False, ["DH303"]),
        (entry([], {"hub": "hamburg", "since": "2018"}), False, ["DH302"]),
    ],
)
def test_the_quick_check_says_nothing_only_where_the_rules_find_nothing(
    org: Any, quick: bool, codes: list[str]
) -> None:
    assert nothing_to_link(view(), org) is quick
    assert [finding.code for finding in org_findings(view(), "x", org)] == codes


def test_without_a_vocabulary_sectors_are_not_looked_at() -> None:
    org = entry(["fintech"], {"hub": "berlin", "since": "2018"})
    assert nothing_to_link(view(vocabulary=False), org)
    assert org_findings(view(vocabulary=False), "x", org) == []
