"""dehub: the registry of Germany's Digital Hub Initiative (de:hub) as validated YAML files.

The library behind the ``dehub`` command; the CLI, the exports, the website and the
history all use this public face::

    import dehub_cli as dehub

    result = dehub.load("data")               # every file read, checked and linked
    for diagnostic in result.diagnostics:     # every problem, as data
        print(diagnostic.file, diagnostic.line, diagnostic.code, diagnostic.message)
    registry = result.registry
    registry.hubs["dortmund"].name            # 'Digital Hub Logistics'
    census = dehub.Census.of(registry)        # counting, as ``dehub report`` does
    census.snapshot(datetime.date(2018, 12, 31)).totals.startups

Nothing here prints or exits; problems are diagnostics (data) or typed errors deriving
from :class:`DehubError`. Names are imported on first use, so ``import dehub_cli`` is cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # loading
    "load": "dehub_cli.api",
    "find_registry": "dehub_cli.api",
    "check_record_bytes": "dehub_cli.api",
    "RecordCheck": "dehub_cli.api",
    "LoadResult": "dehub_cli.loadresult",
    "Registry": "dehub_cli.registry",
    "membership_active": "dehub_cli.registry",
    "hub_sectors_on": "dehub_cli.registry",
    # diagnostics and errors
    "Diagnostic": "dehub_cli.diagnostics",
    "Severity": "dehub_cli.diagnostics",
    "Summary": "dehub_cli.diagnostics",
    "CODES": "dehub_cli.codes",
    "DehubError": "dehub_cli.errors",
    "RegistryNotFoundError": "dehub_cli.discovery",
    "QueryError": "dehub_cli.errors",
    "EditError": "dehub_cli.edit",
    # records
    "Hub": "dehub_cli.models",
    "City": "dehub_cli.models",
    "Org": "dehub_cli.models",
    "OrgKind": "dehub_cli.models",
    "Role": "dehub_cli.models",
    "Membership": "dehub_cli.models",
    "Identifier": "dehub_cli.models",
    "Sector": "dehub_cli.models",
    "Source": "dehub_cli.models",
    "Initiative": "dehub_cli.models",
    "PublishedFigure": "dehub_cli.models",
    "PartialDate": "dehub_cli.dates",
    # queries
    "HubQuery": "dehub_cli.query",
    "OrgQuery": "dehub_cli.query",
    "list_hubs": "dehub_cli.query",
    "list_orgs": "dehub_cli.query",
    "hub_detail": "dehub_cli.query",
    "org_detail": "dehub_cli.query",
    "resolve_record": "dehub_cli.query",
    "search": "dehub_cli.query.search",
    "build_links": "dehub_cli.query.links",
    # counting and reports
    "Census": "dehub_cli.report.counting",
    "Counts": "dehub_cli.report.counting",
    "GROUPS": "dehub_cli.report.counting",
    "KIND_GROUP": "dehub_cli.report.counting",
    "Scope": "dehub_cli.report",
    "build_yearly_report": "dehub_cli.report",
    "build_day_report": "dehub_cli.report",
    "build_changes_report": "dehub_cli.report",
}

__all__ = [
    "CODES",
    "GROUPS",
    "KIND_GROUP",
    "Census",
    "City",
    "Counts",
    "DehubError",
    "Diagnostic",
    "EditError",
    "Hub",
    "HubQuery",
    "Identifier",
    "Initiative",
    "LoadResult",
    "Membership",
    "Org",
    "OrgKind",
    "OrgQuery",
    "PartialDate",
    "PublishedFigure",
    "QueryError",
    "RecordCheck",
    "Registry",
    "RegistryNotFoundError",
    "Role",
    "Scope",
    "Sector",
    "Severity",
    "Source",
    "Summary",
    "__version__",
    "build_changes_report",
    "build_day_report",
    "build_links",
    "build_yearly_report",
    "check_record_bytes",
    "find_registry",
    "hub_detail",
    "hub_sectors_on",
    "list_hubs",
    "list_orgs",
    "load",
    "membership_active",
    "org_detail",
    "resolve_record",
    "search",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dehub_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from dehub_cli.api import RecordCheck, check_record_bytes, find_registry, load
    from dehub_cli.codes import CODES
    from dehub_cli.dates import PartialDate
    from dehub_cli.diagnostics import Diagnostic, Severity, Summary
    from dehub_cli.discovery import RegistryNotFoundError
    from dehub_cli.edit import EditError
    from dehub_cli.errors import DehubError, QueryError
    from dehub_cli.loadresult import LoadResult
    from dehub_cli.models import (
        City,
        Hub,
        Identifier,
        Initiative,
        Membership,
        Org,
        OrgKind,
        PublishedFigure,
        Role,
        Sector,
        Source,
    )
    from dehub_cli.query import (
        HubQuery,
        OrgQuery,
        hub_detail,
        list_hubs,
        list_orgs,
        org_detail,
        resolve_record,
    )
    from dehub_cli.query.links import build_links
    from dehub_cli.query.search import search
    from dehub_cli.registry import Registry, hub_sectors_on, membership_active
    from dehub_cli.report import (
        Scope,
        build_changes_report,
        build_day_report,
        build_yearly_report,
    )
    from dehub_cli.report.counting import GROUPS, KIND_GROUP, Census, Counts
