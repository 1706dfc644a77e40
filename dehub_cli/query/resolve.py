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
from dehub_cli.models import OrgKind, Role
from dehub_cli.registry import Registry
from dehub_cli.textnorm import choose, did_you_mean, normalise_name, quoted, suggestion

DATE_HINT = "dates are ISO: 2018-12-31, 2018-12 or 2018"


def resolve_sector(registry: Registry, text: str) -> str:
    """A sector id from an id, name, German name or alias in any case."""
    return _found(
        registry.find_sector(text), text, "sector", registry.sector_labels(), registry.sectors
    )


def resolve_hub(registry: Registry, text: str) -> str:
    """A hub id from an id, name or city (``Koeln``, ``köln``, ``Köln`` -> ``koeln``)."""
    return _found(registry.find_hub(text), text, "hub", registry.hub_labels(), registry.hubs)


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


def resolve_record(registry: Registry, text: str) -> tuple[RecordType, str]:
    """The hub or organisation ``text`` names: an exact id, a hub's name or city, an org's name."""
    wanted = text.strip()
    for candidate in (wanted, wanted.lower()):
        if candidate in registry.hubs:
            return "hub", candidate
        if candidate in registry.orgs:
            return "org", candidate
    hub_id = registry.find_hub(wanted)
    if hub_id is not None:
        return "hub", hub_id
    key = normalise_name(wanted)
    if key:
        named = [org_id for org_id, org in registry.orgs.items() if normalise_name(org.name) == key]
        if len(named) == 1:
            return "org", named[0]
    candidates = [*registry.hubs, *registry.orgs]
    candidates += [hub.name for hub in registry.hubs.values()]
    candidates += [org.name for org in registry.orgs.values()]
    match = did_you_mean(wanted, candidates)
    raise UnknownRecord(
        f"no hub or organisation {quoted(text)}",
        f"did you mean {quoted(match)}?" if match else f"try: dehub search {quoted(wanted)}",
    )
