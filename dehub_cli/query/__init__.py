"""Answering questions about the registry: list, show, search, links, and resolving input.

Pure functions from a :class:`~dehub_cli.registry.Registry` to result objects; see
:mod:`dehub_cli.render` for how results are rendered.
"""

from __future__ import annotations

from dehub_cli.errors import QueryError, UnknownRecord, UnknownSortKey
from dehub_cli.query.detail import HubDetail, OrgDetail, hub_detail, org_detail
from dehub_cli.query.listing import (
    HubQuery,
    OrgQuery,
    RecordList,
    apply_sort_and_limit,
    list_hubs,
    list_orgs,
)
from dehub_cli.query.resolve import resolve_record

__all__ = [
    "HubDetail",
    "HubQuery",
    "OrgDetail",
    "OrgQuery",
    "QueryError",
    "RecordList",
    "UnknownRecord",
    "UnknownSortKey",
    "apply_sort_and_limit",
    "hub_detail",
    "list_hubs",
    "list_orgs",
    "org_detail",
    "resolve_record",
]
