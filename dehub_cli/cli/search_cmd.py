"""``dehub search TEXT``: one forgiving search across hubs and organisations."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption, format_flag


def search_records(
    text: Annotated[
        str,
        typer.Argument(help="What to look for: an id, a name, a city, a sector.", metavar="TEXT"),
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=0, help="Show at most N matches.", metavar="N")
    ] = 20,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_flag("tables", "data")] = None,
) -> None:
    """Search hubs and organisations by id, name, city, sector name or alias, best first.

    Forgiving about case, umlauts (Nuernberg, Nurnberg and Nürnberg are the same) and
    small typos (Nürnbreg).
    """
    from dehub_cli.cli.common import choose_format, emit, fail, load
    from dehub_cli.query.search import query_is_searchable, search
    from dehub_cli.textnorm import quoted

    chosen_format = choose_format(fmt, "tables", "data")
    if not query_is_searchable(text):
        fail(f"search text {quoted(text)} is too short", hint="type at least two letters or digits")
    registry = load(data, no_cache=no_cache, provisional=True).registry
    emit(search(registry, text, limit=limit), chosen_format)
