"""``dehub report``: yearly figures, one day's figures, or who joined and left in a span."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dehub_cli.cli.common import DataOption, NoCacheOption, fail, load

if TYPE_CHECKING:
    from dehub_cli.i18n import Language


def today() -> dt.date:
    """Today's date; tests replace this function."""
    return dt.date.today()


def _language(text: str) -> Language:
    from dehub_cli.i18n import LANGUAGES
    from dehub_cli.textnorm import suggestion

    lowered = text.strip().lower()
    for lang in LANGUAGES:
        if lowered == lang:
            return lang
    fail(
        f"unknown language '{text}'",
        hint=suggestion(text, LANGUAGES) or f"choose one of: {', '.join(LANGUAGES)}",
    )


def _report_format(text: str | None) -> str:
    from dehub_cli.report import REPORT_FORMATS
    from dehub_cli.textnorm import suggestion

    if text is None:
        return "table"
    lowered = text.strip().lower()
    if lowered in REPORT_FORMATS:
        return lowered
    fail(
        f"unknown format '{text}'",
        hint=suggestion(text, REPORT_FORMATS) or f"choose one of: {', '.join(REPORT_FORMATS)}",
    )


def _year(value: int, option: str) -> int:
    if not 1000 <= value <= 9999:
        fail(f"{option}: {value} is not a year", hint="write a four-digit year such as 2018")
    return value


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, then rename over ``path``."""
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        fail(f"cannot write {path}: {error.strerror or error}")


def report(
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Figures on 31 Dec of YEAR (today for the current year).",
            metavar="YEAR",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Figures on DATE: 2018-12-31, 2018-12 (its last day) or 2018.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option(
            "--hub", help="Only this hub (id, name or city).", show_default=False, metavar="HUB"
        ),
    ] = None,
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            help="Only organisations in this sector (id, name or alias).",
            metavar="SECTOR",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--from", help="Changes from DATE (its first day).", show_default=False, metavar="DATE"
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Changes up to DATE (its last day; default today).",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    changes: Annotated[
        int | None,
        typer.Option(
            "--changes",
            help="Who joined and who left in YEAR (= --from Y-01-01 --to Y-12-31).",
            show_default=False,
            metavar="YEAR",
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Labels and summary: en or de.", metavar="[en|de]")
    ] = "en",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default), json, csv, yaml, markdown or html.",
            show_default=False,
            metavar="[table|json|csv|yaml|markdown|html]",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE instead of stdout.",
            show_default=False,
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Statistics of the registry: startups, companies, universities and more, per year.

    Without options: one row per year, a bar chart, and the figures the initiative
    published next to the registry's count. --year/--as-of: one day, per hub and sector.
    --changes/--from/--to: who joined and who left. See docs/REPORT.md for the rules.
    """
    from dehub_cli.cli.common import stdout_is_color_terminal, terminal_width
    from dehub_cli.cli.resolve import resolve_day, resolve_hub, resolve_sector
    from dehub_cli.diagnostics import Severity
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.report import (
        ReportResult,
        Scope,
        build_changes_report,
        build_day_report,
        build_yearly_report,
        render_report,
    )

    language = _language(lang)
    chosen = _report_format(output_format)
    if year is not None and as_of is not None:
        fail("--year and --as-of exclude each other", hint="give one day to count on")
    span_asked = changes is not None or since is not None or until is not None
    if span_asked and (year is not None or as_of is not None):
        fail(
            "--changes/--from/--to and --year/--as-of exclude each other",
            hint="ask for one day, or for the changes in a span",
        )
    if changes is not None and (since is not None or until is not None):
        fail("--changes and --from/--to exclude each other", hint="--changes Y is one year's span")
    if until is not None and since is None:
        fail("--to needs --from", hint="e.g. --from 2018-01-01 --to 2018-06-30")

    now = today()
    start = end = day = None
    if changes is not None:
        start, end = dt.date(_year(changes, "--changes"), 1, 1), dt.date(changes, 12, 31)
    elif since is not None:
        start = resolve_day(since, option="--from")
        end = resolve_day(until, option="--to", end=True) if until is not None else now
        if end < start:
            given = f"--to {end.isoformat()}" if until is not None else f"today ({end.isoformat()})"
            fail(f"{given} is before --from {start.isoformat()}")
    elif year is not None:
        day = now if _year(year, "--year") == now.year else dt.date(year, 12, 31)
    elif as_of is not None:
        day = resolve_day(as_of, option="--as-of", end=True)

    loaded = load(data, no_cache=no_cache)
    registry = loaded.registry
    scope = Scope(
        hub=resolve_hub(registry, hub) if hub is not None else None,
        sector=resolve_sector(registry, sector) if sector is not None else None,
    )
    errors = sum(1 for item in loaded.diagnostics if item.severity is Severity.ERROR)
    if errors:
        sys.stderr.write(
            f"warning: the registry has {errors} error{'s' if errors != 1 else ''}; records "
            "that failed validation are not counted (run dehub validate)\n"
        )

    color = chosen == "table" and output is None and stdout_is_color_terminal()
    width = terminal_width() if output is None else None
    result: ReportResult
    with gc_paused():  # counting makes many small objects and no cycles
        if start is not None and end is not None:
            result = build_changes_report(registry, start, end, language, scope)
        elif day is not None:
            result = build_day_report(registry, day, language, scope, with_series=chosen == "html")
        else:
            result = build_yearly_report(registry, now, language, scope)
        text = render_report(result, chosen, color=color, width=width, generated=now)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(output, text)
        sys.stderr.write(f"wrote {output}\n")
