"""``dehub validate``: check every file of the registry; the command CI runs."""

from __future__ import annotations

import enum
import os
import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption, NoCacheOption, load


class ValidateFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def validate(
    data: DataOption = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col lines; json: one fixed shape; github: workflow annotations. "
            "Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every hub, organisation and vocabulary file and the rules between them.

    Exit 0 when there are no errors, 1 when the data has errors (or warnings with
    --strict), 2 on a usage or environment problem.
    """
    from dehub_cli.cli.common import stdout_is_color_terminal
    from dehub_cli.diagnostics import Summary
    from dehub_cli.render import diagnostics as reporters

    result = load(data, no_cache=no_cache, warn_invalid=False)
    summary = Summary.of(result.diagnostics, result.file_count)
    ok = summary.errors == 0 and not (strict and summary.warnings)
    chosen = output_format or (
        ValidateFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFormat.TEXT
    )
    if chosen is ValidateFormat.JSON:
        sys.stdout.write(reporters.to_json(result.diagnostics, summary, ok=ok))
    elif chosen is ValidateFormat.GITHUB:
        sys.stdout.write(reporters.to_github(result.diagnostics))
        sys.stderr.write(reporters.summary_line(summary, strict=strict) + "\n")
    else:
        sys.stdout.write(reporters.to_text(result.diagnostics, color=stdout_is_color_terminal()))
        sys.stderr.write(reporters.summary_line(summary, strict=strict) + "\n")
    raise typer.Exit(EXIT_OK if ok else EXIT_DATA)


def codes() -> None:
    """List the diagnostic codes that validate reports, with what each means."""
    from dehub_cli.codes import CODES

    for code, description in CODES.items():
        sys.stdout.write(f"{code}  {description}\n")
