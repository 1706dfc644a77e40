"""``dehub diff [A] [B]``: what changed in the registry between two revisions."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption


class DiffFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"


def diff(
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            help="A B, A..B (A against B), A...B (their merge base against B) or A (against "
            "the working tree). Default: the merge base with origin/HEAD, main or master "
            "against the working tree.",
            metavar="[A] [B]",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="table; json (one fixed shape); markdown (a pull-request comment); github "
            "(workflow annotations on the changed lines).",
        ),
    ] = DiffFormat.TABLE,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are changes (like git diff)."),
    ] = False,
) -> None:
    """Show what changed in the registry between two revisions: records, memberships, sources.

    Records added, removed and renamed, values changed (old -> new), memberships started,
    ended and changed, sources added and removed, sectors and published figures. Reads old
    revisions from git, never checks out. Exit 0 when the diff ran (1 with --exit-code and
    changes), 2 when git cannot answer (not a repository, unknown revision, shallow clone).
    """
    from dehub_cli.cli.common import emit, fail, find_registry
    from dehub_cli.history.compare import diff_revisions
    from dehub_cli.history.git import HistoryError
    from dehub_cli.render import OutputFormat

    registry = find_registry(data)
    try:
        result = diff_revisions(registry, revisions or [])
    except HistoryError as error:
        fail(error.message, hint=error.hint)
    if output_format is DiffFormat.TABLE:
        emit(result, OutputFormat.TABLE)
    elif output_format is DiffFormat.JSON:
        emit(result, OutputFormat.JSON)
    else:
        from dehub_cli.history import render

        if output_format is DiffFormat.MARKDOWN:
            sys.stdout.write(render.diff_markdown(result))
        else:
            sys.stdout.write(render.diff_github(result))
            sys.stderr.write(result.summary() + "\n")
    raise typer.Exit(EXIT_DATA if exit_code and result.has_changes else EXIT_OK)
