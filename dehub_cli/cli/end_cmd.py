"""``dehub end membership``: close an organisation's open membership in a hub."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.add_cmd import HubOption, YesOption
from dehub_cli.cli.common import DataOption, handles_errors

app = typer.Typer(
    help="End something in the registry (a membership).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("membership")
@handles_errors
def end_membership(
    org: Annotated[str, typer.Argument(help="The organisation (id or name).")],
    hub: HubOption = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Last day of the membership (2019-12-31, 2019-12 or 2019).",
            show_default=False,
        ),
    ] = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Write 'until' into an organisation's open membership in a hub.

    The file keeps its comments, key order, quoting and blank lines; the edited record is
    validated before it is written.
    """
    from dehub_cli.cli.add_cmd import (
        ask,
        edit_org_file,
        is_interactive,
        resolve_org,
    )
    from dehub_cli.cli.common import load
    from dehub_cli.edit.records import end_membership_text
    from dehub_cli.query.resolve import resolve_hub, resolve_partial_date

    interactive = is_interactive(yes)
    registry = load(data).registry
    org_id = resolve_org(registry, org)
    hub_id = resolve_hub(registry, ask(hub, "--hub", "Hub (id, name or city)", interactive))
    until_date = resolve_partial_date(
        ask(until, "--until", "Last day (YYYY-MM-DD, YYYY-MM or YYYY)", interactive),
        option="--until",
    )
    edit_org_file(registry, org_id, lambda text: end_membership_text(text, hub_id, until_date))
