"""One self-contained HTML page: inline CSS, tables and an inline SVG bar chart.

No script and nothing fetched: the page opens offline in any browser and can be attached
to an e-mail. Every text is escaped; only ``http(s)`` source links become ``<a href>``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from dehub_cli.render import (
    Chart,
    Listing,
    Note,
    Page,
    Prose,
    RenderOptions,
    Section,
    Table,
    cell_text,
)
from dehub_cli.textnorm import escape_controls

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem}
p.summary{font-size:1.15rem;font-weight:600;margin:.5rem 0 1.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{border-bottom:2px solid #999}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;margin:.5rem 0 1rem}
dt{color:#555}dd{margin:0;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figcaption{color:#555;font-size:.9rem}
svg text{font-family:inherit;font-size:12px;fill:#333}
svg .bar{fill:#2b6cb0}
footer{margin-top:2rem;color:#666;font-size:.85rem}
caption{caption-side:bottom;text-align:left;color:#555;font-size:.85rem;padding-top:.3rem}
"""


_NUM = ' class="num"'


def _e(text: str) -> str:
    """``text`` as HTML text or attribute value; control characters shown as ``\\x1b``."""
    return html.escape(escape_controls(text), quote=True)


def svg_bar_chart(
    points: Sequence[tuple[str, int]], *, title: str, value_text: Callable[[int], str] = str
) -> str:
    """An inline SVG of vertical bars with their values above and labels below."""
    width, height = 640, 260
    left, right, top, bottom = 16, 16, 28, 32
    plot_width = width - left - right
    plot_height = height - top - bottom
    largest = max((value for _, value in points), default=0) or 1
    slot = plot_width / max(len(points), 1)
    bar_width = max(4.0, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" role="img" aria-label="{_e(title)}">',
        f"<title>{_e(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - right}" '
        f'y2="{top + plot_height}" stroke="#999" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(points):
        bar_height = plot_height * value / largest
        x = left + index * slot + (slot - bar_width) / 2
        y = top + plot_height - bar_height
        centre = x + bar_width / 2
        shown = value_text(value)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}"><title>{_e(label)}: {_e(shown)}</title></rect>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle">{_e(shown)}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_height + 18:.1f}" '
            f'text-anchor="middle">{_e(label)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _table(table: Table) -> str:
    lines = ["<table>"]
    if table.caption:
        lines.append(f"<caption>{_e(table.caption)}</caption>")
    header = "".join(
        f'<th scope="col"{_NUM if column.numeric else ""}>{_e(column.header)}</th>'
        for column in table.columns
    )
    lines.append(f"<thead><tr>{header}</tr></thead>")
    lines.append("<tbody>")
    for row in table.rows:
        cells = "".join(
            f"<td{_NUM if column.numeric else ''}>"
            f"{_e(cell_text(column.label(row.get(column.key))))}</td>"
            for column in table.columns
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _section(section: Section) -> str:
    facts = "".join(
        f"<dt>{_e(label)}</dt><dd>{_e(cell_text(value))}</dd>" for label, value in section.facts
    )
    return f"<dl>{facts}</dl>"


def _link(url: str, text: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(text)}</a>'
    return _e(text)


def render_page(result: Any, options: RenderOptions) -> str:
    """The ``html`` format: ``result.page()``."""
    return to_html(result.page())


def _figure(chart: Chart) -> str:
    caption = chart.title or ""
    return (
        "<figure>\n"
        + svg_bar_chart(chart.points, title=caption, value_text=chart.value_text)
        + f"\n<figcaption>{_e(caption)}</figcaption>\n</figure>"
    )


def to_html(page: Page) -> str:
    """The whole page: title, summary, every part in order, the sources and a footer."""
    body = [f"<h1>{_e(page.title)}</h1>"]
    if page.summary:
        body.append(f'<p class="summary">{_e(page.summary)}</p>')
    for part in page.parts:
        if isinstance(part, Chart):
            if part.points:
                body.append(_figure(part))
            continue
        if isinstance(part, Note):
            body.append(f"<p>{_e(part.text)}</p>")
            continue
        if isinstance(part, Prose):
            body.append(f"<h2>{_e(part.title)}</h2>\n<p>{_e(part.text)}</p>")
            continue
        if isinstance(part, Listing):
            if part.title:
                body.append(f"<h2>{_e(part.title)}</h2>")
            body.append(f"<pre>{_e(part.text)}</pre>")
            continue
        if part.title:
            body.append(f"<h2>{_e(part.title)}</h2>")
        body.append(_section(part) if isinstance(part, Section) else _table(part))
    if page.links:
        body.append(f"<h2>{_e(page.links_title)}</h2>")
        items = "".join(f"<li>{_link(url, text)}</li>" for url, text in page.links)
        body.append(f"<ul>{items}</ul>")
    if page.footer:
        body.append(f"<footer>{_e(page.footer)}</footer>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(page.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(page.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
