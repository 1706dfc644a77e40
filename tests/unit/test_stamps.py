"""Packed stamps: what the scan sends and the cache keeps, 32 bytes a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dehub_cli.discovery import (
    STAMP_BYTES,
    Scan,
    Stamp,
    StampsDamaged,
    changed_stamps,
    pack_stamps,
    stamp_at,
    stamp_of,
    unpack_stamps,
)

U64 = st.integers(min_value=0, max_value=(1 << 64) - 1)
SIZE = st.integers(min_value=0, max_value=(1 << 63) - 1)
"""A file's size: never 2**64 - 1, the size of the stamp that stands for None."""
STAMP = st.tuples(SIZE, U64, U64, U64)
STAMPS = st.lists(st.none() | STAMP, max_size=300)


@given(STAMPS)
def test_stamps_unpack_as_they_were_packed(stamps: list[Stamp | None]) -> None:
    packed = pack_stamps(stamps)
    assert len(packed) == STAMP_BYTES * len(stamps)
    assert unpack_stamps(packed, len(stamps)) == stamps
    assert [stamp_at(packed, index, len(stamps)) for index in range(len(stamps))] == stamps


@given(STAMPS, st.data())
def test_the_changed_stamps_are_those_that_differ(
    stamps: list[Stamp | None], data: st.DataObject
) -> None:
    changed = list(stamps)
    for index in data.draw(st.sets(st.integers(0, max(len(stamps) - 1, 0)), max_size=20)):
        if stamps:
            changed[index] = data.draw(st.none() | STAMP)
    differing = [index for index, (a, b) in enumerate(zip(stamps, changed, strict=True)) if a != b]
    old, new = pack_stamps(stamps), pack_stamps(changed)
    assert changed_stamps(old, new, limit=1000) == differing
    assert changed_stamps(old, new, limit=len(differing)) == differing
    if differing:
        assert changed_stamps(old, new, limit=len(differing) - 1) is None  # too many
    assert changed_stamps(old, new + pack_stamps([None]), limit=1000) is None


def test_a_file_from_before_1970_has_a_stamp_that_packs(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("id: old\n", encoding="utf-8")
    os.utime(path, ns=(0, -86_400_000_000_000))  # 31 December 1969
    stamp = stamp_of(path.stat())
    assert stamp[1] == (1 << 64) - 86_400_000_000_000
    assert unpack_stamps(pack_stamps([stamp]), 1) == [stamp]


def test_a_scan_reads_one_stamp_without_unpacking_all() -> None:
    stamps: list[Stamp | None] = [(1, 2, 3, 4), None, (5, 6, 7, 8)]
    scan = Scan("data", ["a.yaml", "b.yaml", "c.yaml"], pack_stamps(stamps))
    assert [scan.stamp(index) for index in range(3)] == stamps
    assert "stamps" not in scan.__dict__  # nothing unpacked whole
    assert scan.stamps == stamps


@pytest.mark.parametrize("data", [b"", b"\x00" * 31, b"\x00" * 96])
def test_stamps_of_the_wrong_length_are_damaged(data: bytes) -> None:
    with pytest.raises(StampsDamaged):
        unpack_stamps(data, 2)
    with pytest.raises(StampsDamaged):
        stamp_at(data, 0, 2)
