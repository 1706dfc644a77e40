"""The record models on their own: dates of memberships, identifiers, cities, qualifiers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from dehub_cli.entries import membership_entry
from dehub_cli.models import Hub, Membership, Org, PublishedFigure
from dehub_cli.registry import membership_active

SOURCE = {"url": "https://example.org/source"}


def errors_of(model: Any, value: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(value)
    return [(error["type"], error["msg"]) for error in caught.value.errors()]


def test_a_start_is_stated_first_seen_or_unknown() -> None:
    stated = Membership.model_validate({"hub": "berlin", "since": "2017-04"})
    seen = Membership.model_validate({"hub": "berlin", "first_seen": "2019-06"})
    unknown = Membership.model_validate({"hub": "berlin"})
    assert (str(stated.start), stated.start_stated) == ("2017-04", True)
    assert (str(seen.start), seen.start_stated) == ("2019-06", False)
    assert (unknown.start, unknown.start_stated) == (None, False)


def test_an_end_is_stated_last_seen_or_open() -> None:
    stated = Membership.model_validate({"hub": "b", "since": 2017, "until": "2018-06"})
    seen = Membership.model_validate({"hub": "b", "since": 2017, "last_seen": 2019})
    still = Membership.model_validate({"hub": "b", "since": 2017})
    assert (str(stated.end), stated.end_stated) == ("2018-06", True)
    assert (str(seen.end), seen.end_stated) == ("2019", False)
    assert still.end is None


@pytest.mark.parametrize(
    ("dates", "active"),
    [
        ({"since": "2017"}, (dt.date(2017, 1, 1), dt.date.max)),
        (
            {"first_seen": "2019-06", "until": "2020-02"},
            (dt.date(2019, 6, 1), dt.date(2020, 2, 29)),
        ),
        (
            {"since": "2017-04-21", "last_seen": "2018"},
            (dt.date(2017, 4, 21), dt.date(2018, 12, 31)),
        ),
        ({}, (dt.date.max, dt.date.max)),
    ],
)
def test_a_compact_membership_knows_its_first_and_last_active_day(
    dates: dict[str, str], active: tuple[dt.date, dt.date]
) -> None:
    entry = membership_entry(Membership.model_validate({"hub": "berlin", **dates}))
    assert (entry.start_day, entry.end_day) == tuple(day.toordinal() for day in active)
    day_before, first_day = dt.date.fromordinal(entry.start_day - 1), active[0]
    if first_day != dt.date.max:
        assert (membership_active(entry, day_before), membership_active(entry, first_day)) == (
            False,
            True,
        )
    assert not membership_active(entry, dt.date(2016, 12, 31))


def test_since_and_first_seen_exclude_each_other() -> None:
    assert errors_of(Membership, {"hub": "b", "since": 2017, "first_seen": 2018}) == [
        ("start_twice", "give either since (a stated start) or first_seen, not both")
    ]
    assert errors_of(Membership, {"hub": "b", "until": 2017, "last_seen": 2018}) == [
        ("end_twice", "give either until (a stated end) or last_seen, not both")
    ]


def test_an_end_before_the_start_names_the_keys_used() -> None:
    assert errors_of(Membership, {"hub": "b", "first_seen": "2019-06", "last_seen": 2018}) == [
        ("until_before_since", "last_seen 2018 is before first_seen 2019-06")
    ]


def test_a_membership_may_carry_its_own_sources() -> None:
    membership = Membership.model_validate({"hub": "b", "since": 2017, "sources": [SOURCE]})
    assert [source.url for source in membership.sources] == ["https://example.org/source"]
    assert membership.sources[0].title is None


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("wikidata", "Q95"),
        ("lei", "529900T8BM49AURSDO55"),
        ("handelsregister", "München HRB 12345"),
        ("opencorporates", "de/K1101R_HRB12345"),
    ],
)
def test_identifiers_of_the_right_form_pass(scheme: str, value: str) -> None:
    org = Org.model_validate(
        {
            "name": "X",
            "kind": "sme",
            "identifiers": [{"scheme": scheme, "id": value}],
            "sources": [SOURCE],
        }
    )
    assert [(i.scheme, i.id) for i in org.identifiers] == [(scheme, value)]


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        ("wikidata", "95", "'95' is not a Wikidata item id (Q followed by digits, e.g. Q95)"),
        (
            "lei",
            "529900T8BM49AURSDO56",
            "'529900T8BM49AURSDO56' is not a valid LEI (20 characters with ISO 17442 check digits)",
        ),
        (
            "handelsregister",
            "Atlantis HRB 1",
            "'Atlantis HRB 1' is not a Handelsregister number: court, register and number, "
            "e.g. 'München HRB 12345'",
        ),
    ],
)
def test_identifiers_of_the_wrong_form_are_errors(scheme: str, value: str, message: str) -> None:
    record = {"name": "X", "kind": "sme", "identifiers": [{"scheme": scheme, "id": value}]}
    assert errors_of(Org, {**record, "sources": [SOURCE]}) == [("identifier", message)]


def test_hub_cities_as_names_or_with_coordinates() -> None:
    hub = Hub.model_validate(
        {
            "name": "H",
            "cities": [
                "Dortmund",
                {"name": "München", "land": "DE-BY", "latitude": 48.13743, "longitude": 11.57549},
            ],
            "sectors": ["x"],
            "announced": 2016,
            "sources": [SOURCE],
        }
    )
    assert hub.city_names == ["Dortmund", "München"]
    assert (hub.cities[1].land, hub.cities[1].latitude) == ("DE-BY", 48.13743)


def test_a_hub_without_a_city_needs_its_land() -> None:
    base = {"name": "H", "cities": [], "sectors": ["x"], "announced": 2024, "sources": [SOURCE]}
    assert Hub.model_validate({**base, "laender": ["DE-BY"]}).laender == ["DE-BY"]
    assert errors_of(Hub, base) == [
        ("no_place", "a hub needs at least one city, or 'laender' when no city is known")
    ]
    assert [kind for kind, _ in errors_of(Hub, {**base, "laender": ["BY"]})] == [
        "string_pattern_mismatch"
    ]


def test_qualifiers_are_per_figure_and_name_given_figures() -> None:
    figure = PublishedFigure.model_validate(
        {
            "date": "2018-03-27",
            "figures": {"hubs": 12, "startups": 350},
            "qualifiers": {"startups": "at_least"},
            "sources": [SOURCE],
        }
    )
    assert (figure.qualifier("hubs"), figure.qualifier("startups")) == (None, "at_least")
    stray = {"date": 2018, "figures": {"hubs": 12}, "qualifiers": {"startups": "about"}}
    assert errors_of(PublishedFigure, {**stray, "sources": [SOURCE]}) == [
        ("qualifier_without_figure", "qualifiers name startups, which figures does not give")
    ]
