"""The fast table renderer draws every table byte for byte as the plain reference does.

The reference (``reference_table.py``) is the renderer before its shortcuts: every cell
cut into atoms, every cell wrapped. Tables here are made to hit every shortcut and its
edge: hostile text (control characters, markup), runs of spaces, wide and combining
characters, notes in parentheses, lists with empty or spaced items, labels, numbers,
columns that must wrap, drop or give up for blocks.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dehub_cli.render import Column, Table
from dehub_cli.render.plain_table import table_text
from tests.unit.render import reference_table

PLAIN = [
    "a", "Bb", "ccc", "dortmund", "2016-11-17", "https://example.org/x", "Köln", "中文",
    "e\u0301", " ", "  ", " (", "(note)", ",", "\u3000", "[bold]", "=1+2", "x" * 25,
    "\u200d", "\ufe0f", "👍",
]  # fmt: skip
HOSTILE = ["\x1b[31m", "\n", "\t", "\u202e"]
"""Control characters: one in a column sends the whole column the long way."""


def texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=6).map("".join)


def values(pieces: list[str]) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        texts(pieces),
        st.none(),
        st.booleans(),
        st.integers(-5, 10**6),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
    )
    return st.one_of(
        scalars, st.lists(texts(pieces), max_size=4), st.lists(scalars, max_size=3).map(tuple)
    )


KINDS: list[Any] = [None, "id", "date", "number", "url", "text"]


@st.composite
def tables(draw: st.DrawFn) -> Table:
    count = draw(st.integers(1, 6))
    columns = [
        Column(
            f"k{index}",
            draw(st.sampled_from(["ID", "Name", "Member since", "Änderung", "中文", "[b]x\x1b"])),
            numeric=draw(st.booleans()),
            kind=draw(st.sampled_from(KINDS)),
            drop=draw(st.integers(0, 3)),
            short=draw(st.sampled_from([None, "S", "Univ."])),
            labels=draw(st.sampled_from([None, {"a": "beigetreten", "Bb": "中"}])),
        )
        for index in range(count)
    ]
    pieces = PLAIN + HOSTILE if draw(st.integers(0, 4)) == 0 else PLAIN
    rows = draw(
        st.lists(
            st.fixed_dictionaries({column.key: values(pieces) for column in columns}),
            max_size=8,
        )
    )
    title = draw(st.sampled_from([None, "Members", "a  long title (with a note)"]))
    return Table(columns, rows, title=title, caption=draw(st.sampled_from([None, "2 rows"])))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=tables(),
    width=st.one_of(st.none(), st.integers(1, 140)),
    color=st.booleans(),
)
def test_every_table_is_drawn_as_the_reference_draws_it(
    table: Table, width: int | None, color: bool
) -> None:
    assert table_text(table, width, color=color) == reference_table.table_text(
        table, width, color=color
    )


def many_rows() -> Table:
    columns = [
        Column("id", "ID", kind="id"),
        Column("name", "Name"),
        Column("hubs", "Hubs", kind="id", drop=2),
        Column("since", "Member since", kind="date", drop=1, short="Since"),
        Column("n", "N", numeric=True, drop=3),
    ]
    names = ["Acme GmbH", "Fraunhofer Institut für Materialfluss", "中文 名字", "x\x1by", "a  b"]
    hubs = [["dortmund", "hamburg"], [], ["berlin"], ["frankfurt am main", ""]]
    rows = [
        {
            "id": f"org-{index:05d}",
            "name": names[index % len(names)] + f" {index}",
            "hubs": hubs[index % len(hubs)],
            "since": None if index % 7 == 0 else "2016-11-17 (first recorded)",
            "n": index * 37,
        }
        for index in range(300)
    ]
    return Table(columns, rows, title="Members", caption="300 organisations")


@pytest.mark.parametrize("width", [None, 200, 120, 100, 80, 60, 50, 40, 30, 20])
def test_a_long_table_at_each_width_is_drawn_as_the_reference_draws_it(
    width: int | None,
) -> None:
    table = many_rows()
    assert table_text(table, width) == reference_table.table_text(table, width)
