"""read_limited: the whole file up to the limit, whatever size the caller expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehub_cli.reading import read_limited


@pytest.mark.parametrize("size", [0, 1, 4_000, 65_536, 65_537, 200_000])
@pytest.mark.parametrize("told", [True, False])
def test_reads_the_whole_file(tmp_path: Path, size: int, told: bool) -> None:
    path = tmp_path / "org.yaml"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    assert read_limited(path, 1_000_000, size if told else None) == data


def test_a_file_that_grew_since_the_scan_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_bytes(b"a" * 150_000)
    assert read_limited(path, 1_000_000, 100) == b"a" * 150_000


def test_a_file_that_shrank_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_bytes(b"name: A\n")
    assert read_limited(path, 1_000_000, 4_000) == b"name: A\n"


@pytest.mark.parametrize("told", [10, 1_000_000, 3_000_000, None])
def test_stops_one_byte_over_the_limit(tmp_path: Path, told: int | None) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"b" * 3_000_000)
    assert read_limited(path, 1_000_000, told) == b"b" * 1_000_001


def test_a_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_limited(tmp_path / "gone.yaml", 1_000_000, 10)
