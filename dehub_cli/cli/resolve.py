"""Turning what a user typed into registry ids, or a usage error (exit 2) with a did-you-mean.

Shared by list, show, search, report and the editing commands so that ``--sector FinTech``,
``--hub Köln`` and ``--kind startp`` behave the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dehub_cli.cli.common import fail

if TYPE_CHECKING:
    from dehub_cli.dates import PartialDate
    from dehub_cli.models import OrgKind, Role
    from dehub_cli.registry import Registry


def resolve_sector(registry: Registry, text: str) -> str:
    """A sector id from an id, name, German name or alias in any case."""
    from dehub_cli.textnorm import suggestion

    found = registry.find_sector(text)
    if found is None:
        fail(
            f"unknown sector '{text}'",
            hint=suggestion(text, registry.sector_labels())
            or f"known sectors: {', '.join(sorted(registry.sectors))}",
        )
    return found


def resolve_hub(registry: Registry, text: str) -> str:
    """A hub id from an id, name or city (``Koeln``, ``köln``, ``Köln`` -> ``koeln``)."""
    from dehub_cli.textnorm import suggestion

    found = registry.find_hub(text)
    if found is None:
        fail(
            f"unknown hub '{text}'",
            hint=suggestion(text, registry.hub_labels())
            or f"known hubs: {', '.join(sorted(registry.hubs))}",
        )
    return found


def resolve_kind(text: str) -> OrgKind:
    from dehub_cli.models import OrgKind

    return _choice(OrgKind, text, "kind")  # type: ignore[return-value]


def resolve_role(text: str) -> Role:
    from dehub_cli.models import Role

    return _choice(Role, text, "role")  # type: ignore[return-value]


def _choice(enum_type: type, text: str, what: str) -> object:
    from dehub_cli.textnorm import suggestion

    choices = [member.value for member in enum_type]  # type: ignore[attr-defined]
    lowered = text.strip().lower()
    if lowered in choices:
        return enum_type(lowered)
    fail(
        f"unknown {what} '{text}'",
        hint=suggestion(text, choices) or f"choose one of: {', '.join(choices)}",
    )


def resolve_day(text: str | None, *, option: str = "--as-of", end: bool = False) -> dt.date:
    """A day from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (first day, or last with ``end``).

    ``None`` means today.
    """
    if text is None:
        return dt.date.today()
    partial = resolve_partial_date(text, option=option)
    return partial.last_day if end else partial.first_day


def resolve_partial_date(text: str, *, option: str) -> PartialDate:
    from dehub_cli.dates import DateFormatError, PartialDate

    try:
        return PartialDate.parse(text)
    except DateFormatError as error:
        fail(f"{option}: {error}", hint="dates are ISO: 2018-12-31, 2018-12 or 2018")
