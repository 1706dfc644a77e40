"""``dehub report``: counting the registry (counting), the published figures beside it
(published), the result views (views) and how they are built (build)."""

from __future__ import annotations

from dehub_cli.report.build import (
    build_breakdown_report,
    build_changes_report,
    build_day_report,
    build_yearly_report,
)
from dehub_cli.report.counting import GROUPS, KIND_GROUP, Census, Counts
from dehub_cli.report.published import PUBLISHED_KEYS, compare_published
from dehub_cli.report.views import (
    BreakdownReport,
    ChangesReport,
    DayReport,
    Names,
    ReportResult,
    Scope,
    YearlyReport,
)

__all__ = [
    "GROUPS",
    "KIND_GROUP",
    "PUBLISHED_KEYS",
    "BreakdownReport",
    "Census",
    "ChangesReport",
    "Counts",
    "DayReport",
    "Names",
    "ReportResult",
    "Scope",
    "YearlyReport",
    "build_breakdown_report",
    "build_changes_report",
    "build_day_report",
    "build_yearly_report",
    "compare_published",
]
