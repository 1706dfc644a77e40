"""``dehub show ID``: one hub or organisation in full."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption, format_flag
from dehub_cli.cli.complete import complete_record


def show(
    record: Annotated[
        str,
        typer.Argument(
            help="A hub or organisation id; a hub's name or city also works (Köln).",
            metavar="ID",
            autocompletion=complete_record,
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
    fmt: Annotated[str | None, format_flag("tables", "data")] = None,
) -> None:
    """Show one hub or organisation in full.

    A hub: its facts, sectors over time, twins, operators, current members by kind, how
    many former members, its sources. An organisation: its facts, membership timeline,
    hubs and sources.
    """
    from dehub_cli.cli.common import EXIT_DATA, choose_format, emit, fail, left_out_files, load
    from dehub_cli.discovery import record_id_of
    from dehub_cli.query import hub_detail, org_detail, resolve_record
    from dehub_cli.query.resolve import resolve_day

    chosen_format = choose_format(fmt, "tables", "data")
    day = resolve_day(as_of, end=True)
    result = load(data, no_cache=no_cache, provisional=True)
    registry = result.registry
    if record not in registry.hubs and record not in registry.orgs:
        for file in sorted(left_out_files(result)):
            if record_id_of(file) == record:  # its file has errors: no other record instead
                fail(
                    f"{file} has errors, so {record!r} is left out",
                    hint="run 'dehub validate' to see them",
                    code=EXIT_DATA,
                )
    record_type, record_id = resolve_record(registry, record, close_match=True)
    if record_type == "hub":
        emit(hub_detail(registry, record_id, day), chosen_format)
    else:
        emit(org_detail(registry, record_id, day), chosen_format)
