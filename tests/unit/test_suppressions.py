"""Suppression comments: where they stand, what they silence, and what is reported about them."""

from __future__ import annotations

import pytest

from dehub_cli.codes import Code, Severity
from dehub_cli.config import Config
from dehub_cli.diagnostics import Diagnostic
from dehub_cli.suppressions import Suppression, apply_settings, comment_start, parse_suppressions

FILE = "data/hubs/koeln.yaml"


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("name: Köln # note", 11),
        ("# a comment", 0),
        ("name: 'Köln # not a comment' # but this", 29),
        ('name: "a \\" # b" # c', 17),
        ("name: O'Brien # note", 14),
        ("name: 'It''s # inside'", None),
        ("url: https://example.org/#anchor", None),
        ("- 'a' # b", 6),
    ],
)
def test_comment_start(line: str, start: int | None) -> None:
    assert comment_start(line) == start


def test_parse_every_form() -> None:
    text = (
        "id: koeln\n"
        "# dehub: ignore-file[DH307]\n"
        "name: Köln  # dehub: ignore[DH309, dh311] no source names one\n"
        "# dehub: ignore[DH305]\n"
        "\n"
        "# another comment\n"
        "twins:\n"
        "  - berlin\n"
        "# dehub: see the README (prose, not a directive)\n"
        "description: 'not # dehub: ignore[DH309] a comment'\n"
    )
    assert parse_suppressions(text, FILE) == [
        Suppression(FILE, 2, 1, ("DH307",), True),
        Suppression(FILE, 3, 13, ("DH309", "DH311"), False, target=3),
        Suppression(FILE, 4, 1, ("DH305",), False, target=7),
    ]


def test_parse_problems() -> None:
    text = (
        "name: x  # dehub: ignore-file[DH309]\n"
        "# dehub: ignore\n"
        "# dehub: ignor[DH309]\n"
        "# dehub: ignore[DH309\n"
        "# dehub: ignore[DH309]\n"
    )
    found = parse_suppressions(text, FILE)
    assert [(s.line, s.problem, s.hint) for s in found] == [
        (
            1,
            "'dehub: ignore-file' must stand on a line of its own",
            "move the comment to a line of its own",
        ),
        (2, "'dehub: ignore' names no code", "name the codes it silences: # dehub: ignore[DH309]"),
        (3, "unknown directive 'dehub: ignor'", "did you mean 'ignore'?"),
        (4, "suppression without its closing ']'", "# dehub: ignore[DH309]"),
        (5, None, None),
    ]
    assert found[-1].target == 0  # nothing follows it


def warning(code: Code, line: int, file: str = FILE) -> Diagnostic:
    return Diagnostic(code, code.severity, file, line, 7, f"{code} here")


def test_line_and_file_level_suppressions_and_unused_ones() -> None:
    diagnostics = [
        warning(Code.NO_OPERATOR, 3),
        warning(Code.BEFORE_ANNOUNCEMENT, 9),
        warning(Code.BEFORE_ANNOUNCEMENT, 12),
        warning(Code.OVERLAPPING, 3, file="data/orgs/other.yaml"),
    ]
    suppressions = [
        Suppression(FILE, 2, 1, ("DH307",), True),
        Suppression(FILE, 3, 13, ("DH309", "DH311"), False, target=3),
        Suppression(FILE, 20, 1, ("DH3O9", "DH104"), False, target=21),
    ]
    kept = apply_settings(diagnostics, suppressions, Config())
    assert [(d.file, d.line, d.column, d.code, d.message, d.hint) for d in kept] == [
        (FILE, 3, 13, Code.UNUSED_SUPPRESSION, "unused suppression: no DH311 finding on line 3",
         "remove 'DH311' from the comment"),
        (FILE, 20, 1, Code.INVALID_SUPPRESSION, "unknown code 'DH3O9' in suppression",
         "did you mean 'DH309'?"),
        (FILE, 20, 1, Code.INVALID_SUPPRESSION,
         "DH104 cannot be suppressed: a record with it is left out of every answer",
         "fix the finding instead; dehub codes DH104 explains how"),
        ("data/orgs/other.yaml", 3, 7, Code.OVERLAPPING, "DH311 here", None),
    ]  # fmt: skip


def test_a_line_suppression_wins_over_the_file_level_one() -> None:
    kept = apply_settings(
        [warning(Code.NO_OPERATOR, 3)],
        [
            Suppression(FILE, 1, 1, ("DH309",), True),
            Suppression(FILE, 3, 9, ("DH309",), False, target=3),
        ],
        Config(),
    )
    assert [(d.line, d.message) for d in kept] == [
        (1, "unused suppression: no DH309 finding in this file")
    ]


def test_severity_settings() -> None:
    config = Config(severity={Code.NO_OPERATOR: None, Code.SAME_NAME: Severity.ERROR})
    kept = apply_settings(
        [warning(Code.NO_OPERATOR, 3), warning(Code.SAME_NAME, 4)],
        [Suppression(FILE, 3, 9, ("DH309",), False, target=3)],
        config,
    )
    assert [(d.code, d.severity, d.message) for d in kept] == [
        (
            Code.UNUSED_SUPPRESSION,
            Severity.WARNING,
            "unused suppression: DH309 is turned off in defaults",
        ),
        (Code.SAME_NAME, Severity.ERROR, "DH308 here"),
    ]


def test_suppression_reports_follow_the_settings_too() -> None:
    config = Config(severity={Code.UNUSED_SUPPRESSION: None})
    assert apply_settings([], [Suppression(FILE, 3, 9, ("DH309",), False, target=3)], config) == []
    kept = apply_settings(
        [],
        [Suppression(FILE, 3, 9, ("DH309",), False, target=3)],
        Config(severity={Code.UNUSED_SUPPRESSION: Severity.ERROR}),
    )
    assert [d.severity for d in kept] == [Severity.ERROR]


def test_without_report_unused_only_findings_are_dropped() -> None:
    kept = apply_settings(
        [warning(Code.NO_OPERATOR, 3)],
        [Suppression(FILE, 1, 1, ("DH307", "DH3O9"), True)],
        Config(),
        report_unused=False,
    )
    assert [d.code for d in kept] == [Code.NO_OPERATOR]
