"""``dehub import FILE --hub H``: a hub's member list from a spreadsheet, all or nothing."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption, format_flag, say
from dehub_cli.cli.complete import complete_hub
from dehub_cli.cli.editing import SourceTitleOption, SourceUrlOption, YesOption

if TYPE_CHECKING:
    from dehub_cli.atomic import Transaction
    from dehub_cli.edit.importplan import ImportOptions, ImportPlan
    from dehub_cli.edit.spreadsheet import SheetRow
    from dehub_cli.registry import Registry


def import_file(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (any delimiter; UTF-8 or Windows-1252) or XLSX file, one organisation a row.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ],
    hub: Annotated[
        str,
        typer.Option(
            "--hub",
            help="The hub (id, name or city) they are members of.",
            autocompletion=complete_hub,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option("--since", help="Member since, for rows without a date.", show_default=False),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", help="Role for rows without one. Default: member.", show_default=False
        ),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="FIELD=HEADER for a column with another name, e.g. name=Firmenname; repeatable.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="Worksheet of an XLSX file. Default: the first.", show_default=False
        ),
    ] = None,
    source_url: SourceUrlOption = None,
    source_title: SourceTitleOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the plan; write nothing.")
    ] = False,
    yes: YesOption = False,
    fmt: Annotated[str | None, format_flag("tables", "data")] = None,
    data: DataOption = None,
) -> None:
    """Add a hub's members from a spreadsheet: new organisations and new memberships.

    Columns are found by header in English or German: name/Name, kind/Art, city/Stadt,
    website/Webseite, since/seit, sectors/Branchen, role/Rolle. Each row is matched to the
    registry by name (ignoring case, umlauts and legal forms), then by website. The plan is
    shown first; with any conflict or invalid row nothing is written (exit 1). New
    organisations need --source-url.
    """
    from dehub_cli.cli.common import choose_format, emit, fail, load
    from dehub_cli.cli.editing import apply_edit, ask, is_interactive
    from dehub_cli.discovery import display_path
    from dehub_cli.edit.importplan import ImportOptions
    from dehub_cli.edit.inputs import parse_date, role_from_text
    from dehub_cli.edit.records import source_mapping
    from dehub_cli.edit.spreadsheet import parse_mapping, read_sheet
    from dehub_cli.query.resolve import resolve_hub
    from dehub_cli.textnorm import plural

    chosen = choose_format(fmt, "tables", "data")
    interactive = is_interactive(yes)
    registry = load(data).registry
    hub_id = resolve_hub(registry, hub)
    options = ImportOptions(
        hub_id,
        ask(since, "--since", "", False, parse_date) if since else None,
        role_from_text(role) if role else "member",
    )
    rows = read_sheet(file, parse_mapping(mapping or []), sheet).rows
    plan = planned(rows, registry, options)
    if plan.new_orgs and source_url is None and interactive and not dry_run:
        source_url = ask(
            None, "--source-url", "Source URL (the list the rows come from)", True, str
        )
    if source_url is not None:
        options = replace(options, source=source_mapping(source_url, source_title))
    elif dry_run:  # let the preview validate new records; nothing is written
        placeholder = "https://example.invalid/source-to-be-given"
        options = replace(options, source=source_mapping(placeholder, "source to be given"))
    plan = planned(rows, registry, options)
    emit(plan, chosen)
    say(f"{display_path(file)}: {plan.summary()}")
    if not plan.ok:
        sys.stderr.write("nothing written: resolve the conflicts in the file and import it again\n")
        raise typer.Exit(EXIT_DATA)
    if plan.new_orgs and source_url is None and not dry_run:
        fail(
            "new organisations need a source",
            hint="pass --source-url URL (and --source-title) of the list or page the rows come from",
        )
    if not plan.changes:
        sys.stderr.write("nothing to do\n")
        raise typer.Exit(EXIT_OK)
    files = plural(plan.files, "file")
    if dry_run:
        writes(registry, plan)  # every record it would write, checked
        sys.stderr.write(f"dry run: {files} would be written; nothing written\n")
        if source_url is None and plan.new_orgs:
            sys.stderr.write(
                "note: new organisations need a source: pass --source-url URL when importing\n"
            )
        raise typer.Exit(EXIT_OK)
    if not yes:
        if not interactive:
            fail(
                f"{files} would be written; confirm with --yes",
                hint="or run on a terminal to be asked, or --dry-run to see the plan only",
            )
        if not typer.confirm(f"Write {files}?", default=False, err=True):
            sys.stderr.write("nothing written\n")
            raise typer.Exit(EXIT_DATA)
    apply_edit(data, lambda current: writes(current, planned(rows, current, options)))


def planned(rows: list[SheetRow], registry: Registry, options: ImportOptions) -> ImportPlan:
    """The import plan, with a progress bar on a terminal for long sheets."""
    from dehub_cli.cli.progress import progress
    from dehub_cli.edit.importplan import plan_import

    with progress(len(rows), "Matching rows") as step:
        return plan_import(rows, registry, options, step=step)


def writes(registry: Registry, plan: ImportPlan) -> Transaction:
    """The files the plan writes, each checked, with a progress bar on a terminal."""
    from dehub_cli.cli.progress import progress
    from dehub_cli.edit.operations import plan_import_writes

    with progress(plan.changes, "Checking records") as step:
        return plan_import_writes(registry, plan, step=step)
