"""The Atom feed of membership changes and the hub badges: values for their templates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dehub_cli.dates import PartialDate
from dehub_cli.render import Feed, FeedEntry

_NAMESPACE = uuid.UUID("5b0f7a3e-2f4e-4d0c-9a57-6465687562a1")
"""Fixed namespace of the entry ids: an entry keeps its id in every build."""

ENDS = ("left", "last_recorded")

CHANGE_VERBS: dict[str, dict[str, str]] = {
    "en": {
        "joined": "joined",
        "first_recorded": "first recorded in",
        "left": "left",
        "last_recorded": "last recorded in",
    },
    "de": {
        "joined": "beigetreten:",
        "first_recorded": "erstmals belegt bei",
        "left": "ausgetreten:",
        "last_recorded": "zuletzt belegt bei",
    },
}
"""How an entry's title says what changed, by language: ``Beta AG joined Hub (member)``."""


def rfc3339(date: str, *, end: bool = False) -> str:
    """A registry date (``2017``, ``2017-04``, ``2017-04-21``) as an Atom timestamp (UTC):
    its first day, or with ``end`` its last (when an end takes effect)."""
    day = PartialDate.parse(date)
    return f"{(day.last_day if end else day.first_day).isoformat()}T00:00:00Z"


def feed(
    changes: Sequence[dict[str, Any]],
    *,
    title: str,
    as_of: str,
    base: str | None,
    source: str | None,
    lang: str = "en",
) -> Feed:
    """The site's feed: one entry per membership change, with ids that stay the same in every
    build (UUIDs derived from what changed)."""
    link_base = base or ""
    seen: dict[str, int] = {}
    entries = []
    for change in changes:
        key = "/".join(str(change[part]) for part in ("type", "hub", "org", "role", "date"))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"#{seen[key]}"
        verb = CHANGE_VERBS[lang].get(change["type"], change["type"])
        entry_title = f"{change['org_name']} {verb} {change['hub_name']} ({change['role']})"
        entries.append(
            FeedEntry(
                id=f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}",
                title=entry_title,
                updated=rfc3339(change["date"], end=change["type"] in ENDS),
                link=f"{link_base}{lang}/orgs/{change['org']}/",
                content=f"{entry_title}, {change['date']}.",
            )
        )
    return Feed(
        id=feed_id(base, source),
        title=title,
        updated=rfc3339(as_of),
        entries=entries,
        link=f"{link_base}{lang}/changes/",
        self_link=f"{base}feed.xml" if base else None,
        author="de:hub registry",
        lang=lang,
    )


def feed_id(base_url: str | None, source: str | None) -> str:
    if base_url:
        return f"{base_url}feed.xml"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, source or 'dehub')}"


# The badge: two boxes of text, sized by an estimate of Verdana 11px and pinned with
# textLength, so the text fits whatever the viewer's font.
_NARROW = set("fijlrtI.,:;!|' ()[]")
_WIDE = set("mwMWGOQDCHNU%@")


def text_width(text: str) -> int:
    """Estimated width in pixels of ``text`` at 11px Verdana."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 9.6
        elif char.isupper() or char.isdigit():
            width += 7.6
        else:
            width += 6.6
    return round(width)


@dataclass(frozen=True, slots=True)
class Badge:
    label: str
    message: str
    label_width: int
    message_width: int
    link: str | None

    @property
    def width(self) -> int:
        return self.label_width + self.message_width + 40

    @property
    def text(self) -> str:
        return f"{self.label}: {self.message}"


def badge(label: str, message: str, link: str | None) -> Badge:
    return Badge(label, message, text_width(label), text_width(message), link)
