"""``dehub validate``: check every file of the registry; the command CI runs."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dehub_cli.render.formats import Capability

from dehub_cli.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    DataOption,
    NoCacheOption,
    choose_format,
    emit,
    fail,
    format_flag,
    load_with_config,
)

CAPABILITIES: tuple[Capability, ...] = ("diagnostics", "annotations", "data", "tables")


def validate(
    data: DataOption = None,
    fmt: Annotated[str | None, format_flag(*CAPABILITIES, default="text")] = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Fail on warnings too. Default: 'strict' in dehub.toml, else off.",
            show_default=False,
        ),
    ] = None,
    statistics: Annotated[
        bool | None,
        typer.Option(
            "--statistics/--no-statistics",
            help="Print how many findings each code has instead of the findings.",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check every hub, organisation and vocabulary file and the rules between them.

    Settings come from dehub.toml beside the registry (docs/CONFIG.md); a comment
    '# dehub: ignore[CODE]' silences one finding. The default format is github when
    GITHUB_ACTIONS=true, else text. Exit 0 without errors, 1 with errors (or warnings
    with --strict), 2 on a usage or environment problem.
    """
    from dehub_cli.diagnostics import CodeStatistics, Summary, ValidationResult
    from dehub_cli.render.diagnostics import statistics_text, summary_line

    if fmt is not None:  # a usage error before any work; no progress bar around machine output
        choose_format(fmt, *CAPABILITIES)
    loaded, config = load_with_config(data, no_cache=no_cache, unused_suppressions=True)
    if fmt is None:
        in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        fmt = config.format or ("github" if in_actions else "text")
    chosen = choose_format(fmt, *CAPABILITIES)
    strict = config.strict if strict is None else strict
    statistics = config.statistics if statistics is None else statistics
    summary = Summary.of(loaded.diagnostics, loaded.file_count)
    result = ValidationResult(loaded.diagnostics, summary, strict=bool(strict))
    if statistics:
        counts = CodeStatistics.of(loaded.diagnostics)
        if chosen.name == "text":
            sys.stdout.write(statistics_text(counts))
        elif chosen.needs in ("data", "tables"):
            emit(counts, chosen)
        else:
            fail(
                f"--statistics cannot be written as {chosen.name}",
                hint="use --format text, json, yaml, csv or markdown with --statistics",
            )
    else:
        emit(result, chosen)
    if chosen.name not in ("json", "yaml", "sarif"):  # documents that stand alone
        sys.stderr.write(summary_line(summary, strict=bool(strict)) + "\n")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_DATA)
