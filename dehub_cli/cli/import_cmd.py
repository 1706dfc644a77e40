"""``dehub import FILE --hub H``: a hub's member list from a spreadsheet, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli.add_cmd import SourceTitleOption, SourceUrlOption, YesOption
from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption, format_flag


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
        str, typer.Option("--hub", help="The hub (id, name or city) they are members of.")
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
    from dehub_cli.atomic import RollbackError, Transaction, WriteConflictError
    from dehub_cli.cli.add_cmd import fail_edit, is_interactive, org_path, report_written
    from dehub_cli.cli.common import choose_format, emit, fail, load
    from dehub_cli.discovery import display_path
    from dehub_cli.edit import EditError
    from dehub_cli.edit.importplan import ImportOptions, parse_role, plan_import
    from dehub_cli.edit.records import (
        add_membership_text,
        new_record_text,
        source_mapping,
        validate_text,
    )
    from dehub_cli.edit.spreadsheet import SpreadsheetError, parse_mapping, read_sheet
    from dehub_cli.models import Org
    from dehub_cli.query.resolve import resolve_hub, resolve_partial_date, resolve_role

    chosen = choose_format(fmt, "tables", "data")
    registry = load(data).registry
    hub_id = resolve_hub(registry, hub)
    since_date = resolve_partial_date(since, option="--since") if since else None
    role_value = "member"
    if role:
        role_value = parse_role(role) or str(resolve_role(role))
    try:
        rows = read_sheet(file, parse_mapping(mapping or []), sheet)
    except SpreadsheetError as error:
        fail(error.message, hint=error.hint)
    source = source_mapping(source_url, source_title) if source_url else None
    if source is None and dry_run:  # let the preview validate new records; nothing is written
        source = source_mapping("https://example.invalid/source-to-be-given", "source to be given")
        source_missing = True
    else:
        source_missing = False
    plan = plan_import(rows.rows, registry, ImportOptions(hub_id, since_date, role_value, source))
    emit(plan, chosen)
    sys.stderr.write(f"{display_path(file)}: {plan.summary()}\n")
    if not plan.ok:
        sys.stderr.write("nothing written: resolve the conflicts in the file and import it again\n")
        raise typer.Exit(EXIT_DATA)
    if plan.new_orgs and source is None:
        fail(
            "new organisations need a source",
            hint="pass --source-url URL (and --source-title) of the list or page the rows come from",
        )
    if not plan.changes:
        sys.stderr.write("nothing to do\n")
        raise typer.Exit(EXIT_OK)

    transaction = Transaction()
    created: list[Path] = []
    edited: list[Path] = []
    problems: list[EditError] = []
    orgs_dir = Path(registry.root) / "orgs"
    for new in plan.new_orgs:
        path = orgs_dir / f"{new.org_id}.yaml"
        text = new_record_text(new.record)
        try:
            validate_text(text, Org, new.org_id, display_path(path))
        except EditError as error:
            problems.append(error)
            continue
        transaction.create(path, text)
        created.append(path)
    for added in plan.new_memberships:
        path = org_path(registry, added.org_id)
        try:
            original = path.read_bytes()
            text = add_membership_text(original.decode("utf-8"), added.membership)
            validate_text(text, Org, added.org_id, display_path(path))
        except EditError as error:
            problems.append(error)
            continue
        except (OSError, UnicodeDecodeError) as error:
            problems.append(EditError(f"{display_path(path)}: {error}"))
            continue
        transaction.replace(path, text, expected=original)
        edited.append(path)
    if problems:
        for problem in problems[:-1]:
            sys.stderr.write(f"error: {problem.message}\n")
        fail_edit(problems[-1])
    if dry_run:
        sys.stderr.write(f"dry run: {_files(len(transaction))} would be written; nothing written\n")
        if source_missing and plan.new_orgs:
            sys.stderr.write(
                "note: new organisations need a source: pass --source-url URL when importing\n"
            )
        raise typer.Exit(EXIT_OK)
    if not yes:
        if not is_interactive(yes):
            fail(
                f"{_files(len(transaction))} would be written; confirm with --yes",
                hint="or run on a terminal to be asked, or --dry-run to see the plan only",
            )
        if not typer.confirm(f"Write {_files(len(transaction))}?", default=False, err=True):
            sys.stderr.write("nothing written\n")
            raise typer.Exit(EXIT_DATA)
    orgs_dir.mkdir(parents=True, exist_ok=True)
    try:
        transaction.commit()
    except RollbackError as error:
        fail(
            f"the import failed and {len(error.paths)} files could not be restored: "
            + ", ".join(display_path(path) for path in error.paths),
            hint="check them with 'git diff' and 'git status'",
            code=EXIT_DATA,
        )
    except (WriteConflictError, OSError) as error:
        fail(f"nothing written: {error}", hint="run the import again", code=EXIT_DATA)
    report_written(created, edited)


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"
