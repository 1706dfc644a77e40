"""Dates known to a year, a month or a day."""

from __future__ import annotations

import datetime as dt

import pytest

from dehub_cli.dates import DateFormatError, PartialDate, parse_full_date


@pytest.mark.parametrize(
    ("raw", "first", "last"),
    [
        ("2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        (2017, dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2017-02", dt.date(2017, 2, 1), dt.date(2017, 2, 28)),
        ("2017-04-21", dt.date(2017, 4, 21), dt.date(2017, 4, 21)),
        (dt.date(2018, 12, 31), dt.date(2018, 12, 31), dt.date(2018, 12, 31)),
    ],
)
def test_first_and_last_day(raw: object, first: dt.date, last: dt.date) -> None:
    parsed = PartialDate.parse(raw)
    assert (parsed.first_day, parsed.last_day) == (first, last)


@pytest.mark.parametrize("raw", ["2017", "2017-04", "2017-04-21"])
def test_text_round_trips(raw: str) -> None:
    assert str(PartialDate.parse(raw)) == raw


@pytest.mark.parametrize(
    "raw", ["2017-13", "2017-02-30", "21.04.2017", "April 2017", "", True, 3.5]
)
def test_invalid_dates(raw: object) -> None:
    with pytest.raises(DateFormatError):
        PartialDate.parse(raw)


def test_full_date() -> None:
    assert parse_full_date("2018-12-31") == dt.date(2018, 12, 31)
    with pytest.raises(DateFormatError):
        parse_full_date("2018-12")
