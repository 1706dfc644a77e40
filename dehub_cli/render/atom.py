"""Atom 1.0 feeds (RFC 4287): every text escaped, characters XML forbids replaced."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from dehub_cli.render import Feed, RenderOptions

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for an XML element: escaped, and without characters XML 1.0 forbids."""
    return escape(_XML_INVALID.sub("\ufffd", text))


def _link(url: str | None, rel: str, indent: str, media_type: str = "text/html") -> list[str]:
    if not url:
        return []
    href = quoteattr(_XML_INVALID.sub("", url))
    return [f'{indent}<link rel="{rel}" type="{media_type}" href={href}/>']


def render_atom(result: Any, options: RenderOptions) -> str:
    """The ``atom`` format: ``result.feed()``."""
    return to_atom(result.feed())


def to_atom(feed: Feed) -> str:
    """The feed as an Atom 1.0 document."""
    from dehub_cli import __version__

    lang = f" xml:lang={quoteattr(feed.lang)}" if feed.lang else ""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{lang}>',
        f"  <id>{xml_text(feed.id)}</id>",
        f"  <title>{xml_text(feed.title)}</title>",
        f"  <updated>{xml_text(feed.updated)}</updated>",
        f"  <author><name>{xml_text(feed.author)}</name></author>",
        *_link(feed.self_link, "self", "  ", "application/atom+xml"),
        *_link(feed.link, "alternate", "  "),
        f'  <generator version="{xml_text(__version__)}">dehub</generator>',
    ]
    for entry in feed.entries:
        lines += [
            "  <entry>",
            f"    <id>{xml_text(entry.id)}</id>",
            f"    <title>{xml_text(entry.title)}</title>",
            f"    <updated>{xml_text(entry.updated)}</updated>",
        ]
        if entry.published:
            lines.append(f"    <published>{xml_text(entry.published)}</published>")
        if entry.author:
            lines.append(f"    <author><name>{xml_text(entry.author)}</name></author>")
        lines += [
            *_link(entry.link, "alternate", "    "),
            f'    <content type="text">{xml_text(entry.content)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
