"""``dehub log [ID]``: the registry's history, commit by commit, as semantic changes."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dehub_cli.cli.common import DataOption

if TYPE_CHECKING:
    from dehub_cli.history.log import LogResult


class LogFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    ATOM = "atom"


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
    output_format: Annotated[
        LogFormat,
        typer.Option(
            "--format",
            "-f",
            help="table; json (one fixed shape); markdown; atom (an Atom 1.0 feed).",
        ),
    ] = LogFormat.TABLE,
) -> None:
    """Show the registry's history: every commit with the semantic changes it made.

    With ID, the commits that changed that hub or organisation, following renames. With
    --hub, the membership changes in one hub. Newest first. Exit 2 when git cannot answer.
    """
    from dehub_cli.cli.common import emit, fail, find_registry
    from dehub_cli.cli.resolve import resolve_partial_date
    from dehub_cli.history.git import HistoryError
    from dehub_cli.render import OutputFormat

    if record is not None and hub is not None:
        fail("give an ID or --hub, not both", hint="dehub log bitkom, or dehub log --hub dortmund")
    first_day = resolve_partial_date(since, option="--since").first_day if since else None
    last_day = resolve_partial_date(until, option="--until").last_day if until else None
    registry = find_registry(data)
    try:
        result = _build(registry, record, hub, first_day, last_day, limit, first_parent)
    except HistoryError as error:
        fail(error.message, hint=error.hint)
    if output_format is LogFormat.TABLE:
        emit(result, OutputFormat.TABLE)
    elif output_format is LogFormat.JSON:
        emit(result, OutputFormat.JSON)
    else:
        from dehub_cli.history import render

        if output_format is LogFormat.MARKDOWN:
            sys.stdout.write(render.log_markdown(result))
        else:
            sys.stdout.write(render.log_atom(result))


def _build(
    registry: Path,
    record: str | None,
    hub: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int | None,
    first_parent: bool,
) -> LogResult:
    """The log; an id no commit names is looked up by name in the current registry first."""
    from dehub_cli.history.log import UnknownRecordError, build_log

    def attempt(record_id: str | None, hub_id: str | None) -> LogResult:
        return build_log(
            registry,
            record=record_id,
            hub=hub_id,
            since=since,
            until=until,
            limit=limit,
            first_parent=first_parent,
        )

    try:
        return attempt(record, hub)
    except UnknownRecordError:
        named = _current_id(registry, record if record is not None else hub, hub is not None)
        if named is None or named == (record if record is not None else hub):
            raise
    return attempt(named, None) if record is not None else attempt(None, named)


def _current_id(registry: Path, text: str | None, hub: bool) -> str | None:
    """The id that a name or city means in the current registry (``Köln`` -> ``koeln``)."""
    from dehub_cli.api import load
    from dehub_cli.query import QueryError, resolve_record

    if text is None:
        return None
    current = load(registry).registry
    if hub:
        return current.find_hub(text)
    try:
        return resolve_record(current, text)[1]
    except QueryError:
        return None
