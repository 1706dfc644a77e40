"""``dehub export``: the registry as a SQLite file (for Datasette), a static JSON API or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli import common
from dehub_cli.cli.common import DataOption, NoCacheOption, fail


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
    from dehub_cli.export import ExportError
    from dehub_cli.export.formats import EXPORT_FORMATS, check_target, write_export
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.query.resolve import resolve_day
    from dehub_cli.textnorm import choose, plural

    if output_format is None:
        fail("give --format", hint=f"choose one of: {', '.join(EXPORT_FORMATS)}")
    chosen = choose(output_format, EXPORT_FORMATS, "format")
    if output is None:
        example = "dehub.db" if chosen == "sqlite" else f"export-{chosen}"
        fail("give -o/--output: where to write the export", hint=f"e.g. -o {example}")
    day = resolve_day(as_of, end=True) if as_of is not None else common.today()
    check_target(chosen, output)
    dataset = common.published_dataset(
        data,
        no_cache=no_cache,
        day=day,
        license_text=license_text,
        source_url=source_url,
        refused="nothing exported",
        publisher="an export",
    )
    with gc_paused():
        try:
            written = write_export(dataset, chosen, output)
        except OSError as error:
            raise ExportError(f"cannot write {output}: {error.strerror or error}") from error
    counts = dataset.index["counts"]
    sys.stderr.write(
        f"wrote {' and '.join(str(path) for path in written)}: "
        f"{plural(counts['hubs'], 'hub')}, {plural(counts['organisations'], 'organisation')}, "
        f"{plural(counts['memberships'], 'membership')} (active as of {day.isoformat()})\n"
    )
