"""``dehub links``: organisations that bridge hubs, hub pairs that share members, the graph."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption

GRAPH_FORMATS = ("dot", "mermaid")


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
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default), json, csv (the bridges), yaml, markdown, or the graph as "
            "dot (Graphviz) or mermaid.",
            metavar="[table|json|csv|yaml|markdown|dot|mermaid]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the cross-links between hubs, or export the hub-organisation graph.

    Organisations in two or more hubs (the bridges), and for each pair of hubs how many
    members they share. --format dot or mermaid exports the graph.
    """
    from dehub_cli.cli.common import emit, fail, load
    from dehub_cli.cli.resolve import resolve_day
    from dehub_cli.links import build_links
    from dehub_cli.render import OutputFormat

    chosen = (fmt or "table").strip().lower()
    choices = [member.value for member in OutputFormat] + list(GRAPH_FORMATS)
    if chosen not in choices:
        from dehub_cli.textnorm import suggestion

        fail(
            f"unknown format '{fmt}'",
            hint=suggestion(chosen, choices) or f"choose one of: {', '.join(choices)}",
        )
    if all_time and as_of is not None:
        fail("--all and --as-of exclude each other", hint="--all is every day, --as-of one day")
    day = None if all_time else resolve_day(as_of, end=True)
    registry = load(data, no_cache=no_cache).registry
    result = build_links(registry, day)
    if chosen not in GRAPH_FORMATS:
        emit(result, OutputFormat(chosen))
        return
    from dehub_cli.render.graph import to_dot, to_mermaid

    render = to_dot if chosen == "dot" else to_mermaid
    sys.stdout.write(render(result.nodes, result.edges))
