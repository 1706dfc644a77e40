"""``dehub end membership``: close an organisation's open membership in a hub."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import DataOption, handles_errors
from dehub_cli.cli.editing import ClaimSourceOption, HubOption, SourceTitleOption, YesOption

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
            help="Last day of the membership (2019-12-31, 2019-12, 2019 or 31.12.2019).",
            show_default=False,
        ),
    ] = None,
    source_url: ClaimSourceOption = None,
    source_title: SourceTitleOption = None,
    yes: YesOption = False,
    data: DataOption = None,
) -> None:
    """Write 'until' into an organisation's open membership in a hub.

    The file keeps its comments, key order, quoting and blank lines; the edited record is
    validated before it is written.
    """
    from dehub_cli.cli.editing import apply_edit, ask, claim_source, is_interactive, org_and_hub
    from dehub_cli.edit.inputs import parse_date
    from dehub_cli.edit.operations import plan_end_membership

    interactive = is_interactive(yes)
    org_id, hub_id = org_and_hub(data, org, hub, interactive)
    end = ask(until, "--until", "Last day (YYYY-MM-DD, YYYY-MM or YYYY)", interactive, parse_date)
    source = claim_source(source_url, source_title)
    apply_edit(data, lambda current: plan_end_membership(current, org_id, hub_id, end, source))
