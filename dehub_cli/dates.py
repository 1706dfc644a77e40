"""Dates that may be known only to the year or month (``2017``, ``2017-04``, ``2017-04-21``)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable

import msgspec

from dehub_cli.errors import DehubError
from dehub_cli.textnorm import quoted

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


class DateFormatError(DehubError, ValueError):
    """A text that is not an ISO date, year-month or year (a ValueError for the models)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "dates are ISO: 2018-12-31, 2018-12 or 2018")


class PartialDate(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A calendar date known to a year, a month or a day.

    As a start (``since``) it means its first day; as an end (``until``) its last. A
    msgspec struct, so the cache stores it as ``[2017, 4, null]`` and reads it back
    without Python code.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> dt.date:
        return _first_day(self.year, self.month, self.day)

    @property
    def last_day(self) -> dt.date:
        return _last_day(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a year (int or text), ``YYYY-MM``, ``YYYY-MM-DD`` or a ``date``."""
        if type(value) is str or type(value) is int:
            return _parse_cached(value)
        return cls._parse(value)

    @classmethod
    def _parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise DateFormatError("expected a date such as 2017-04-21, 2017-04 or 2017")
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise DateFormatError("expected a date such as 2017-04-21, 2017-04 or 2017")
        match = _PARTIAL.match(value.strip())
        if match is None:
            raise DateFormatError(
                f"{quoted(value)} is not a date: write 2017-04-21, 2017-04 or 2017 (ISO order)"
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f"{quoted(value)}: month {month} does not exist")
        if day is not None:
            try:
                dt.date(year, month or 1, day)
            except ValueError:
                raise DateFormatError(f"{quoted(value)}: day {day} does not exist") from None
        return cls(year, month, day)


def parse_full_date(value: object) -> dt.date:
    """Read an exact ISO date (``2017-04-21``) or a ``date``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DateFormatError(f"{quoted(value)} is not a date: write it as YYYY-MM-DD, e.g. 2018-12-31")


@functools.lru_cache(maxsize=8192)
def _parse_cached(value: str | int) -> PartialDate:
    """Registries repeat the same few thousand dates; parse each once (the result is frozen)."""
    return PartialDate._parse(value)


def date_order(date: PartialDate) -> tuple[int, int, int]:
    """Earliest first; a year alone before a month of it, a month before its days."""
    return date.year, date.month or 0, date.day or 0


def start_order(date: PartialDate | None) -> tuple[int, int, int]:
    """Like :func:`date_order`, with an unknown start after every known one."""
    return date_order(date) if date is not None else (10_000, 0, 0)


def earliest(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    """The earliest known date, or ``None`` when none is known."""
    return min((date for date in dates if date is not None), key=date_order, default=None)


@functools.lru_cache(maxsize=16384)
def _first_day(year: int, month: int | None, day: int | None) -> dt.date:
    return dt.date(year, month or 1, day or 1)


@functools.lru_cache(maxsize=16384)
def _last_day(year: int, month: int | None, day: int | None) -> dt.date:
    """Registries repeat the same few thousand dates: each is worked out once."""
    if month is None:
        return dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
