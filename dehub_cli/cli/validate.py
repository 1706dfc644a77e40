"""``dehub validate``: check every file of the registry; the command CI runs."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    DataOption,
    NoCacheOption,
    choose_format,
    emit,
    format_flag,
    load,
)


def validate(
    data: DataOption = None,
    fmt: Annotated[
        str | None, format_flag("diagnostics", "annotations", "data", "tables", default="text")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every hub, organisation and vocabulary file and the rules between them.

    The default format is github when GITHUB_ACTIONS=true, else text. Exit 0 when there
    are no errors, 1 when the data has errors (or warnings with --strict), 2 on a usage or
    environment problem.
    """
    from dehub_cli.diagnostics import Summary, ValidationResult
    from dehub_cli.render.diagnostics import summary_line

    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    chosen = choose_format(fmt, "diagnostics", "annotations", "data", "tables", default=default)
    loaded = load(data, no_cache=no_cache, warn_invalid=False)
    summary = Summary.of(loaded.diagnostics, loaded.file_count)
    result = ValidationResult(loaded.diagnostics, summary, strict=strict)
    emit(result, chosen)
    if chosen.name != "json":
        sys.stderr.write(summary_line(summary, strict=strict) + "\n")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_DATA)


def codes() -> None:
    """List the diagnostic codes that validate reports, with what each means."""
    from dehub_cli.codes import CODES

    for code, description in CODES.items():
        sys.stdout.write(f"{code}  {description}\n")
