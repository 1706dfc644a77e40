"""``dehub_cli.query.resolve``: a hub or an organisation found by id, name or city."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dehub_cli import OrgKind, Registry, Role
from dehub_cli.errors import QueryError, UnknownRecord
from dehub_cli.query.resolve import (
    resolve_day,
    resolve_hub,
    resolve_kind,
    resolve_record,
    resolve_role,
    resolve_sector,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("berlin", ("hub", "berlin")),
        ("Koeln", ("hub", "koeln")),
        ("Köln", ("hub", "koeln")),
        ("köln", ("hub", "koeln")),
        ("InsurTech Hub Köln", ("hub", "koeln")),
        ("Logistics Hub Dortmund", ("hub", "dortmund")),
        ("gamma", ("org", "gamma")),
        ("Beta Versicherung", ("org", "beta")),
    ],
)
def test_resolve_record(registry: Registry, text: str, expected: tuple[str, str]) -> None:
    assert resolve_record(registry, text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("hamburgg", "did you mean 'hamburg'?"),
        ("gama", "did you mean 'gamma'?"),
        ("Xyzzy", "try: dehub search 'Xyzzy'"),
    ],
)
def test_resolve_unknown_suggests(registry: Registry, text: str, hint: str) -> None:
    with pytest.raises(UnknownRecord) as caught:
        resolve_record(registry, text)
    assert (caught.value.message, caught.value.hint) == (f"no hub or organisation '{text}'", hint)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("iot", "iot"),
        ("IoT", "iot"),
        ("Internet of Things", "iot"),
        ("internet der dinge", "iot"),
        ("FinTech", "fintech"),
        ("Fin-Tech", "fintech"),
        ("Logistik", "logistics"),
    ],
)
def test_resolve_sector_by_id_name_german_name_or_alias(
    registry: Registry, text: str, sector: str
) -> None:
    assert resolve_sector(registry, text) == sector


@pytest.mark.parametrize(
    ("text", "hub_id"),
    [("berlin", "berlin"), ("Berlin", "berlin"), ("Köln", "koeln"), ("KOELN", "koeln")],
)
def test_resolve_hub_by_id_name_or_city(registry: Registry, text: str, hub_id: str) -> None:
    assert resolve_hub(registry, text) == hub_id


@pytest.mark.parametrize(
    ("resolve", "text", "message", "hint"),
    [
        (resolve_sector, "Food", "unknown sector 'Food'", "known sectors: fintech, insurtech, iot, logistics"),
        (resolve_hub, "Xyz", "unknown hub 'Xyz'", "known hubs: berlin, dortmund, hamburg, koeln, nuernberg"),
    ],
)  # fmt: skip
def test_unknown_sector_or_hub_without_a_near_name_lists_the_known_ones(
    registry: Registry,
    resolve: Callable[[Registry, str], str],
    text: str,
    message: str,
    hint: str,
) -> None:
    with pytest.raises(QueryError) as caught:
        resolve(registry, text)
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_kinds_and_roles_in_any_case() -> None:
    assert resolve_kind("STARTUP") is OrgKind.STARTUP
    assert resolve_role("Operator") is Role.OPERATOR


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
        ("2018-06", dt.date(2018, 6, 1), dt.date(2018, 6, 30)),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2018-03-27", dt.date(2018, 3, 27), dt.date(2018, 3, 27)),
    ],
)
def test_resolve_day_first_or_last(text: str, first: dt.date, last: dt.date) -> None:
    assert (resolve_day(text), resolve_day(text, end=True)) == (first, last)


@pytest.mark.parametrize(("text", "expected"), [("Koln", "koeln"), ("koln", "koeln")])
def test_the_registry_finds_a_hub_with_its_umlauts_left_out(
    registry: Registry, text: str, expected: str
) -> None:
    """Every caller (show, list --hub, log --hub) gets the same forgiving lookup."""
    assert registry.find_hub(text) == expected
