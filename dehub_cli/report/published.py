"""The figures the initiative published, next to what the registry counts on the same day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dehub_cli.dates import PartialDate
from dehub_cli.report.counting import Census, Counts

if TYPE_CHECKING:
    from dehub_cli.models import PublishedFigure

PUBLISHED_KEYS = ("hubs", "startups", "companies", "universities", "partners", "organisations")


@dataclass(frozen=True, slots=True)
class FigureComparison:
    """One published figure next to the registry's count for the same day."""

    key: str
    published: int
    registry: int
    coverage: float | None
    """``registry / published * 100``, one decimal; ``None`` when ``published`` is 0."""
    qualifier: str | None = None
    """``at_least``, ``about`` or ``None`` (exact)."""


@dataclass(frozen=True, slots=True)
class PublishedComparison:
    """What the initiative published on one day, and what the registry holds then."""

    date: str
    day: dt.date
    text: str | None
    figures: tuple[FigureComparison, ...]
    sources: tuple[tuple[str, str], ...] = ()
    """``(url, title)`` of each source."""

    def to_data(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "figures": {
                figure.key: {
                    "qualifier": figure.qualifier,
                    "published": figure.published,
                    "registry": figure.registry,
                    "coverage": figure.coverage,
                }
                for figure in self.figures
            },
        }


def registry_figure(key: str, totals: Counts, hubs_active: int) -> int:
    """The registry's value for a published key; ``partners`` = organisations - startups."""
    if key == "hubs":
        return hubs_active
    if key == "partners":
        return totals.organisations - totals.startups
    return totals[key]


def compare_published(census: Census, figure: PublishedFigure) -> PublishedComparison:
    """Count the registry on the figure's day (its last day, for a month or year)."""
    day = figure.date.last_day
    totals, hubs_active = census.counts_on(day), census.hubs_active(day)
    comparisons = []
    for key in PUBLISHED_KEYS:
        if key not in figure.figures:
            continue
        published = figure.figures[key]
        counted = registry_figure(key, totals, hubs_active)
        coverage = round(counted / published * 100, 1) if published else None
        comparisons.append(
            FigureComparison(key, published, counted, coverage, figure.qualifier(key))
        )
    return PublishedComparison(
        date=str(figure.date),
        day=day,
        text=figure.text,
        figures=tuple(comparisons),
        sources=tuple((source.url, source.title or source.url) for source in figure.sources),
    )


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A published figure the registry names only part of, on the day of a report."""

    key: str
    registry: int
    published: int
    qualifier: str | None
    date: PartialDate
    """When the initiative published it."""


def shortfalls(census: Census, figures: Sequence[PublishedFigure], day: dt.date) -> list[Shortfall]:
    """Per figure, its latest published value up to ``day`` that the registry falls short of.

    What keeps a headline from being misquoted: "the registry names 51 startups" next to
    "the initiative reported more than 6,000 in April 2024".
    """
    latest: dict[str, PublishedFigure] = {}
    for published in sorted(figures, key=lambda figure: figure.date.last_day):
        if published.date.last_day <= day:
            for figure_key in published.figures:
                latest[figure_key] = published
    if not latest:
        return []
    totals, hubs_active = census.counts_on(day), census.hubs_active(day)
    found = []
    for key in PUBLISHED_KEYS:
        source = latest.get(key)
        if source is None:
            continue
        counted = registry_figure(key, totals, hubs_active)
        value = source.figures[key]  # type: ignore[index]
        if counted < value:
            found.append(Shortfall(key, counted, value, source.qualifier(key), source.date))
    return found
