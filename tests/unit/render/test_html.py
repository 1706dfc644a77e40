"""``dehub_cli.render.html``: self-contained pages, escaping, links and SVG charts."""

from __future__ import annotations

import datetime as dt
import re

from dehub_cli.render import Page
from dehub_cli.render.formats import render
from dehub_cli.render.html import svg_bar_chart, to_html
from dehub_cli.report import build_yearly_report
from tests.helpers import SOURCE, build_registry, hub, member, org

INITIATIVE = {
    "name": "Digital Hub Initiative",
    "sources": [SOURCE],
    "published": [
        {
            "date": "2018-03-27",
            "figures": {"startups": 4},
            "sources": [{"url": "https://example.org/press", "title": "Press <release>"}],
        }
    ],
}


def test_html_page_is_self_contained_and_escaped() -> None:
    registry = build_registry(
        [hub("berlin", name='<b>Hub</b> & "Co"')],
        [org("a", memberships=[member("berlin", 2017)])],
        initiative=INITIATIVE,
    )
    page = render(build_yearly_report(registry, dt.date(2018, 6, 1), "de"), "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert page.rstrip().endswith("</html>")
    lowered = page.lower()
    for forbidden in ("<script", "<link", "src=", "url(", "@import", "<iframe", "<img"):
        assert forbidden not in lowered
    assert "&lt;b&gt;Hub&lt;/b&gt; &amp; &quot;Co&quot;" in page
    assert "<b>Hub</b>" not in page
    assert "Press &lt;release&gt;" in page
    # only source links point outside; the SVG namespace is a name, not a fetch
    urls = set(re.findall(r"https?://[^\"'<> ]+", page))
    assert urls == {"https://example.org/press", "http://www.w3.org/2000/svg"}
    assert '<a href="https://example.org/press">' in page
    assert page.count("<svg") == 1
    assert page.count('<rect class="bar"') == 2  # 2017 and 2018
    assert "Aus dem Register gezählt am 2018-06-01." in page
    assert (
        "Zum 01.06.2018 nennt das Register 1 Startup, 0 Unternehmen und 0 Hochschulen in 1 Hub."
        in page
    )


def test_only_http_links_become_anchors() -> None:
    page = to_html(
        Page(
            title="t",
            parts=[],
            links=[("javascript:alert(1)", "bad"), ("https://example.org/a?b=1&c=2", "good")],
        )
    )
    assert "javascript" not in page
    assert '<a href="https://example.org/a?b=1&amp;c=2">good</a>' in page
    assert "<li>bad</li>" in page


def test_svg_bar_heights_follow_the_values() -> None:
    svg = svg_bar_chart([("2017", 50), ("2018", 100)], title="Orgs")
    heights = [float(value) for value in re.findall(r'height="([\d.]+)"><title>', svg)]
    assert heights == [100.0, 200.0]
    assert "<title>2018: 100</title>" in svg
