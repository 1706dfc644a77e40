"""``dehub report``: yearly figures, one day's figures, or who joined and left in a span."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from dehub_cli.cli import common
from dehub_cli.cli.common import DataOption, NoCacheOption, fail, format_flag, load
from dehub_cli.cli.complete import complete_hub, complete_sector

if TYPE_CHECKING:
    from dehub_cli.i18n import Language


def _year(value: int, option: str) -> int:
    if not 1000 <= value <= 9999:
        fail(f"{option}: {value} is not a year", hint="write a four-digit year such as 2018")
    return value


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
            "--hub",
            help="Only this hub (id, name or city).",
            show_default=False,
            metavar="HUB",
            autocompletion=complete_hub,
        ),
    ] = None,
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            help="Only organisations in this sector (id, name or alias).",
            metavar="SECTOR",
            show_default=False,
            autocompletion=complete_sector,
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
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="One column per hub or per sector: organisations each year in each.",
            show_default=False,
            metavar="[hub|sector]",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Labels and summary: en or de. Default: 'lang' in dehub.toml, else en.",
            metavar="[en|de]",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str | None, format_flag("tables", "data", "page")] = None,
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
    from dehub_cli.cli.common import choose_format, emit, find_registry
    from dehub_cli.config import load_config
    from dehub_cli.i18n import LANGUAGES
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.query.resolve import (
        resolve_day,
        resolve_hub,
        resolve_partial_date,
        resolve_sector,
    )
    from dehub_cli.report import (
        ReportResult,
        Scope,
        build_breakdown_report,
        build_changes_report,
        build_day_report,
        build_yearly_report,
    )
    from dehub_cli.textnorm import choose

    config = load_config(find_registry(data))
    language = cast("Language", choose(lang or config.lang or "en", LANGUAGES, "language"))
    chosen = choose_format(fmt, "tables", "data", "page")
    breakdown = choose(by, ("hub", "sector"), "--by value") if by is not None else None
    if breakdown is not None and (year, as_of, changes, since, until) != (None,) * 5:
        fail(
            "--by goes with the yearly report only",
            hint="leave out --year, --as-of, --changes, --from and --to",
        )
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

    now = common.today()
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
        if _year(year, "--year") > now.year:
            fail(
                f"--year {year} is in the future: the registry records what happened",
                hint=f"--year {now.year} counts on today, {now.isoformat()}",
            )
        day = now if year == now.year else dt.date(year, 12, 31)
    elif as_of is not None:
        asked = resolve_partial_date(as_of, option="--as-of")
        if asked.first_day > now:
            fail(
                f"--as-of {as_of} is in the future: the registry records what happened",
                hint=f"the latest day to count on is today, {now.isoformat()}",
            )
        day = min(asked.last_day, now)  # this month or year: counted on today, as --year does

    loaded = load(data, no_cache=no_cache, provisional=True)
    registry = loaded.registry
    scope = Scope(
        hub=resolve_hub(registry, hub) if hub is not None else None,
        sector=resolve_sector(registry, sector) if sector is not None else None,
    )
    result: ReportResult
    with gc_paused():  # counting makes many small objects and no cycles
        if start is not None and end is not None:
            result = build_changes_report(registry, start, end, language, scope, generated=now)
        elif day is not None:
            with_series = chosen.name == "html"
            result = build_day_report(
                registry, day, language, scope, with_series=with_series, generated=now
            )
        elif breakdown is not None:
            result = build_breakdown_report(registry, now, breakdown, language, scope)
        else:
            result = build_yearly_report(registry, now, language, scope)
        emit(result, chosen, output=output)
