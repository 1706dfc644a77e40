"""Building ``dehub report``'s results from a registry: count, compare, label."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dehub_cli.i18n import Language
from dehub_cli.report.counting import Census
from dehub_cli.report.published import compare_published, shortfalls
from dehub_cli.report.views import (
    BreakdownReport,
    ChangesReport,
    DayReport,
    Names,
    Scope,
    YearlyReport,
)

if TYPE_CHECKING:
    from dehub_cli.models import PublishedFigure
    from dehub_cli.registry import Registry


def _published_figures(registry: Registry) -> list[PublishedFigure]:
    if registry.initiative is None:
        return []
    return sorted(registry.initiative.published, key=lambda figure: figure.date.last_day)


def build_yearly_report(
    registry: Registry,
    today: dt.date,
    lang: Language = "en",
    scope: Scope | None = None,
    *,
    census: Census | None = None,
) -> YearlyReport:
    """Years from the first membership to ``today``; published figures only when unfiltered."""
    scope = scope or Scope()
    census = census or Census.of(registry)
    published = (
        []
        if scope.filtered
        else [compare_published(census, figure) for figure in _published_figures(registry)]
    )
    years, current = census.yearly_and_snapshot(today, scope.hub, scope.sector)
    return YearlyReport(
        today=today,
        lang=lang,
        scope=scope,
        names=Names.of(registry, lang),
        years=years,
        current=current,
        published=published,
        shortfalls=[]
        if scope.filtered
        else shortfalls(census, _published_figures(registry), today),
    )


def build_day_report(
    registry: Registry,
    day: dt.date,
    lang: Language = "en",
    scope: Scope | None = None,
    *,
    with_series: bool = False,
    census: Census | None = None,
    generated: dt.date | None = None,
) -> DayReport:
    """Counts on ``day``; ``with_series`` adds the years up to ``day`` (for the HTML chart)."""
    scope = scope or Scope()
    census = census or Census.of(registry)
    published = (
        []
        if scope.filtered
        else [
            compare_published(census, figure)
            for figure in _published_figures(registry)
            if figure.date.last_day == day
        ]
    )
    return DayReport(
        lang=lang,
        scope=scope,
        names=Names.of(registry, lang),
        snapshot=census.snapshot(day, scope.hub, scope.sector),
        published=published,
        years=census.yearly(day, scope.hub, scope.sector) if with_series else [],
        generated=generated,
        shortfalls=[] if scope.filtered else shortfalls(census, _published_figures(registry), day),
    )


def build_changes_report(
    registry: Registry,
    start: dt.date,
    end: dt.date,
    lang: Language = "en",
    scope: Scope | None = None,
    *,
    generated: dt.date | None = None,
) -> ChangesReport:
    """Joins (``since`` in the span) and leaves (``until`` in the span) per hub."""
    scope = scope or Scope()
    return ChangesReport(
        lang=lang,
        scope=scope,
        names=Names.of(registry, lang),
        changes=Census.of(registry).changes(start, end, scope.hub, scope.sector),
        generated=generated,
    )


def build_breakdown_report(
    registry: Registry,
    today: dt.date,
    by: str,
    lang: Language = "en",
    scope: Scope | None = None,
    *,
    census: Census | None = None,
) -> BreakdownReport:
    """Organisations per year in each hub (``by="hub"``) or each sector (``by="sector"``).

    Hubs: those announced by ``today`` (or only the ``--hub`` one). Sectors: those with
    organisations in some year, and with ``--hub`` that hub's own sectors too.
    """
    from dehub_cli.registry import hub_sectors_on

    scope = scope or Scope()
    census = census or Census.of(registry)
    years = census.yearly(today, scope.hub, scope.sector)
    counts: dict[str, list[int]] = {}
    if by == "hub":
        keys = (
            [scope.hub]
            if scope.hub is not None
            else [
                hub_id for hub_id, hub in registry.hubs.items() if hub.announced.first_day <= today
            ]
        )
        for key in keys:
            counts[key] = [
                row.counts.organisations for row in census.yearly(today, key, scope.sector)
            ]
    else:
        candidates = [scope.sector] if scope.sector is not None else list(registry.sectors)
        own = (
            set(hub_sectors_on(registry.hubs[scope.hub], None))
            if scope.hub is not None and scope.hub in registry.hubs
            else set()
        )
        keys = []
        for key in candidates:
            series = [row.counts.organisations for row in census.yearly(today, scope.hub, key)]
            if any(series) or key in own or scope.sector is not None:
                keys.append(key)
                counts[key] = series
    return BreakdownReport(
        today=today,
        lang=lang,
        scope=scope,
        names=Names.of(registry, lang),
        by=by,
        keys=keys,
        years=years,
        counts=counts,
        current=census.snapshot(today, scope.hub, scope.sector),
    )
