"""The renderers as pure functions of results built directly (no git)."""

from __future__ import annotations

from dehub_cli.history.changes import (
    DiffResult,
    FieldChange,
    Note,
    RecordChange,
    SourceChange,
    summarise,
)
from dehub_cli.history.render import (
    MARKDOWN_MAX_LINES,
    code_span,
    diff_markdown,
)
from dehub_cli.history.snapshot import Revision
from dehub_cli.history.text import show_value, visible
from dehub_cli.render.formats import render
from dehub_cli.render.safe import markdown_text

OLD = Revision("main", "a" * 40)
NEW = Revision("HEAD", "b" * 40)


def test_visible_escapes_control_characters() -> None:
    assert visible("a\nb\tc\x1b[0m\u202ed\\e\x85\ud800") == (r"a\nb\tc\x1b[0m\u202ed\\e\x85\ud800")
    assert visible("Köln \u2013 Café\u00a0") == "Köln \u2013 Café\u00a0"


def test_show_value() -> None:
    assert show_value(None) == "(none)"
    assert show_value(["fintech", "iot"]) == "fintech, iot"
    assert show_value([{"name": "Köln", "land": "DE-NW"}]) == "[{name: Köln, land: DE-NW}]"
    assert show_value(True) == "true"
    assert show_value("") == '""'


def test_code_span_cannot_be_ended_by_its_content() -> None:
    assert code_span("a") == "`a`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a") == "`` `a ``"
    assert code_span("a``") == "``` a`` ```"
    assert code_span("") == '`""`'


def test_markdown_text_is_inert() -> None:
    assert markdown_text("<b>x</b> & @team *y* [l](u) a_b|c~d$e\\f") == (
        r"&lt;b&gt;x&lt;/b&gt; & @&#8203;team \*y\* \[l\](u) a\_b\|c\~d\$e\\f"
    )


def added(index: int) -> RecordChange:
    return RecordChange(
        "org", "added", f"org-{index:03d}", f"data/orgs/org-{index:03d}.yaml", name="X", line=2
    )


def test_markdown_lists_at_most_a_comment_full() -> None:
    result = DiffResult(OLD, NEW, tuple(added(index) for index in range(MARKDOWN_MAX_LINES + 50)))

    lines = diff_markdown(result).splitlines()

    assert lines[2] == "**300 organisations added**"
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == MARKDOWN_MAX_LINES + 1
    assert bullets[-1] == "- … and 50 more changes: run `dehub diff` for all of them"


def test_markdown_shortens_long_values() -> None:
    change = RecordChange(
        "org",
        "changed",
        "acme",
        "data/orgs/acme.yaml",
        name="Acme",
        fields=(FieldChange("description", "x" * 500, None, 7),),
    )

    line = diff_markdown(DiffResult(OLD, NEW, (change,))).splitlines()[-1]

    assert line == f"  - changed: `description`: `{'x' * 199}…` → `(none)`"


def test_github_escapes_properties_and_data() -> None:
    change = RecordChange(
        "org",
        "changed",
        "acme",
        "data/orgs/a,b:c%.yaml",
        fields=(FieldChange("name", "100%\r\nx", "y", 3),),
    )
    note = Note("data/orgs/x.yaml", "from", "unreadable", "could not be read: 1:1: 50% [DH103]")

    text = render(DiffResult(OLD, NEW, (change,), (note,)), "github")

    assert text == (
        "::notice file=data/orgs/a%2Cb%3Ac%25.yaml,line=3::organisation acme: changed: "
        r"name: 100%25\r\nx -> y" + "\n"
        "::warning::data/orgs/x.yaml in main: could not be read: 1:1: 50%25 [DH103]\n"
    )


def test_no_changes_markdown() -> None:
    assert diff_markdown(DiffResult(OLD, NEW, ())) == (
        "### Registry changes\n"
        "\n"
        "**no changes**\n"
        "\n"
        f"From `main ({'a' * 7})` to `HEAD ({'b' * 7})`.\n"
    )


def test_summary_of_organisations_added_in_many_hubs() -> None:
    hubs = ["potsdam"] * 3 + ["hamburg"] * 2 + ["berlin", "koeln", ""]
    changes = [
        RecordChange("org", "added", f"o{index}", "f", hubs=(hub,) if hub else ())
        for index, hub in enumerate(hubs)
    ]
    labels = {"potsdam": "Potsdam", "hamburg": "Hamburg", "berlin": "Berlin", "koeln": "Köln"}

    assert summarise(changes, hub_labels=labels) == (
        "8 organisations added (3 in Potsdam, 2 in Hamburg, 1 in Berlin, 2 elsewhere)"
    )
    assert summarise(changes[:3], hub_labels=labels) == "3 organisations added in Potsdam"
    assert summarise(changes[-1:]) == "1 organisation added"


def test_source_changed_lists_each_value_once() -> None:
    source = SourceChange(
        "changed",
        "https://example.org/a",
        {"url": "https://example.org/a", "title": "Old", "date": "2017"},
        {"url": "https://example.org/a", "date": "2018"},
        line=9,
    )
    change = RecordChange("hub", "changed", "berlin", "data/hubs/berlin.yaml", sources=(source,))

    assert render(DiffResult(OLD, NEW, (change,)), "github") == (
        "::notice file=data/hubs/berlin.yaml,line=9::hub berlin: source changed: "
        "https://example.org/a: title: Old -> (none); date: 2017 -> 2018\n"
    )
