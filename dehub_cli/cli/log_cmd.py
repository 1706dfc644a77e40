"""``dehub log [ID]``: the registry's history, commit by commit, as semantic changes."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, format_flag
from dehub_cli.render.formats import Capability

CAPABILITIES: tuple[Capability, ...] = ("tables", "data", "markdown", "feed")


def log(
    record: Annotated[
        str | None,
        typer.Argument(
            help="A hub or organisation id: only the commits that changed it (renames followed).",
            metavar="[ID]",
            show_default=False,
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option(
            "--hub",
            help="Only membership changes in this hub (id, name or city), and changes of the hub.",
            metavar="HUB",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Commits on or after DATE (2024-05-01, 2024-05 or 2024).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Commits on or before DATE (its last day for 2024-05 or 2024).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", help="At most N commits.", min=1, show_default=False),
    ] = None,
    first_parent: Annotated[
        bool,
        typer.Option(
            "--first-parent",
            help="Follow the main line only: one entry per merge (per merged pull request).",
        ),
    ] = False,
    data: DataOption = None,
    fmt: Annotated[str | None, format_flag(*CAPABILITIES)] = None,
) -> None:
    """Show the registry's history: every commit with the semantic changes it made.

    With ID, the commits that changed that hub or organisation, following renames. With
    --hub, the membership changes in one hub. Newest first. Exit 2 when git cannot answer.
    """
    from dehub_cli.cli.common import choose_format, emit, fail, find_registry
    from dehub_cli.query.resolve import resolve_partial_date

    chosen = choose_format(fmt, *CAPABILITIES)
    if record is not None and hub is not None:
        fail("give an ID or --hub, not both", hint="dehub log bitkom, or dehub log --hub dortmund")
    first_day = resolve_partial_date(since, option="--since").first_day if since else None
    last_day = resolve_partial_date(until, option="--until").last_day if until else None
    from dehub_cli.history.log import build_log

    result = build_log(
        find_registry(data),
        record=record,
        hub=hub,
        since=first_day,
        until=last_day,
        limit=limit,
        first_parent=first_parent,
    )
    emit(result, chosen)
