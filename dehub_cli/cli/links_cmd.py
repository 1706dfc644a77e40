"""``dehub links``: organisations that bridge hubs, hub pairs that share members, the graph."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption, format_flag


def links(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Memberships active on this day instead of today (2018-12-31, 2018-12, 2018).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    all_time: Annotated[
        bool, typer.Option("--all", help="Every membership ever, former ones too.")
    ] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_flag("tables", "data", "graph")] = None,
) -> None:
    """Show the cross-links between hubs, or export the hub-organisation graph.

    Organisations in two or more hubs (the bridges), and for each pair of hubs how many
    members they share. --format dot or mermaid exports the graph.
    """
    from dehub_cli.cli.common import choose_format, emit, fail, load
    from dehub_cli.query.links import build_links
    from dehub_cli.query.resolve import resolve_day

    chosen = choose_format(fmt, "tables", "data", "graph")
    if all_time and as_of is not None:
        fail("--all and --as-of exclude each other", hint="--all is every day, --as-of one day")
    day = None if all_time else resolve_day(as_of, end=True)
    registry = load(data, no_cache=no_cache, provisional=True).registry
    emit(build_links(registry, day), chosen)
