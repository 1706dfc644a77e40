"""Tables that fit any terminal: nothing whole is broken, columns give way, then blocks."""

from __future__ import annotations

import pytest

from dehub_cli.render import Column, Listing, Note, Part, Prose, Section, Table
from dehub_cli.render.plain_table import table_text
from dehub_cli.render.rich_table import to_rich_text
from dehub_cli.render.safe import terminal_text
from dehub_cli.render.wrap import atoms, wrap


def members() -> Table:
    return Table(
        [
            Column("id", "ID", kind="id"),
            Column("name", "Name"),
            Column("hubs", "Hubs", kind="id", drop=2),
            Column("since", "Member since", kind="date", drop=1, short="Since"),
            Column("url", "Website", kind="url", drop=3),
        ],
        [
            {
                "id": "fraunhofer-iml",
                "name": "Fraunhofer Institut für Materialfluss und Logistik",
                "hubs": ["dortmund", "hamburg"],
                "since": "2016-11-17",
                "url": "https://www.iml.fraunhofer.de/",
            },
            {"id": "acme", "name": "Acme GmbH", "hubs": [], "since": None, "url": None},
        ],
        title="Members",
        caption="2 organisations",
    )


EXPECTED = {
    120: """\
Members
ID             | Name                       | Hubs              | Member since | Website
---------------+----------------------------+-------------------+--------------+-------------------------------
fraunhofer-iml | Fraunhofer Institut für    | dortmund, hamburg | 2016-11-17   | https://www.iml.fraunhofer.de/
               | Materialfluss und Logistik |                   |              |
acme           | Acme GmbH                  |                   |              |
2 organisations
""",
    80: """\
Members
ID             | Name                       | Hubs              | Member since
---------------+----------------------------+-------------------+-------------
fraunhofer-iml | Fraunhofer Institut für    | dortmund, hamburg | 2016-11-17
               | Materialfluss und Logistik |                   |
acme           | Acme GmbH                  |                   |
2 organisations
Not shown at this width: Website (--format csv has every column).
""",
    60: """\
Members
ID             | Name          | Hubs      | Member since
---------------+---------------+-----------+-------------
fraunhofer-iml | Fraunhofer    | dortmund, | 2016-11-17
               | Institut für  | hamburg   |
               | Materialfluss |           |
               | und Logistik  |           |
acme           | Acme GmbH     |           |
2 organisations
Not shown at this width: Website (--format csv has every
column).
""",
    40: """\
Members
ID:           fraunhofer-iml
Name:         Fraunhofer Institut für
              Materialfluss und Logistik
Hubs:         dortmund, hamburg
Member since: 2016-11-17
Website:      https://www.iml.fraunhofer.de/

ID:           acme
Name:         Acme GmbH
2 organisations
""",
    30: """\
Members
ID:           fraunhofer-iml
Name:         Fraunhofer
              Institut für
              Materialfluss
              und Logistik
Hubs:         dortmund,
              hamburg
Member since: 2016-11-17
Website:      https://www.iml.fraunhofer.de/

ID:           acme
Name:         Acme GmbH
2 organisations
""",
}


@pytest.mark.parametrize("width", sorted(EXPECTED, reverse=True))
def test_table_at_each_width(width: int) -> None:
    assert table_text(members(), width) == EXPECTED[width]


def test_unlimited_width_is_the_natural_layout() -> None:
    lines = table_text(members(), None).splitlines()
    assert lines[3] == (
        "fraunhofer-iml | Fraunhofer Institut für Materialfluss und Logistik | "
        "dortmund, hamburg | 2016-11-17   | https://www.iml.fraunhofer.de/"
    )
    assert len(lines) == 6


def test_nothing_whole_is_ever_broken() -> None:
    whole = ["fraunhofer-iml", "2016-11-17", "https://www.iml.fraunhofer.de/", "dortmund,"]
    for width in range(10, 160):
        text = table_text(members(), width)
        words = text.split()
        for token in whole:
            shown = token in words
            left_out = token[:5] not in text
            assert shown or left_out, (width, token)


def test_a_url_wider_than_the_terminal_overflows_whole() -> None:
    url = "https://example.org/" + "x" * 60
    table = Table([Column("url", "URL", kind="url")], [{"url": url}])
    assert table_text(table, 40) == f"URL: {url}\n"


def test_blocks_when_not_even_one_column_can_be_dropped() -> None:
    table = Table(
        [Column("date", "Date", kind="date"), Column("url", "URL", kind="url")],
        [{"date": "2018-03-27", "url": "https://example.org/a-rather-long-address"}],
        title="Sources",
    )
    assert table_text(table, 40) == (
        "Sources\nDate: 2018-03-27\nURL:  https://example.org/a-rather-long-address\n"
    )


def test_values_are_shown_never_interpreted() -> None:
    table = Table(
        [Column("name", "Name")], [{"name": "[bold]Evil[/bold]\x1b[31m red\u202eevil\nnext"}]
    )
    assert table_text(table, None) == (
        "Name\n"
        "---------------------------------------------\n"
        "[bold]Evil[/bold]\\x1b[31m red\\u202eevil\\nnext\n"
    )


def test_colour_draws_bold_headers_and_box_lines() -> None:
    table = Table(
        [Column("id", "ID", kind="id"), Column("n", "N", numeric=True)], [{"id": "a", "n": 5}]
    )
    assert table_text(table, 40, color=True) == ("\x1b[1mID │ N\x1b[0m\n───┼──\na  │ 5\n")


def test_labels_are_for_people_only() -> None:
    table = Table(
        [Column("change", "Änderung", labels={"joined": "beigetreten"})], [{"change": "joined"}]
    )
    assert table_text(table, None) == "Änderung\n-----------\nbeigetreten\n"


def test_lists_wrap_between_items_and_prose_between_words() -> None:
    assert atoms(["dortmund", "hamburg"], "id") == ["dortmund,", "hamburg"]
    assert atoms(["Frankfurt am Main", "Köln"], "text") == ["Frankfurt", "am", "Main,", "Köln"]
    assert atoms("a fine-grained name", "id") == ["a fine-grained name"]
    assert wrap(["aaa", "bb", "c"], 6) == ["aaa bb", "c"]
    assert wrap(["a" * 10, "b"], 4) == ["a" * 10, "b"]
    assert terminal_text("tab\there") == "tab\\there"


def test_sections_notes_prose_and_listings_at_forty_columns() -> None:
    url = "https://www.example.org/a/very/long/address/that/stays/whole"
    parts: list[Part] = [
        Section("Hub x", [("website", url), ("description", "one two three four five six seven")]),
        Prose("Why", "Because every word stays whole when the text is wrapped here."),
        Listing("key: value with a long line that is never wrapped at all", "Example:"),
        Note("As of 31 Dec 2018: 350 startups, 150 companies and 45 universities."),
    ]
    assert to_rich_text(parts, color=False, width=40) == (
        "Hub x\n"
        f"  website      {url}\n"
        "  description  one two three four five\n"
        "               six seven\n"
        "\n"
        "Why\n"
        "  Because every word stays whole when\n"
        "  the text is wrapped here.\n"
        "\n"
        "Example:\n"
        "  key: value with a long line that is never wrapped at all\n"
        "\n"
        "As of 31 Dec 2018: 350 startups, 150\n"
        "companies and 45 universities.\n"
    )
