"""Property tests: on random registries the report's counts equal a plain recount."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dehub_cli import Registry
from dehub_cli.models import Membership, Org
from dehub_cli.report.counting import Census
from tests.helpers import SOURCE, build_registry

HUB_IDS = ["h1", "h2", "h3"]
SECTOR_IDS = ["fintech", "iot", "logistics"]
GROUP_OF = {
    "startup": "startups",
    "sme": "companies",
    "corporate": "companies",
    "university": "universities",
    "research": "research",
    "investor": "investors",
    "accelerator": "others",
    "association": "others",
    "public": "others",
}
EARLIEST, LATEST = dt.date(2015, 1, 1), dt.date(2022, 12, 31)
SETTINGS = settings(max_examples=200, deadline=None)

days = st.dates(min_value=dt.date(2014, 6, 1), max_value=dt.date(2023, 6, 30))
precisions = st.sampled_from(["year", "month", "day"])


def partial(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


@st.composite
def memberships(draw: st.DrawFn, hubs: list[str]) -> dict[str, Any]:
    """A start stated (since), first seen, or unknown; an end stated, last seen, or open."""
    start = draw(st.dates(min_value=EARLIEST, max_value=LATEST))
    record: dict[str, Any] = {
        "hub": draw(st.sampled_from(hubs)),
        "role": draw(st.sampled_from(["member", "partner", "operator"])),
    }
    start_key = draw(st.sampled_from(["since", "since", "first_seen", None]))
    if start_key is not None:
        record[start_key] = partial(start, draw(precisions))
    end_key = draw(st.sampled_from([None, None, "until", "last_seen"]))
    if end_key is not None:
        end = draw(st.dates(min_value=start, max_value=LATEST))
        record[end_key] = partial(end, draw(precisions))  # last day >= end >= start's first day
    return record


@st.composite
def registries(draw: st.DrawFn) -> Registry:
    hub_ids = draw(st.lists(st.sampled_from(HUB_IDS), min_size=1, max_size=3, unique=True))
    hubs = [
        {
            "id": hub_id,
            "name": f"Hub {hub_id}",
            "cities": [hub_id],
            "sectors": draw(
                st.lists(st.sampled_from(SECTOR_IDS), min_size=1, max_size=2, unique=True)
            ),
            "announced": partial(
                draw(st.dates(min_value=EARLIEST, max_value=LATEST)), draw(precisions)
            ),
            "sources": [SOURCE],
        }
        for hub_id in hub_ids
    ]
    count = draw(st.integers(min_value=0, max_value=8))
    orgs = [
        {
            "id": f"o{index}",
            "name": f"Org {index}",
            "kind": draw(st.sampled_from(sorted(GROUP_OF))),
            "sectors": draw(st.lists(st.sampled_from(SECTOR_IDS), max_size=2, unique=True)),
            "memberships": draw(st.lists(memberships(hub_ids), max_size=3)),
            "sources": [SOURCE],
        }
        for index in range(count)
    ]
    return build_registry(hubs, orgs)


# -- the plain recount: straight from the rules, no shared code with stats.py ---------------


def is_active(membership: Membership, day: dt.date) -> bool:
    start = membership.since or membership.first_seen
    if start is None or start.first_day > day:  # an unknown start is counted on no day
        return False
    end = membership.until or membership.last_seen
    return end is None or day <= end.last_day


def counted(
    registry: Registry, day: dt.date, hub: str | None = None, sector: str | None = None
) -> list[Org]:
    return [
        org
        for org in full_records(registry)
        if (sector is None or sector in org.sectors)
        and any(is_active(m, day) and (hub is None or m.hub == hub) for m in org.memberships)
    ]


def full_records(registry: Registry) -> list[Org]:
    return [registry.org_record(org_id) for org_id in registry.orgs]


def recount(
    registry: Registry, day: dt.date, hub: str | None = None, sector: str | None = None
) -> dict[str, int]:
    result = dict.fromkeys(
        ["startups", "companies", "universities", "research", "investors", "others"], 0
    )
    orgs = counted(registry, day, hub, sector)
    for org in orgs:
        result[GROUP_OF[str(org.kind)]] += 1
    result["organisations"] = len(orgs)
    return result


def ids(registry: Registry, day: dt.date, **filters: Any) -> set[str]:
    return {org.id or "" for org in counted(registry, day, **filters)}


def announced_hubs(registry: Registry, day: dt.date) -> int:
    return sum(1 for hub in registry.hubs.values() if hub.announced.first_day <= day)


filters = st.tuples(st.sampled_from([None, *HUB_IDS]), st.sampled_from([None, *SECTOR_IDS]))


def boundaries(registry: Registry) -> list[dt.date]:
    """Every first and last day of a membership: where off-by-one errors would show."""
    found = []
    for org in full_records(registry):
        for m in org.memberships:
            if m.start is not None:
                found.append(m.start.first_day)
            if m.end is not None:
                found.append(m.end.last_day)
    return found


# -- properties -----------------------------------------------------------------------------


def near_edges(registry: Registry, data: st.DataObject) -> dt.date:
    """A random day, often a membership's first or last day or the day after its end."""
    edges = boundaries(registry)
    edges += [day + dt.timedelta(days=1) for day in edges]
    return data.draw(st.sampled_from(edges) | days if edges else days)


@SETTINGS
@given(registries(), st.data(), filters)
def test_counts_equal_a_plain_recount(
    registry: Registry, data: st.DataObject, scope: tuple[str | None, str | None]
) -> None:
    hub, sector = scope
    day = near_edges(registry, data)
    census = Census.of(registry)
    assert census.counts_on(day, hub, sector).as_dict() == recount(registry, day, hub, sector)
    assert census.active_orgs(day, hub, sector) == ids(registry, day, hub=hub, sector=sector)


@SETTINGS
@given(registries(), st.data())
def test_snapshot_rows_equal_recounts_per_hub_and_sector(
    registry: Registry, data: st.DataObject
) -> None:
    day = near_edges(registry, data)
    result = Census.of(registry).snapshot(day)
    assert result.totals.as_dict() == recount(registry, day)
    assert result.hubs_active == announced_hubs(registry, day)
    for hub_id in registry.hubs:
        expected = recount(registry, day, hub=hub_id)
        shown = hub_id in result.by_hub
        assert shown == (expected["organisations"] > 0 or hub_id in _announced_ids(registry, day))
        if shown:
            assert result.by_hub[hub_id].as_dict() == expected
    for sector_id in SECTOR_IDS:
        assert result.by_sector[sector_id].as_dict() == recount(registry, day, sector=sector_id)
    # an org in several hubs counts in each: the hub rows add up to at least the total
    assert sum(row.organisations for row in result.by_hub.values()) >= result.totals.organisations


def _announced_ids(registry: Registry, day: dt.date) -> set[str]:
    return {key for key, hub in registry.hubs.items() if hub.announced.first_day <= day}


@SETTINGS
@given(
    registries(), st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2024, 12, 31)), filters
)
def test_yearly_series_equals_recounts_and_keeps_the_identity(
    registry: Registry, today: dt.date, scope: tuple[str | None, str | None]
) -> None:
    hub, sector = scope
    rows = Census.of(registry).yearly(today, hub, sector)
    starts = [
        m.start.first_day for org in full_records(registry) for m in org.memberships if m.start
    ]
    if not starts or min(starts).year > today.year:
        assert rows == []
        return
    assert [row.year for row in rows] == list(range(min(starts).year, today.year + 1))
    previous_count = 0
    previous_ids = ids(registry, dt.date(rows[0].year - 1, 12, 31), hub=hub, sector=sector)
    assert previous_ids == set()
    for row in rows:
        expected_day = today if row.year == today.year else dt.date(row.year, 12, 31)
        assert row.day == expected_day
        assert row.counts.as_dict() == recount(registry, row.day, hub, sector)
        current = ids(registry, row.day, hub=hub, sector=sector)
        entered, exited = current - previous_ids, previous_ids - current
        # an entering organisation joined if a membership that begins its count has a stated
        # start (else it was first recorded); likewise for leaving with a stated end
        stated_start = {
            o for o in entered if any(m.since for m in _active_in(registry, o, row.day, hub))
        }
        previous_day = dt.date(row.year - 1, 12, 31)
        stated_end = {
            o for o in exited if any(m.until for m in _active_in(registry, o, previous_day, hub))
        }
        assert (row.joined, row.first_recorded) == (len(stated_start), len(entered - stated_start))
        assert (row.left, row.last_recorded) == (len(stated_end), len(exited - stated_end))
        assert row.counts.organisations == (
            previous_count + row.joined + row.first_recorded - row.left - row.last_recorded
        )
        previous_count, previous_ids = row.counts.organisations, current


def _active_in(registry: Registry, org_id: str, day: dt.date, hub: str | None) -> list[Membership]:
    return [
        m
        for m in registry.org_record(org_id).memberships
        if is_active(m, day) and (hub is None or m.hub == hub)
    ]


@SETTINGS
@given(registries(), st.data(), st.sampled_from([None, *HUB_IDS]))
def test_changes_equal_a_plain_scan(
    registry: Registry, data: st.DataObject, hub: str | None
) -> None:
    edges = boundaries(registry)
    some_day = st.sampled_from(edges) | days if edges else days
    first, second = data.draw(some_day), data.draw(some_day)
    start, end = min(first, second), max(first, second)
    changes = Census.of(registry).changes(start, end, hub)
    joined: dict[str, set[str]] = {}
    left: dict[str, set[str]] = {}
    stated: set[tuple[str, str, str, bool]] = set()
    for org in full_records(registry):
        for m in org.memberships:
            if hub is not None and m.hub != hub:
                continue
            if m.start is not None and start <= m.start.first_day <= end:
                joined.setdefault(m.hub, set()).add(org.id or "")
                stated.add((m.hub, org.id or "", str(m.start), m.since is not None))
            if m.end is not None and start <= m.end.last_day <= end:
                left.setdefault(m.hub, set()).add(org.id or "")
                stated.add((m.hub, org.id or "", str(m.end), m.until is not None))
    for item in changes.hubs:
        assert {c.org_id for c in item.joined} == joined.get(item.hub_id, set())
        assert {c.org_id for c in item.left} == left.get(item.hub_id, set())
        for change in (*item.joined, *item.left):
            assert (item.hub_id, change.org_id, change.date, change.stated) in stated
    listed = {item.hub_id for item in changes.hubs}
    assert set(joined) | set(left) <= listed


@SETTINGS
@given(registries(), st.data(), filters)
def test_the_yearly_pass_counts_today_as_the_snapshot_does(
    registry: Registry, data: st.DataObject, scope: tuple[str | None, str | None]
) -> None:
    hub, sector = scope
    today = data.draw(days)
    census = Census.of(registry)
    assert census.yearly_and_snapshot(today, hub, sector) == (
        census.yearly(today, hub, sector),
        census.snapshot(today, hub, sector),
    )
