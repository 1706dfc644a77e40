"""The canonical form: exact layouts for small inputs, comments kept, idempotent, data unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dehub_cli.edit.canonical import (
    FormatError,
    canonical_text,
    record_shape,
    shape_for_path,
)
from dehub_cli.yamlparse import parse_yaml

ORG = record_shape("org")
HUB = record_shape("hub")

CANONICAL_ORG = """\
# Header about the file.

id: acme
# The official name.
name: "ACME GmbH"  # as on the imprint
kind: startup
sectors:
  - iot
  - fintech
memberships:
  # Joined at the opening.
  - hub: koeln
    role: partner
    since: 2017-04-21
    until: 2018
sources:
  - url: https://example.org/a
    title: "A page"
    date: 2017-04
"""


def fmt(text: str, shape: object = ORG) -> str:
    return canonical_text(text, shape)  # type: ignore[arg-type]


def test_a_canonical_file_is_left_exactly_as_it_is() -> None:
    assert fmt(CANONICAL_ORG) == CANONICAL_ORG


def test_keys_follow_the_model_order_and_comments_move_with_their_keys() -> None:
    messy = """\
# Header about the file.

sources:
  - title: "A page"
    date: 2017-04
    url: https://example.org/a
memberships:
  # Joined at the opening.
  - since: 2017-04-21
    until: 2018
    hub: koeln
    role: partner
kind: startup
# The official name.
name: "ACME GmbH"  # as on the imprint
sectors:
  - iot
  - fintech
id: acme
"""
    assert fmt(messy) == CANONICAL_ORG


def test_indentation_flow_lists_dates_bom_and_crlf_are_normalised() -> None:
    messy = (
        "\ufeffid: acme\r\n"
        'name: "ACME GmbH"  # as on the imprint\r\n'
        "kind: startup\r\n"
        "sectors: [iot, fintech]\r\n"
        "memberships:\r\n"
        "    -   {hub: koeln, role: partner, since: '2017-04-21', until: \"2018\"}\r\n"
        "sources:\r\n"
        "- url: https://example.org/a\r\n"
        '  title: "A page"\r\n'
        '  date: "2017-04"\r\n'
    )
    expected = CANONICAL_ORG.replace("# Header about the file.\n\n", "")
    expected = expected.replace("# The official name.\n", "").replace(
        "  # Joined at the opening.\n", ""
    )
    assert fmt(messy) == expected


def test_comment_lines_are_reindented_with_the_entry_they_precede() -> None:
    text = (
        "id: a\nsources:\n      # about the source\n      - url: https://x.org\n        title: t\n"
    )
    assert fmt(text) == (
        "id: a\nsources:\n  # about the source\n  - url: https://x.org\n    title: t\n"
    )


def test_a_comment_ending_a_list_stays_at_its_end_when_keys_move() -> None:
    text = (
        "sources:\n"
        "  - url: https://x.org\n"
        "    title: t\n"
        "  # more sources to come\n"
        "# the id\n"
        "id: a\n"
    )
    assert fmt(text) == (
        "# the id\n"
        "id: a\n"
        "sources:\n"
        "  - url: https://x.org\n"
        "    title: t\n"
        "  # more sources to come\n"
    )


def test_blank_lines_collapse_and_disappear_at_the_ends() -> None:
    text = "\n\nid: a\n\n\n\nname: A\nkind: sme\n\n\n"
    assert fmt(text) == "id: a\n\nname: A\nkind: sme\n"


def test_block_scalars_are_reindented_without_changing_their_text() -> None:
    text = "id: a\ndescription: >-\n      First line\n      second line.\n\n      New paragraph.\nname: A\n"
    result = fmt(text)
    assert result == (
        "id: a\nname: A\ndescription: >-\n  First line\n  second line.\n\n  New paragraph.\n"
    )
    assert parse_yaml(result).value == parse_yaml(text).value


def test_quoting_is_kept_except_for_dates() -> None:
    text = "id: 'a'\nname: \"A: B\"\nkind: 'sme'\nfounded: '2001'\n"
    assert fmt(text) == text


def test_a_year_in_quotes_at_a_date_key_is_unquoted() -> None:
    text = "id: h\nannounced: '2017'\n"
    assert fmt(text, HUB) == "id: h\nannounced: 2017\n"


def test_hub_sectors_written_as_plain_ids_stay_plain() -> None:
    text = "id: h\nsectors: [iot, {sector: fintech, since: '2018-01'}]\nname: H\n"
    assert fmt(text, HUB) == (
        "id: h\nname: H\nsectors:\n  - iot\n  - sector: fintech\n    since: 2018-01\n"
    )


def test_unknown_keys_go_last_in_their_original_order() -> None:
    text = "zeta: 1\nname: A\nalpha: 2\nid: a\n"
    assert fmt(text) == "id: a\nname: A\nzeta: 1\nalpha: 2\n"


def test_without_a_shape_only_the_layout_changes() -> None:
    text = "b: [1, 2]\na:\n    x: z\n"
    assert canonical_text(text, None) == "b:\n  - 1\n  - 2\na:\n  x: z\n"


def test_empty_lists_stay_inline() -> None:
    assert fmt("id: a\nmemberships: []\nname: A\n") == "id: a\nname: A\nmemberships: []\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: a\nid: b\n", "duplicate key"),
        ("id: [a\n", "YAML syntax error"),
        ("- a\n- b\n", "not a record"),
        ("", "not a record"),
        ("id: &x a\nname: *x\n", "anchor"),
        ("id: a\n\tname: b\n", "tab"),
    ],
)
def test_files_that_do_not_parse_are_refused(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        fmt(text)


def test_canonical_twice_is_canonical_once() -> None:
    text = (
        "# c1\nmemberships:\n- {since: 2017, hub: a}   # eol\n  # trailing\n"
        "name: x  # n\nsources: [{url: 'https://a.org', title: t}]\nid: a\n"
    )
    once = fmt(text)
    assert fmt(once) == once


def test_record_shapes_follow_the_models() -> None:
    from dehub_cli.models import Hub, Membership, Org, Source

    assert ORG.order == tuple(Org.model_fields)
    assert HUB.order == tuple(Hub.model_fields)
    assert ORG.children["memberships"].order == tuple(Membership.model_fields)
    assert ORG.children["sources"].order == tuple(Source.model_fields)
    assert ORG.children["memberships"].dates == {"since", "first_seen", "until", "last_seen"}
    assert HUB.dates == {"announced"}
    figures = record_shape("initiative").children["published"].children["figures"]
    assert figures.order[:2] == ("hubs", "startups")


def test_shape_is_chosen_by_the_file_s_place() -> None:
    assert shape_for_path(Path("data/orgs/a.yaml")) == ORG
    assert shape_for_path(Path("data/hubs/a.yaml")) == HUB
    assert shape_for_path(Path("data/sectors.yaml")) == record_shape("sectors")
    assert shape_for_path(Path("elsewhere/x.yaml")) is None


# --- property: any record, any layout, any comments -> same data, stable result -------------

_scalars = st.one_of(
    st.sampled_from(["a", "Köln", "x: y", "it's", "2017-04-21", "2017", "12", "true", ""]),
    st.text(alphabet="ab cäö:#-'\"\n", min_size=1, max_size=30),
    st.integers(min_value=-5, max_value=3000),
    st.none(),
    st.booleans(),
)
_keys = st.sampled_from(
    ["id", "name", "kind", "sources", "memberships", "hub", "since", "url", "title", "zz", "city"]
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record=st.dictionaries(_keys, _values, min_size=1, max_size=6),
    indent=st.sampled_from([2, 3, 4]),
    width=st.sampled_from([20, 1000]),
    flow=st.sampled_from([False, None]),
    comments=st.lists(
        st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=6)),
        max_size=4,
    ),
)
def test_any_record_keeps_its_data_and_comments_and_is_stable(
    record: dict[str, object],
    indent: int,
    width: int,
    flow: bool | None,
    comments: list[tuple[int, int]],
) -> None:
    text = yaml.safe_dump(
        record,
        sort_keys=False,
        allow_unicode=True,
        indent=indent,
        width=width,
        default_flow_style=flow,
    )
    lines = text.split("\n")
    for number, (position, column) in enumerate(comments):
        lines.insert(position % len(lines), " " * column + f"# note {number}")
    commented = "\n".join(lines)
    parsed = parse_yaml(commented)
    if parsed.problems or parsed.value != parse_yaml(text).value:
        return  # the comment landed inside a multi-line scalar: not a comment there
    result = fmt(commented)
    assert parse_yaml(result).value == parsed.value or _only_years_unquoted(result, parsed.value)
    for number in range(len(comments)):
        assert commented.count(f"# note {number}") == result.count(f"# note {number}")
    assert fmt(result) == result


def _only_years_unquoted(result: str, value: object) -> bool:
    """The one allowed change: a quoted year at a date key read back as a number."""
    from dehub_cli.edit.canonical import _comparable

    return bool(_comparable(parse_yaml(result).value, ORG) == _comparable(value, ORG))
