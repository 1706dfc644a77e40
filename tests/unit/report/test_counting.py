"""The counting rules of ``dehub report`` on hand-made registries with known answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dehub_cli import Registry
from dehub_cli.report.counting import (
    GROUPS,
    KIND_GROUP,
    Census,
    Counts,
    changes_between,
    count_on,
    snapshot,
    yearly_series,
)
from tests.helpers import build_registry, hub, member, org

D = dt.date


def one_org(*memberships: dict[str, Any], **fields: Any) -> Registry:
    return build_registry(
        [hub("berlin"), hub("koeln")], [org("acme", memberships=list(memberships), **fields)]
    )


def total(registry: Registry, day: dt.date, **filters: Any) -> int:
    return count_on(registry, day, **filters).organisations


# -- one membership: the day boundaries ------------------------------------------------------


def test_joining_on_31_december_counts_that_day_and_not_the_day_before() -> None:
    registry = one_org(member("berlin", "2018-12-31"))
    assert total(registry, D(2018, 12, 30)) == 0
    assert total(registry, D(2018, 12, 31)) == 1


def test_leaving_on_1_january_counts_through_that_day() -> None:
    registry = one_org(member("berlin", "2017-03-01", until="2019-01-01"))
    assert total(registry, D(2018, 12, 31)) == 1
    assert total(registry, D(2019, 1, 1)) == 1
    assert total(registry, D(2019, 1, 2)) == 0


def test_year_only_since_means_1_january_and_year_only_until_31_december() -> None:
    registry = one_org(member("berlin", 2018, until=2019))
    assert total(registry, D(2017, 12, 31)) == 0
    assert total(registry, D(2018, 1, 1)) == 1
    assert total(registry, D(2019, 12, 31)) == 1
    assert total(registry, D(2020, 1, 1)) == 0


def test_month_only_dates_mean_the_first_and_the_last_day_of_the_month() -> None:
    registry = one_org(member("berlin", "2018-02", until="2020-02"))
    assert total(registry, D(2018, 1, 31)) == 0
    assert total(registry, D(2018, 2, 1)) == 1
    assert total(registry, D(2020, 2, 29)) == 1  # leap year: the month's last day
    assert total(registry, D(2020, 3, 1)) == 0


def test_open_membership_counts_on_any_later_day() -> None:
    registry = one_org(member("berlin", "2017-05-02"))
    assert total(registry, D(2100, 1, 1)) == 1


def test_former_member_no_longer_counts() -> None:
    registry = build_registry(
        [hub("berlin")],
        [
            org("gone", memberships=[member("berlin", "2017-01-01", until="2018-06-30")]),
            org("stays", memberships=[member("berlin", "2017-01-01")]),
        ],
    )
    assert count_on(registry, D(2018, 6, 30)).organisations == 2
    assert count_on(registry, D(2018, 7, 1)).organisations == 1
    assert Census.of(registry).active_orgs(D(2018, 7, 1)) == {"stays"}


def test_org_without_memberships_never_counts() -> None:
    registry = one_org()
    assert count_on(registry, D(2020, 1, 1)) == Counts()


def test_every_role_counts() -> None:
    registry = build_registry(
        [hub("berlin")],
        [
            org(f"o-{role}", memberships=[member("berlin", "2017-01-01", role=role)])
            for role in ("member", "operator", "partner", "mentor", "investor")
        ],
    )
    assert total(registry, D(2017, 1, 1)) == 5


# -- groups ---------------------------------------------------------------------------------


def test_kinds_fall_into_the_published_groups() -> None:
    kinds = [
        "startup",
        "sme",
        "corporate",
        "university",
        "research",
        "investor",
        "accelerator",
        "association",
        "public",
    ]
    registry = build_registry(
        [hub("berlin")],
        [org(kind, kind=kind, memberships=[member("berlin", "2017")]) for kind in kinds],
    )
    assert count_on(registry, D(2017, 6, 1)).as_dict() == {
        "startups": 1,
        "companies": 2,
        "universities": 1,
        "research": 1,
        "investors": 1,
        "others": 3,
        "organisations": 9,
    }


def test_every_kind_has_a_group_and_counts_keys_are_the_groups() -> None:
    assert set(KIND_GROUP.values()) == set(GROUPS) - {"organisations"}
    assert tuple(Counts().as_dict()) == GROUPS
    assert Counts(startups=3)["startups"] == 3
    with pytest.raises(KeyError):
        Counts()["as_dict"]


# -- two hubs, hub rows and sector rows -----------------------------------------------------


def test_org_in_two_hubs_counts_once_in_totals_and_once_per_hub() -> None:
    registry = one_org(member("berlin", "2017-01-01"), member("koeln", "2017-06-01"))
    day = snapshot(registry, D(2017, 12, 31))
    assert day.totals.organisations == 1
    assert day.totals.startups == 1
    assert day.by_hub["berlin"].organisations == 1
    assert day.by_hub["koeln"].organisations == 1


def test_two_memberships_in_one_hub_count_once() -> None:
    registry = one_org(
        member("berlin", "2017-01-01"), member("berlin", "2017-06-01", role="partner")
    )
    day = snapshot(registry, D(2017, 12, 31))
    assert day.totals.organisations == 1
    assert day.by_hub["berlin"].organisations == 1


def test_hub_rows_count_only_memberships_active_in_that_hub() -> None:
    registry = one_org(
        member("berlin", "2017-01-01", until="2017-12-31"), member("koeln", "2018-01-01")
    )
    day = snapshot(registry, D(2018, 1, 1))
    assert day.by_hub["berlin"].organisations == 0
    assert day.by_hub["koeln"].organisations == 1


def test_sector_rows_use_the_orgs_own_sectors_not_the_hubs() -> None:
    registry = build_registry(
        [hub("berlin", sectors=["fintech"])],
        [
            org("a", sectors=["iot", "logistics"], memberships=[member("berlin")]),
            org("b", sectors=["iot"], kind="sme", memberships=[member("berlin")]),
            org("c", memberships=[member("berlin")]),
        ],
    )
    day = snapshot(registry, D(2017, 6, 1))
    assert day.totals.organisations == 3
    assert day.by_sector["fintech"] == Counts()
    assert day.by_sector["iot"] == Counts(startups=1, companies=1, organisations=2)
    assert day.by_sector["logistics"] == Counts(startups=1, organisations=1)
    assert list(day.by_sector) == ["fintech", "iot", "logistics", "insurtech"]


def test_unknown_sector_of_an_org_still_gets_a_row() -> None:
    registry = one_org(member("berlin"), sectors=["quantum"])
    assert snapshot(registry, D(2017, 6, 1)).by_sector["quantum"].organisations == 1


def test_hubs_active_from_their_announcement() -> None:
    registry = build_registry(
        [hub("berlin", announced="2016-11-17"), hub("koeln", announced="2017-04")], []
    )
    assert snapshot(registry, D(2016, 11, 16)).hubs_active == 0
    assert snapshot(registry, D(2016, 11, 17)).hubs_active == 1
    assert snapshot(registry, D(2017, 3, 31)).hubs_active == 1
    assert snapshot(registry, D(2017, 4, 1)).hubs_active == 2
    assert list(snapshot(registry, D(2016, 12, 1)).by_hub) == ["berlin"]


def test_hub_with_members_before_its_announcement_still_gets_a_row() -> None:
    registry = build_registry(
        [hub("berlin", announced="2018-01-01")], [org("a", memberships=[member("berlin", 2017)])]
    )
    day = snapshot(registry, D(2017, 6, 1))
    assert day.hubs_active == 0
    assert day.by_hub["berlin"].organisations == 1


# -- filters --------------------------------------------------------------------------------


def test_hub_filter_counts_only_that_hub() -> None:
    registry = build_registry(
        [hub("berlin"), hub("koeln")],
        [
            org("a", memberships=[member("berlin"), member("koeln")]),
            org("b", memberships=[member("koeln")]),
            org("c", memberships=[member("berlin", until="2017-03")]),
        ],
    )
    assert total(registry, D(2017, 6, 1), hub="berlin") == 1
    assert total(registry, D(2017, 6, 1), hub="koeln") == 2
    day = snapshot(registry, D(2017, 6, 1), hub="koeln")
    assert list(day.by_hub) == ["koeln"]
    assert day.hubs_active == 1


def test_sector_filter_counts_orgs_with_that_sector_and_hubs_with_that_focus() -> None:
    registry = build_registry(
        [
            hub("berlin", sectors=["fintech", "iot"]),
            hub("koeln", sectors=[{"sector": "insurtech"}, {"sector": "iot", "since": "2019"}]),
        ],
        [
            org("a", sectors=["iot"], memberships=[member("koeln")]),
            org("b", sectors=["fintech"], memberships=[member("berlin")]),
        ],
    )
    day = snapshot(registry, D(2018, 6, 1), sector="iot")
    assert day.totals.organisations == 1
    assert day.hubs_active == 1  # koeln focuses on IoT only from 2019
    assert list(day.by_sector) == ["iot"]
    assert list(day.by_hub) == ["berlin", "koeln"]
    assert day.by_hub["koeln"].organisations == 1
    assert snapshot(registry, D(2019, 6, 1), sector="iot").hubs_active == 2


# -- yearly series --------------------------------------------------------------------------


def test_yearly_series_runs_from_the_first_membership_to_today() -> None:
    registry = build_registry(
        [hub("berlin", announced="2016-11-17")],
        [
            org("a", memberships=[member("berlin", "2017-12-31")]),
            org("b", kind="sme", memberships=[member("berlin", "2018-03", until="2019-01-01")]),
            org("c", kind="university", memberships=[member("berlin", "2020-05-01")]),
        ],
    )
    rows = yearly_series(registry, today=D(2020, 4, 30))
    assert [(row.year, row.day) for row in rows] == [
        (2017, D(2017, 12, 31)),
        (2018, D(2018, 12, 31)),
        (2019, D(2019, 12, 31)),
        (2020, D(2020, 4, 30)),  # the current year is counted today
    ]
    assert [row.counts.organisations for row in rows] == [1, 2, 1, 1]
    assert [row.counts.companies for row in rows] == [0, 1, 0, 0]
    assert [row.joined for row in rows] == [1, 1, 0, 0]
    assert [row.left for row in rows] == [0, 0, 1, 0]
    assert [row.hubs_active for row in rows] == [1, 1, 1, 1]


def test_yearly_identity_holds_row_by_row() -> None:
    registry = build_registry(
        [hub("berlin"), hub("koeln")],
        [
            org("a", memberships=[member("berlin", 2017, until=2018)]),
            org("b", memberships=[member("berlin", 2018), member("koeln", 2017, until=2017)]),
            org("c", memberships=[member("koeln", "2019-06", until="2021-02")]),
        ],
    )
    previous = 0
    for row in yearly_series(registry, today=D(2022, 1, 5)):
        assert row.counts.organisations == previous + row.joined - row.left
        previous = row.counts.organisations


def test_joining_and_leaving_within_one_year_is_neither_joined_nor_left() -> None:
    registry = one_org(member("berlin", "2018-03-01", until="2018-09-30"))
    rows = yearly_series(registry, today=D(2019, 6, 1))
    assert [(row.year, row.joined, row.left, row.counts.organisations) for row in rows] == [
        (2018, 0, 0, 0),
        (2019, 0, 0, 0),
    ]


def test_moving_between_hubs_is_not_a_leave() -> None:
    registry = one_org(
        member("berlin", "2017-01-01", until="2017-12-31"), member("koeln", "2018-01-01")
    )
    rows = yearly_series(registry, today=D(2018, 12, 31))
    assert [(row.joined, row.left) for row in rows] == [(1, 0), (0, 0)]


def test_filtered_series_spans_the_same_years() -> None:
    registry = build_registry(
        [hub("berlin"), hub("koeln")],
        [
            org("a", memberships=[member("berlin", 2017)]),
            org("b", memberships=[member("koeln", 2019)]),
        ],
    )
    rows = yearly_series(registry, today=D(2019, 12, 31), hub="koeln")
    assert [(row.year, row.counts.organisations, row.joined) for row in rows] == [
        (2017, 0, 0),
        (2018, 0, 0),
        (2019, 1, 1),
    ]


def test_empty_registry_has_no_years() -> None:
    assert yearly_series(build_registry([hub("berlin")], []), today=D(2020, 1, 1)) == []


def test_series_ends_before_the_first_membership_when_today_is_earlier() -> None:
    registry = one_org(member("berlin", 2030))
    assert yearly_series(registry, today=D(2020, 1, 1)) == []


# -- changes between two days ---------------------------------------------------------------


def test_changes_list_joins_and_leaves_in_the_span_per_hub() -> None:
    registry = build_registry(
        [hub("berlin"), hub("koeln")],
        [
            org("a", name="Alpha", memberships=[member("berlin", "2018-01-01")]),
            org("b", kind="sme", memberships=[member("koeln", "2017-05", until="2018-12-31")]),
            org("c", memberships=[member("berlin", "2017-12-31", until="2019-01-01")]),
            org("d", memberships=[member("koeln", 2018)]),
        ],
    )
    changes = changes_between(registry, D(2018, 1, 1), D(2018, 12, 31))
    by_hub = {item.hub_id: item for item in changes.hubs}
    assert [(c.org_id, c.name, c.date) for c in by_hub["berlin"].joined] == [
        ("a", "Alpha", "2018-01-01")
    ]
    assert by_hub["berlin"].left == ()
    assert [(c.org_id, c.date) for c in by_hub["koeln"].joined] == [("d", "2018")]
    assert [(c.org_id, str(c.kind), c.date) for c in by_hub["koeln"].left] == [
        ("b", "sme", "2018-12-31")
    ]
    assert changes.joined_orgs == {"a", "d"}
    assert changes.left_orgs == {"b"}


def test_changes_use_since_first_day_and_until_last_day() -> None:
    registry = one_org(member("berlin", "2018", until="2018-06"))
    first_half = changes_between(registry, D(2018, 1, 1), D(2018, 6, 29))
    assert first_half.joined_orgs == {"acme"}
    assert first_half.left_orgs == set()
    end_of_june = changes_between(registry, D(2018, 6, 30), D(2018, 6, 30))
    assert end_of_june.joined_orgs == set()
    assert end_of_june.left_orgs == {"acme"}


def test_changes_with_hub_filter_list_only_that_hub() -> None:
    registry = one_org(member("berlin", "2018-02-01"), member("koeln", "2018-03-01"))
    changes = changes_between(registry, D(2018, 1, 1), D(2018, 12, 31), hub="koeln")
    assert [item.hub_id for item in changes.hubs] == ["koeln"]
    assert [c.date for c in changes.hubs[0].joined] == ["2018-03-01"]


def test_changes_list_one_entry_per_org_and_date() -> None:
    registry = one_org(
        member("berlin", "2018-02-01"), member("berlin", "2018-02-01", role="partner")
    )
    changes = changes_between(registry, D(2018, 1, 1), D(2018, 12, 31))
    assert len(changes.hubs[0].joined) == 1


def test_changes_with_sector_filter() -> None:
    registry = build_registry(
        [hub("berlin")],
        [
            org("a", sectors=["iot"], memberships=[member("berlin", "2018-02-01")]),
            org("b", sectors=["fintech"], memberships=[member("berlin", "2018-02-01")]),
        ],
    )
    changes = changes_between(registry, D(2018, 1, 1), D(2018, 12, 31), sector="iot")
    assert changes.joined_orgs == {"a"}
