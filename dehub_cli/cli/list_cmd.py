"""``dehub list [hubs|orgs]``: hubs or organisations, filtered, sorted and cut."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption, format_flag
from dehub_cli.cli.complete import complete_hub, complete_kind, complete_role, complete_sector

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Answer for this day instead of today: 2018-12-31, or 2018-12 / 2018 for the "
        "last day of that month / year.",
        show_default=False,
        metavar="DATE",
    ),
]
AllOption = Annotated[
    bool,
    typer.Option("--all", help="All time: former members too, every sector a hub ever had."),
]

_WHAT = {"hubs": "hubs", "hub": "hubs", "orgs": "orgs", "org": "orgs", "organisations": "orgs"}


def list_records(
    what: Annotated[
        str,
        typer.Argument(help="What to list: hubs or orgs.", metavar="hubs|orgs"),
    ] = "hubs",
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            help="A sector id, name or alias, any case.",
            show_default=False,
            autocompletion=complete_sector,
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option("--city", help="A city; Koeln, köln and Köln match.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Organisations of this kind (startup, sme, ...).",
            show_default=False,
            autocompletion=complete_kind,
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option(
            "--hub",
            help="Organisations that are members of this hub (id, name or city).",
            show_default=False,
            autocompletion=complete_hub,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Organisations with this role (member, operator, ...).",
            show_default=False,
            autocompletion=complete_role,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            help="Only records whose id, name or city contains TEXT.",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    all_time: AllOption = False,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            help="Sort by a column: hubs by id, name, cities, sectors, members, operators; orgs "
            "by id, name, kind, city, hubs, sectors, since. Numbers largest first, text A-Z, "
            "dates earliest first; a leading '-' reverses (--sort=-members). Default: id.",
            metavar="FIELD",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=0, help="Show at most N rows.", metavar="N", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_flag("tables", "data")] = None,
) -> None:
    """List hubs or organisations; filters combine.

    Organisations are current members by default (a membership active today); --as-of
    answers for another day, --all includes former members. --hub and --role apply to the
    same membership.
    """
    from dehub_cli.cli.common import choose_format, emit, fail, load
    from dehub_cli.query import (
        HubQuery,
        OrgQuery,
        apply_sort_and_limit,
        list_hubs,
        list_orgs,
    )
    from dehub_cli.query.resolve import (
        resolve_day,
        resolve_hub,
        resolve_kind,
        resolve_role,
        resolve_sector,
    )
    from dehub_cli.textnorm import quoted, suggestion

    chosen_format = choose_format(fmt, "tables", "data")
    target = _WHAT.get(what.strip().lower())
    if target is None:
        fail(
            f"cannot list {quoted(what)}",
            hint=suggestion(what, ["hubs", "orgs"]) or "list hubs or orgs",
        )
    if all_time and as_of is not None:
        fail("--all and --as-of exclude each other", hint="--all is every day, --as-of one day")
    if target == "hubs":
        for option, value in (("--kind", kind), ("--hub", hub), ("--role", role)):
            if value is not None:
                fail(f"{option} applies to organisations", hint=f"dehub list orgs {option} {value}")
    day = None if all_time else resolve_day(as_of, end=True)
    kind_value = resolve_kind(kind) if kind is not None else None
    role_value = resolve_role(role) if role is not None else None
    registry = load(data, no_cache=no_cache, provisional=True).registry
    sector_id = resolve_sector(registry, sector) if sector is not None else None
    if target == "hubs":
        result = list_hubs(registry, HubQuery(day, sector_id, city, search))
    else:
        result = list_orgs(
            registry,
            OrgQuery(
                day,
                sector=sector_id,
                city=city,
                kind=kind_value,
                hub=resolve_hub(registry, hub) if hub is not None else None,
                role=role_value,
                search=search,
            ),
        )
    emit(apply_sort_and_limit(result, sort, limit), chosen_format)
