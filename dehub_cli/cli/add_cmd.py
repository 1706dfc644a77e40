"""``dehub add org|membership|hub``: new records and memberships, checked before they are written."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, DataOption, handles_errors
from dehub_cli.cli.editing import (
    HUB_QUESTION,
    ClaimSourceOption,
    HubOption,
    RoleOption,
    SectorsOption,
    SinceOption,
    SourceTitleOption,
    SourceUrlOption,
    WebsiteOption,
    YesOption,
)

app = typer.Typer(
    help="Add an organisation, a membership or a hub to the registry.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

SINCE_QUESTION = "Member since (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY)"
SOURCE_QUESTION = "Source URL (where the facts were read)"


@app.command("org")
@handles_errors
def add_org(
    name: Annotated[
        str | None, typer.Argument(help="The organisation's name.", show_default=False)
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="startup, sme, corporate, university, research, investor, accelerator, "
            "association or public (German words such as KMU or Hochschule work too).",
            show_default=False,
        ),
    ] = None,
    hub: HubOption = None,
    since: SinceOption = None,
    role: RoleOption = "member",
    city: Annotated[
        str | None, typer.Option("--city", help="Where it is based.", show_default=False)
    ] = None,
    sectors: SectorsOption = None,
    website: WebsiteOption = None,
    source_url: SourceUrlOption = None,
    source_title: SourceTitleOption = None,
    org_id: Annotated[
        str | None,
        typer.Option("--id", help="The id. Default: derived from the name.", show_default=False),
    ] = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Create data/orgs/<id>.yaml for a new organisation with its membership in a hub.

    Missing values are asked for on a terminal; with --yes or without a terminal they are
    errors. An organisation that seems to exist already is refused, with the command to add
    a membership to it instead. The record is validated before it is written.
    """
    from dehub_cli.cli.common import load
    from dehub_cli.cli.editing import apply_edit, ask, is_interactive
    from dehub_cli.edit.inputs import kind_from_text, parse_date, parse_website, role_from_text
    from dehub_cli.edit.operations import NewOrg, plan_new_org, similar_orgs
    from dehub_cli.models import OrgKind, Role
    from dehub_cli.query.resolve import resolve_hub, resolve_sector
    from dehub_cli.textnorm import quoted

    interactive = is_interactive(yes)
    registry = load(data).registry
    kinds = ", ".join(member.value for member in OrgKind)
    new = NewOrg(
        name=ask(name, "NAME", "Name", interactive, str),
        kind=ask(kind, "--kind", f"Kind ({kinds})", interactive, kind_from_text),
        hub=ask(hub, "--hub", HUB_QUESTION, interactive, lambda t: resolve_hub(registry, t)),
        since=ask(since, "--since", SINCE_QUESTION, interactive, parse_date),
        role=Role(role_from_text(role)),
        city=city,
        website=parse_website(website) if website else None,
        sectors=[resolve_sector(registry, sector) for sector in sectors or []],
        source_url=ask(source_url, "--source-url", SOURCE_QUESTION, interactive, str),
        source_title=source_title,
        org_id=org_id,
    )
    for similar in similar_orgs(registry, new.name):
        sys.stderr.write(
            f"note: {quoted(new.name)} is similar to {similar} ({quoted(registry.orgs[similar].name)})\n"
        )
        if interactive and not typer.confirm(
            "Create a new organisation anyway?", default=True, err=True
        ):
            raise typer.Exit(EXIT_DATA)
    apply_edit(data, lambda current: plan_new_org(current, new))


@app.command("membership")
@handles_errors
def add_membership(
    org: Annotated[str, typer.Argument(help="The organisation (id or name).")],
    hub: HubOption = None,
    since: SinceOption = None,
    role: RoleOption = "member",
    source_url: ClaimSourceOption = None,
    source_title: SourceTitleOption = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Add a membership in a hub to an existing organisation's file.

    The file keeps its comments, key order, quoting and blank lines; the edited record is
    validated before it is written.
    """
    from dehub_cli.cli.editing import apply_edit, ask, claim_source, is_interactive, org_and_hub
    from dehub_cli.edit.inputs import parse_date, role_from_text
    from dehub_cli.edit.operations import plan_membership
    from dehub_cli.models import Role

    interactive = is_interactive(yes)
    org_id, hub_id = org_and_hub(data, org, hub, interactive)
    start = ask(since, "--since", SINCE_QUESTION, interactive, parse_date)
    role_value = Role(role_from_text(role))
    source = claim_source(source_url, source_title)
    apply_edit(
        data, lambda current: plan_membership(current, org_id, hub_id, start, role_value, source)
    )


@app.command("hub")
@handles_errors
def add_hub(
    name: Annotated[str | None, typer.Argument(help="The hub's name.", show_default=False)] = None,
    cities: Annotated[
        list[str] | None,
        typer.Option("--city", help="A city of the hub; repeat for more.", show_default=False),
    ] = None,
    sectors: SectorsOption = None,
    announced: Annotated[
        str | None,
        typer.Option(
            "--announced",
            help="When it was named (2017-04-21, 2017-04, 2017 or 21.04.2017).",
            show_default=False,
        ),
    ] = None,
    twins: Annotated[
        list[str] | None,
        typer.Option("--twin", help="A twin hub; repeat for more.", show_default=False),
    ] = None,
    website: WebsiteOption = None,
    source_url: SourceUrlOption = None,
    source_title: SourceTitleOption = None,
    hub_id: Annotated[
        str | None,
        typer.Option("--id", help="The id. Default: derived from the cities.", show_default=False),
    ] = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Create data/hubs/<id>.yaml for a new hub, validated before it is written.

    Each twin hub's file gains the new hub as its twin, in the same all-or-nothing write.
    """
    from dehub_cli.cli.common import load
    from dehub_cli.cli.editing import apply_edit, ask, is_interactive
    from dehub_cli.edit.inputs import parse_date, parse_website
    from dehub_cli.edit.operations import NewHub, plan_new_hub
    from dehub_cli.query.resolve import resolve_hub, resolve_sector

    interactive = is_interactive(yes)
    registry = load(data).registry
    hub_name = ask(name, "NAME", "Name", interactive, str)
    city_list = [city.strip() for city in cities or [] if city.strip()]
    if not city_list:
        city_list = [ask(None, "--city", "City", interactive, str)]
    sector_ids = [resolve_sector(registry, sector) for sector in sectors or []]
    if not sector_ids:
        sector_ids = [
            ask(None, "--sector", "Sector", interactive, lambda t: resolve_sector(registry, t))
        ]
    new = NewHub(
        name=hub_name,
        cities=city_list,
        sectors=sector_ids,
        announced=ask(
            announced,
            "--announced",
            "Announced (YYYY-MM-DD, YYYY-MM or YYYY)",
            interactive,
            parse_date,
        ),
        twins=[resolve_hub(registry, twin) for twin in twins or []],
        website=parse_website(website) if website else None,
        source_url=ask(source_url, "--source-url", SOURCE_QUESTION, interactive, str),
        source_title=source_title,
        hub_id=hub_id,
    )
    apply_edit(data, lambda current: plan_new_hub(current, new))
