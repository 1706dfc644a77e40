"""``dehub diff [A] [B]``: what changed in the registry between two revisions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption

FORMATS = ("table", "json", "markdown", "github")


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
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table; json (one fixed shape); markdown (a pull-request comment); github "
            "(workflow annotations on the changed lines). Default: table.",
            metavar="[" + "|".join(FORMATS) + "]",
            show_default=False,
        ),
    ] = None,
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
    from dehub_cli.cli.common import choose_format, emit, find_registry
    from dehub_cli.history.compare import diff_revisions
    from dehub_cli.textnorm import choose

    name = choose(fmt or "table", FORMATS, "format")
    result = diff_revisions(find_registry(data), revisions or [])
    if name in ("table", "json"):
        emit(result, choose_format(name, "tables", "data"))
    else:
        from dehub_cli.history import render

        if name == "markdown":
            sys.stdout.write(render.diff_markdown(result))
        else:
            sys.stdout.write(render.diff_github(result))
            sys.stderr.write(result.summary() + "\n")
    raise typer.Exit(EXIT_DATA if exit_code and result.has_changes else EXIT_OK)
