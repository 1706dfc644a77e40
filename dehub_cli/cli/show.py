"""``dehub show ID``: one hub or organisation in full."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, FormatOption, NoCacheOption


def show(
    record: Annotated[
        str,
        typer.Argument(
            help="A hub or organisation id; a hub's name or city also works (Köln).",
            metavar="ID",
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Members and operators on this day instead of today (2018-12-31, 2018-12, 2018).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
) -> None:
    """Show one hub or organisation in full.

    A hub: its facts, sectors over time, twins, operators, current members by kind, how
    many former members, its sources. An organisation: its facts, membership timeline,
    hubs and sources.
    """
    from dehub_cli.cli.common import emit, fail, load, output_format
    from dehub_cli.cli.resolve import resolve_day
    from dehub_cli.query import QueryError, hub_detail, org_detail, resolve_record

    chosen_format = output_format(fmt)
    day = resolve_day(as_of, end=True)
    registry = load(data, no_cache=no_cache).registry
    try:
        record_type, record_id = resolve_record(registry, record)
    except QueryError as error:
        fail(error.message, hint=error.hint)
    if record_type == "hub":
        emit(hub_detail(registry, record_id, day), chosen_format)
    else:
        emit(org_detail(registry, record_id, day), chosen_format)
