"""Turning what a user typed into registry ids, forgivingly, or a :class:`QueryError`.

Shared by list, show, search, report and the editing commands so that ``--sector FinTech``,
``--hub Köln``, ``--kind startp`` and ``show Koeln`` behave the same everywhere. Each error
carries a did-you-mean hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from dehub_cli.dates import DateFormatError, PartialDate
from dehub_cli.errors import QueryError, UnknownRecord
from dehub_cli.kinds import OrgKind, Role
from dehub_cli.registry import Registry
from dehub_cli.textnorm import (
    choose,
    did_you_mean,
    fold_key,
    fold_keys,
    normalise_name,
    quoted,
    strip_legal_form,
    suggestion,
)

DATE_HINT = "dates are ISO: 2018-12-31, 2018-12 or 2018"


def resolve_sector(registry: Registry, text: str) -> str:
    """A sector id from an id, name, German name or alias in any case."""
    return _found(
        registry.find_sector(text), text, "sector", registry.sector_labels(), registry.sectors
    )


def resolve_hub(registry: Registry, text: str) -> str:
    """A hub id from an id, name or city (``Koeln``, ``köln``, ``Köln``, ``Koln`` -> ``koeln``)."""
    return _found(registry.find_hub(text), text, "hub", registry.hub_labels(), registry.hubs)


def _org_by_name(registry: Registry, text: str) -> str | None:
    """The one organisation whose name (or id) is ``text`` up to case, umlauts, legal form."""
    keys = {normalise_name(text), *(fold_keys(strip_legal_form(text)))} - {""}
    if not keys:
        return None
    named = [
        org_id
        for org_id, org in registry.orgs.items()
        if keys
        & {normalise_name(org.name), fold_key(org_id), *fold_keys(strip_legal_form(org.name))}
    ]
    return named[0] if len(named) == 1 else None


def _found(found: str | None, text: str, what: str, labels: list[str], ids: Iterable[str]) -> str:
    """``found``, or a :class:`QueryError` with a did-you-mean (else the known ids)."""
    if found is None:
        raise QueryError(
            f"unknown {what} {quoted(text)}",
            suggestion(text, labels) or f"known {what}s: {', '.join(sorted(ids))}",
        )
    return found


def resolve_kind(text: str) -> OrgKind:
    """A kind of organisation (``startup``, ``sme``, ...), any case."""
    return OrgKind(choose(text, [kind.value for kind in OrgKind], "kind"))


def resolve_role(text: str) -> Role:
    """A role in a hub (``member``, ``operator``, ...), any case."""
    return Role(choose(text, [role.value for role in Role], "role"))


def resolve_partial_date(text: str, *, option: str) -> PartialDate:
    """A date as typed for ``option``: ``2018-12-31``, ``2018-12`` or ``2018``."""
    try:
        return PartialDate.parse(text)
    except DateFormatError as error:
        raise QueryError(f"{option}: {error}", DATE_HINT) from None


def resolve_day(text: str | None, *, option: str = "--as-of", end: bool = False) -> dt.date:
    """A day from a date as typed: its first day, or its last with ``end``; ``None`` is today."""
    if text is None:
        return dt.date.today()
    partial = resolve_partial_date(text, option=option)
    return partial.last_day if end else partial.first_day


RecordType = Literal["hub", "org"]


CLOSE_MATCH = 0.7
"""A search hit at least this good, and the only one, is taken for what was meant."""


def resolve_record(
    registry: Registry, text: str, *, close_match: bool = False
) -> tuple[RecordType, str]:
    """The hub or organisation ``text`` names, as forgivingly as ``search``.

    In order: an exact id (any case); a hub's id, name or city, also without umlauts
    (``Koln``); an organisation's name without case, umlauts or legal form; with
    ``close_match``, the one search hit on an id or name scoring at least
    :data:`CLOSE_MATCH` (``hamburgg``). Otherwise :class:`UnknownRecord` with the closest
    candidates.
    """
    wanted = text.strip()
    for candidate in (wanted, wanted.lower()):
        if candidate in registry.hubs:
            return "hub", candidate
        if candidate in registry.orgs:
            return "org", candidate
    hub_id = registry.find_hub(wanted)
    if hub_id is not None:
        return "hub", hub_id
    org_id = _org_by_name(registry, wanted)
    if org_id is not None:
        return "org", org_id
    from dehub_cli.query.search import query_is_searchable, search

    searchable = close_match and query_is_searchable(wanted)
    hits = search(registry, wanted, limit=None).hits if searchable else []
    # A close match on an id or a name (or a hub's city), never on a sector or an org's city.
    close = [
        hit
        for hit in hits
        if hit.score >= CLOSE_MATCH and (hit.type == "hub" or hit.matched in (hit.id, hit.name))
    ]
    if len(close) == 1:
        return ("hub" if close[0].type == "hub" else "org"), close[0].id
    if close:
        named = ", ".join(f"'{hit.id}'" for hit in close[:5])
        raise UnknownRecord(f"{quoted(text)} matches several records", f"did you mean {named}?")
    candidates = [*registry.hubs, *registry.orgs]
    candidates += [hub.name for hub in registry.hubs.values()]
    candidates += [org.name for org in registry.orgs.values()]
    match = did_you_mean(wanted, candidates)
    raise UnknownRecord(
        f"no hub or organisation {quoted(text)}",
        f"did you mean {quoted(match)}?" if match else f"try: dehub search {quoted(wanted)}",
    )
