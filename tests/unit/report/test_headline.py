"""The report's headline names the registry's count, and what the initiative published beside it."""

from __future__ import annotations

import datetime as dt

from dehub_cli.i18n import published_note
from dehub_cli.report import build_day_report, build_yearly_report
from tests.helpers import SOURCE, build_registry, hub, member, org

PUBLISHED = [
    {
        "date": "2018-03-27",
        "figures": {"hubs": 1, "startups": 350, "companies": 150},
        "qualifiers": {"startups": "at_least", "companies": "at_least"},
        "sources": [SOURCE],
    },
    {
        "date": "2024-04-29",
        "figures": {"hubs": 1, "startups": 6000, "partners": 2000},
        "qualifiers": {"startups": "at_least", "partners": "at_least"},
        "sources": [SOURCE],
    },
    {"date": "2024-09", "figures": {"hubs": 25}, "sources": [SOURCE]},
]


def registry() -> object:
    return build_registry(
        [hub("berlin", announced="2016-11-17")],
        [
            org("s1", kind="startup", memberships=[member("berlin", "2017-01")]),
            org("c1", kind="sme", memberships=[member("berlin", since=None, first_seen="2019-06")]),
            org("u1", kind="university", memberships=[member("berlin", since=None)]),
        ],
        initiative={"name": "de:hub", "sources": [SOURCE], "published": PUBLISHED},
    )


def test_the_headline_says_whose_count_it_is_and_what_was_published() -> None:
    report = build_yearly_report(registry(), dt.date(2026, 11, 28))  # type: ignore[arg-type]
    assert report.summary == (
        "As of 28 Nov 2026 the registry names 1 startup, 1 company and 0 universities in 1 hub."
        " The initiative reported 25 hubs in September 2024; more than 6,000 startups and more"
        " than 2,000 partners in April 2024; more than 150 companies in March 2018."
    )
    german = build_yearly_report(registry(), dt.date(2026, 11, 28), "de")  # type: ignore[arg-type]
    assert german.summary == (
        "Zum 28.11.2026 nennt das Register 1 Startup, 1 Unternehmen und 0 Hochschulen in 1 Hub."
        " Die Initiative meldete im September 2024 25 Hubs; im April 2024 mehr als 6.000 Startups"
        " und mehr als 2.000 Partner; im März 2018 mehr als 150 Unternehmen."
    )


def test_only_figures_published_by_the_day_and_not_yet_covered_are_named() -> None:
    day = build_day_report(registry(), dt.date(2018, 12, 31))  # type: ignore[arg-type]
    assert day.summary == (
        "As of 31 Dec 2018 the registry names 1 startup, 0 companies and 0 universities in 1 hub."
        " The initiative reported more than 350 startups and more than 150 companies in March"
        " 2018."
    )
    before = build_day_report(registry(), dt.date(2017, 12, 31))  # type: ignore[arg-type]
    assert before.summary == (
        "As of 31 Dec 2017 the registry names 1 startup, 0 companies and 0 universities in 1 hub."
    )


def test_an_unknown_start_is_counted_in_no_year() -> None:
    report = build_yearly_report(registry(), dt.date(2020, 6, 30))  # type: ignore[arg-type]
    assert [(row.year, row.counts.organisations) for row in report.years] == [
        (2017, 1), (2018, 1), (2019, 2), (2020, 2),
    ]  # fmt: skip
    assert [(row.joined, row.first_recorded) for row in report.years] == [
        (1, 0), (0, 0), (0, 1), (0, 0),
    ]  # fmt: skip


def test_a_year_alone_names_no_month() -> None:
    assert published_note([("hubs", 25, None, 2024, None)], "en") == (
        "The initiative reported 25 hubs in 2024."
    )
    assert published_note([("startups", 1, "about", 2024, 4)], "de") == (
        "Die Initiative meldete im April 2024 etwa 1 Startup."
    )
    assert published_note([], "en") == ""
