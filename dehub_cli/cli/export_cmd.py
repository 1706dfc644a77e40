"""``dehub export``: the registry as a SQLite file (for Datasette), a static JSON API or CSV."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, DataOption, NoCacheOption, fail, load


def today() -> dt.date:
    """Today's date; tests replace this function."""
    return dt.date.today()


def export(
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="sqlite (one file, metadata.json beside it), json (a directory: the static "
            "JSON API) or csv (a directory: one file per table).",
            show_default=False,
            metavar="[sqlite|json|csv]",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The SQLite file, or the directory for json and csv.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Day that 'active' refers to (default today): 2018-12-31, or 2018-12 / 2018 "
            "for the last day of that month / year.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    license_text: Annotated[
        str | None,
        typer.Option(
            "--license",
            help="The data's licence, as published in index.json and metadata.json.",
            show_default=False,
            metavar="TEXT",
        ),
    ] = None,
    source_url: Annotated[
        str | None,
        typer.Option(
            "--source-url",
            help="Where the registry is published (its repository), for the same files.",
            show_default=False,
            metavar="URL",
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Publish the registry: a SQLite file for Datasette, a static JSON API, or CSV files.

    Every output holds the same data: hubs, organisations, memberships with stated or
    first-seen dates and their sources, sectors, published figures and the yearly counts
    of dehub report. Files are written under a temporary name and renamed into place.
    See docs/EXPORT.md and docs/API.md.
    """
    from dehub_cli.cli.resolve import resolve_day
    from dehub_cli.diagnostics import Severity
    from dehub_cli.export import ExportError
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.export.formats import EXPORT_FORMATS, check_target, write_export
    from dehub_cli.export.gitinfo import registry_commit
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.textnorm import suggestion

    if output_format is None:
        fail("give --format", hint=f"choose one of: {', '.join(EXPORT_FORMATS)}")
    chosen = output_format.strip().lower()
    if chosen not in EXPORT_FORMATS:
        fail(
            f"unknown format '{output_format}'",
            hint=suggestion(output_format, EXPORT_FORMATS)
            or f"choose one of: {', '.join(EXPORT_FORMATS)}",
        )
    if output is None:
        example = "dehub.db" if chosen == "sqlite" else f"export-{chosen}"
        fail("give -o/--output: where to write the export", hint=f"e.g. -o {example}")
    day = resolve_day(as_of, end=True) if as_of is not None else today()
    try:
        check_target(chosen, output)
    except ExportError as error:
        fail(error.message, hint=error.hint)

    loaded = load(data, no_cache=no_cache, warn_invalid=False)
    errors = [item for item in loaded.diagnostics if item.severity is Severity.ERROR]
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        fail(
            f"the registry has {count}; nothing exported",
            hint="run dehub validate and fix them: an export publishes only a valid registry",
            code=EXIT_DATA,
        )
    registry = loaded.registry
    with gc_paused():  # building documents makes many small objects and no cycles
        dataset = build_dataset(
            registry,
            today=day,
            commit=registry_commit(Path(registry.root)),
            license=license_text,
            source=source_url,
        )
        try:
            written = write_export(dataset, chosen, output)
        except ExportError as error:
            fail(error.message, hint=error.hint)
        except OSError as error:
            fail(f"cannot write {output}: {error.strerror or error}")
    counts = dataset.index["counts"]
    sys.stderr.write(
        f"wrote {' and '.join(str(path) for path in written)}: {counts['hubs']} hubs, "
        f"{counts['organisations']} organisations, {counts['memberships']} memberships "
        f"(active as of {day.isoformat()})\n"
    )
