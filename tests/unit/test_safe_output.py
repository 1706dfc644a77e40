"""Hostile values in every output: no forged line, no terminal escape, no markup, no formula.

Each test feeds the renderers values that once broke them (a name with a line break that
forged a diagnostic, an ESC sequence that cleared the screen or hid a hyperlink, Rich
markup that vanished, ``<script>``, a CSV formula) and pins what is written instead.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from dehub_cli.codes import Code
from dehub_cli.diagnostics import Diagnostic, Severity
from dehub_cli.render import Chart, Column, Note, Page, Section, Table
from dehub_cli.render.diagnostics import annotations_of, to_github, to_text
from dehub_cli.render.graph import to_dot, to_mermaid
from dehub_cli.render.html import to_html
from dehub_cli.render.machine import to_csv, to_json
from dehub_cli.render.markdown import to_markdown
from dehub_cli.render.rich_table import to_rich_text
from dehub_cli.render.safe import csv_cell, markdown_block, markdown_text
from dehub_cli.textnorm import escape_controls, quoted

CLEAR_SCREEN = "Evil\x1b[2J\x1b[HGmbH"
HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\Click me\x1b]8;;\x1b\\"
BELL = "Ring\x07GmbH"
FORGED_LINE = "ACME\ndata/orgs/x.yaml:1:1: error: forged [DH999]"
FORGED_ANNOTATION = "ACME\n::warning file=data/orgs/x.yaml::forged"
BIDI = "abc\u202edcba"
MARKUP = "ACME [Europe] GmbH"
RICH_LINK = "[link=https://evil.example/]Click[/link]"
RICH_STYLE = "[bold red]Loud[/bold red]"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("https://evil.example/","x")'

HOSTILE = [
    CLEAR_SCREEN,
    HYPERLINK,
    BELL,
    FORGED_LINE,
    FORGED_ANNOTATION,
    BIDI,
    MARKUP,
    RICH_LINK,
    RICH_STYLE,
    SCRIPT,
    FORMULA,
    "+1+2",
    "-3+A1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "a|b|c",
    "C1\x9b31mred",
    "line\u2028separator",
]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u2028]")


def hostile_table() -> Table:
    columns = [Column("id", "Id"), Column("name", "Name"), Column("members", "Members", True)]
    rows = [{"id": f"r{i}", "name": value, "members": i} for i, value in enumerate(HOSTILE)]
    return Table(columns, rows, title=f"Title {RICH_STYLE} {CLEAR_SCREEN}", caption=SCRIPT)


def hostile_section() -> Section:
    return Section(f"Org {RICH_LINK}", [("name", MARKUP), ("city", CLEAR_SCREEN)])


# --- the helpers -----------------------------------------------------------------------


def test_escape_controls_shows_every_control_character() -> None:
    assert escape_controls("a\nb\r\tc\x1b[2J\x07\x9b\u202e\u2028\ufeff") == (
        "a\\nb\\r\\tc\\x1b[2J\\x07\\x9b\\u202e\\u2028\\ufeff"
    )
    assert escape_controls("Köln [x] <y> \\n") == "Köln [x] <y> \\n"
    assert escape_controls("a\nb\tc\x1b", keep="\n\t") == "a\nb\tc\\x1b"


def test_quoted_escapes_and_cuts_long_values() -> None:
    assert quoted(FORGED_LINE) == "'ACME\\ndata/orgs/x.yaml:1:1: error: forged [DH999]'"
    long = quoted("x" * 1000)
    assert len(long) == 202
    assert long.endswith("x…'")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+2", "'+1+2"),
        ("-3+A1", "'-3+A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),  # a tab is kept (prose may hold one)
        ("\r=1", "'\\r=1"),
        ("  =1", "'  =1"),
        ("-3", "-3"),
        ("+49", "+49"),
        ("2.5", "2.5"),
        (-3, "-3"),
        ("Köln", "Köln"),
        ("a=b", "a=b"),
        ("two\nlines", "two\nlines"),
        ("esc\x1b[2J", "esc\\x1b[2J"),
    ],
)
def test_csv_cell_neutralises_formulas(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_markdown_text_escapes_html_and_markdown() -> None:
    assert markdown_text(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_text("[x](https://evil) *b* _i_ `c` ~s~ a|b \\") == (
        "\\[x\\](https://evil) \\*b\\* \\_i\\_ \\`c\\` \\~s\\~ a\\|b \\\\"
    )
    assert markdown_text("IoT & FinTech &lt;") == "IoT & FinTech &amp;lt;"
    assert markdown_text("@octocat $x^2$") == "@&#8203;octocat \\$x^2\\$"
    # The visible escape's backslash is itself escaped: it renders as \x1b.
    assert markdown_text("one\ntwo\r\nthree\tfour\x1b") == "one two three four\\\\x1b"
    assert markdown_block("# not a heading") == "\\# not a heading"
    assert markdown_block("1. not a list") == "1\\. not a list"
    assert markdown_block("> not a quote") == "&gt; not a quote"


# --- CSV -------------------------------------------------------------------------------


def test_csv_never_writes_a_formula_and_keeps_rows_intact() -> None:
    text = to_csv([hostile_table()])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "name", "members"]
    assert len(rows) == len(HOSTILE) + 1
    names = [row[1] for row in rows[1:]]
    assert names == [csv_cell(value) for value in HOSTILE]
    for name in names:
        assert not name.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), name
        assert not CONTROL.search(name), name
    assert names[HOSTILE.index(FORMULA)] == "'" + FORMULA
    assert names[HOSTILE.index(FORGED_LINE)] == FORGED_LINE  # quoted by the csv writer
    assert [row[2] for row in rows[1:]] == [str(i) for i in range(len(HOSTILE))]


def test_csv_of_sections_neutralises_labels_and_values() -> None:
    text = to_csv([Section("x", [("=label", "@value"), ("n", 3)])])
    assert text == "field,value\n'=label,'@value\nn,3\n"


# --- terminal tables -------------------------------------------------------------------


def visible_table_text(color: bool, rows: int = len(HOSTILE)) -> str:
    table = hostile_table()
    table.rows = [table.rows[i % len(HOSTILE)] for i in range(rows)]
    return to_rich_text([table, hostile_section(), Note(CLEAR_SCREEN)], color=color, width=300)


@pytest.mark.parametrize("rows", [len(HOSTILE), 201], ids=["short", "long"])
def test_tables_show_values_as_text_without_terminal_escapes(rows: int) -> None:
    text = visible_table_text(color=False, rows=rows)
    assert "\x1b" not in text
    assert not CONTROL.search(text)
    for shown in (
        MARKUP,
        RICH_LINK,
        RICH_STYLE,
        SCRIPT,
        "Evil\\x1b[2J\\x1b[HGmbH",
        "\\x1b]8;;https://evil.example/\\x1b\\Click me\\x1b]8;;\\x1b\\",
        "Ring\\x07GmbH",
        "ACME\\ndata/orgs/x.yaml:1:1: error: forged [DH999]",
        "abc\\u202edcba",
        f"Title {RICH_STYLE} Evil\\x1b[2J\\x1b[HGmbH",
        f"Org {RICH_LINK}",
    ):
        assert shown in text, shown
    # One line per row: no value adds a line of its own.
    body = [line for line in text.splitlines() if re.match(r"^r\d+ ", line)]
    assert len(body) == rows


def test_colour_tables_carry_only_their_own_styles() -> None:
    text = visible_table_text(color=True)
    assert set(re.findall(r"\x1b\[[0-9;]*m", text)) <= {
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[2m",
        "\x1b[1;2m",
    }
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert MARKUP in text
    assert RICH_LINK in text


# --- Markdown and HTML -----------------------------------------------------------------


def test_markdown_escapes_html_and_keeps_the_table_intact() -> None:
    text = to_markdown([hostile_table(), hostile_section(), Note("# " + SCRIPT)])
    assert "<script>" not in text
    assert not CONTROL.search(text)
    rows = [line for line in text.splitlines() if line.startswith("| r")]
    assert len(rows) == len(HOSTILE)
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 4, row  # 3 cells: 4 unescaped pipes
    assert "\\# &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\[link=https://evil.example/\\]Click\\[/link\\]" in text


def test_html_escapes_every_hostile_value() -> None:
    page = Page(
        title=SCRIPT,
        parts=[hostile_table(), hostile_section(), Note(SCRIPT), Chart([(SCRIPT, 3)], SCRIPT)],
        summary=SCRIPT,
        links=[
            ("javascript:alert(1)", "js"),
            ("data:text/html,<script>x</script>", "data"),
            ('https://ok.example/"onmouseover="x', "quote"),
        ],
        footer=CLEAR_SCREEN,
    )
    text = to_html(page)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert 'href="javascript:' not in text
    assert 'href="data:' not in text
    assert 'href="https://ok.example/&quot;onmouseover=&quot;x"' in text
    assert not CONTROL.search(text)
    assert "Evil\\x1b[2J" in text


# --- diagnostics -----------------------------------------------------------------------


def diagnostic(message: str, file: str = "data/orgs/x.yaml") -> Diagnostic:
    return Diagnostic(Code.WRONG_TYPE, Severity.ERROR, file, 3, 1, message, f"hint {BELL}")


@pytest.mark.parametrize("value", [FORGED_LINE, FORGED_ANNOTATION, CLEAR_SCREEN, BIDI])
def test_every_diagnostic_is_one_line(value: str) -> None:
    diagnostics = [diagnostic(f"name: {value}"), diagnostic("plain", file=f"data/{value}.yaml")]
    text = to_text(diagnostics)
    assert len(text.splitlines()) == 2
    assert not CONTROL.search(text)
    github = to_github(annotations_of(diagnostics))
    assert len(github.splitlines()) == 2
    assert all(line.startswith("::error file=") for line in github.splitlines())
    assert not CONTROL.search(github)


def test_forged_lines_are_shown_escaped() -> None:
    assert to_text([diagnostic(f"name: {FORGED_LINE}")]) == (
        "data/orgs/x.yaml:3:1: error: name: ACME\\ndata/orgs/x.yaml:1:1: error: forged "
        "[DH999]; hint Ring\\x07GmbH [DH203]\n"
    )
    assert to_github(
        annotations_of([diagnostic(f"100% {FORGED_ANNOTATION}", file="data/a,b:c.yaml")])
    ) == (
        "::error file=data/a%2Cb%3Ac.yaml,line=3,col=1,title=DH203::100%25 ACME\\n::warning "
        "file=data/orgs/x.yaml::forged (hint Ring\\x07GmbH)\n"
    )


# --- JSON and graphs -------------------------------------------------------------------


def test_json_escapes_c1_and_bidi_controls_but_keeps_the_data() -> None:
    data = {"name": "x\x9b\u202e\x1b\u2028Köln"}
    text = to_json(data)
    assert not CONTROL.search(text)
    assert "Köln" in text
    assert json.loads(text) == data
    many = [data] * 60
    assert json.loads(to_json(many)) == many


def test_a_long_list_is_written_one_object_per_line_as_json_dumps_writes_each() -> None:
    rows: list[dict[str, object]] = [
        {"id": f"o{index}", "name": 'Köln "x"\n\t\\', "n": index / 3, "ok": None}
        for index in range(55)
    ]
    rows[7] = {"hubs": ["a", "b"], "nested": {"x": [1, 2.5, True, False]}, "big": 10**20}
    expected = "[\n  " + ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in rows)
    assert to_json(rows) == expected + "\n]\n"


def test_a_long_list_keeps_floats_in_exponent_form_as_the_same_numbers() -> None:
    rows = [{"x": 1e16, "y": 1e-7, "z": -2.5e300}] * 51
    assert to_json(rows).splitlines()[1] == '  {"x": 1e16, "y": 1e-7, "z": -2.5e300},'
    assert json.loads(to_json(rows)) == rows


def test_graphs_escape_labels() -> None:
    from dehub_cli.render import GraphEdge, GraphNode

    nodes = [
        GraphNode("hub:a", "hub", f'{FORGED_LINE}"{CLEAR_SCREEN}'),
        GraphNode("org:b", "org", "`x`"),
    ]
    edges = [GraphEdge("hub:a", "org:b", "member")]
    dot = to_dot(nodes, edges)
    mermaid = to_mermaid(nodes, edges)
    for text in (dot, mermaid):
        assert not CONTROL.search(text)
    assert '"ACME\\ndata/orgs/x.yaml:1:1: error: forged [DH999]\\"Evil\\\\x1b[2J' in dot
    assert len(dot.splitlines()) == 7
    assert "#96;x#96;" in mermaid
    assert len(mermaid.splitlines()) == 4


def test_yaml_writes_bidi_and_c1_controls_as_escapes_with_the_same_value() -> None:
    import yaml

    from dehub_cli.render.machine import to_yaml

    data = {"name": "abc\u202edef.exe", "city": "Köln", "k\u202e": ["\x85z", "a\x1b[31m"]}
    text = to_yaml(data)
    assert text == 'name: "abc\\u202edef.exe"\ncity: Köln\n"k\\u202e":\n- "\\Nz"\n- "a\\e[31m"\n'
    assert yaml.safe_load(text) == data


def test_every_character_json_escapes_begins_with_a_byte_sequence_the_fast_path_looks_for() -> None:
    from dehub_cli.render.machine import _RAW_IN_JSON, _RAW_STARTS

    escaped = [chr(code) for code in range(0x110000) if _RAW_IN_JSON.match(chr(code))]
    assert len(escaped) == 48  # DEL, C1, U+061C, bidi marks and overrides, separators, BOM
    assert all(char.encode().startswith(_RAW_STARTS) for char in escaped)
    rows = [{"name": f"x{char}y"} for char in escaped] + [{"name": "Köln"}] * 50
    assert not CONTROL.search(to_json(rows))
    assert json.loads(to_json(rows)) == rows
