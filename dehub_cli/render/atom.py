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


def _link(url: str | None, indent: str) -> list[str]:
    if not url:
        return []
    return [f"{indent}<link href={quoteattr(_XML_INVALID.sub('', url))}/>"]


def render_atom(result: Any, options: RenderOptions) -> str:
    """The ``atom`` format: ``result.feed()``."""
    return to_atom(result.feed())


def to_atom(feed: Feed) -> str:
    """The feed as an Atom 1.0 document."""
    from dehub_cli import __version__

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{xml_text(feed.id)}</id>",
        f"  <title>{xml_text(feed.title)}</title>",
        f"  <updated>{xml_text(feed.updated)}</updated>",
        *_link(feed.link, "  "),
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
        lines += [
            f"    <author><name>{xml_text(entry.author or 'unknown')}</name></author>",
            *_link(entry.link, "    "),
            f'    <content type="text">{xml_text(entry.content)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
