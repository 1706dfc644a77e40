"""``dehub diff [A] [B]``: what changed in the registry between two revisions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption, format_flag
from dehub_cli.render.formats import Capability

CAPABILITIES: tuple[Capability, ...] = ("tables", "data", "markdown", "annotations")
"""markdown is the pull-request comment; github annotates the changed lines."""


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
    fmt: Annotated[str | None, format_flag(*CAPABILITIES)] = None,
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

    chosen = choose_format(fmt, *CAPABILITIES)
    result = diff_revisions(find_registry(data), revisions or [])
    emit(result, chosen)
    if chosen.name == "github":
        sys.stderr.write(result.summary() + "\n")
    raise typer.Exit(EXIT_DATA if exit_code and result.has_changes else EXIT_OK)
