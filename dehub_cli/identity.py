"""When two records mean the same organisation: one definition for validation and editing.

Two organisations are the same when a name key matches (the name without legal form,
case, umlauts and punctuation, with or without a trailing parenthesis such as ``(IML)``);
editing also matches on the website's domain.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dehub_cli.textnorm import fold_key, normalise_name

if TYPE_CHECKING:
    from dehub_cli.registry import Registry

_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def name_keys(name: str) -> tuple[str, ...]:
    """The comparable forms of a name: ``Institut für X (IXY) GmbH`` -> two keys."""
    whole = normalise_name(name)
    shorter = _PARENTHESIS.sub("", name) if name.rstrip().endswith(")") else name
    if shorter == name:
        return (whole,) if whole else ()
    keys = dict.fromkeys((whole, normalise_name(shorter)))
    return tuple(key for key in keys if key)


def website_domain(url: str | None) -> str | None:
    """The host of a web address without ``www.``: ``https://www.Foo.de/x`` -> ``foo.de``."""
    if not url:
        return None
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    host = urlsplit(text).hostname
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True, slots=True)
class Match:
    """An existing organisation that a name or website points to."""

    org_id: str
    reason: str
    """``name`` or ``website``."""


class OrgIndex:
    """Organisations by normalised name (and id) and by website domain."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_domain: dict[str, list[str]] = defaultdict(list)
        for org_id, org in registry.orgs.items():
            for key in (*name_keys(org.name), fold_key(org_id)):
                if key and org_id not in self.by_name[key]:
                    self.by_name[key].append(org_id)
            domain = website_domain(org.website)
            if domain:
                self.by_domain[domain].append(org_id)

    def match(self, name: str, website: str | None = None) -> list[Match]:
        """Organisations with the same normalised name, else with the same website domain."""
        by_name: list[str] = []
        for key in name_keys(name):
            by_name += [org_id for org_id in self.by_name.get(key, ()) if org_id not in by_name]
        if by_name:
            return [Match(org_id, "name") for org_id in by_name]
        domain = website_domain(website)
        if domain:
            return [Match(org_id, "website") for org_id in self.by_domain.get(domain, [])]
        return []

    def similar(self, name: str, *, cutoff: float = 0.85) -> list[str]:
        """Ids of organisations whose normalised name is close to ``name``'s."""
        wanted = normalise_name(name)
        found = difflib.get_close_matches(wanted, list(self.by_name), n=3, cutoff=cutoff)
        result: list[str] = []
        for key in found:
            result.extend(org_id for org_id in self.by_name[key] if org_id not in result)
        return result
