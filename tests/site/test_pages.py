"""The built site as files: exact fragments, escaping, links, structure, feed, badges, API."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from dehub_cli.export.dataset import Dataset
from dehub_cli.export.jsonapi import document_bytes
from dehub_cli.site.build import SiteBuild, SiteOptions, build_site
from dehub_cli.site.i18n import TEXT
from tests.site.conftest import HOSTILE

ATOM = "{http://www.w3.org/2005/Atom}"


class Page(HTMLParser):
    """What the checks need from one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.headings: list[int] = []
        self.scripts: list[dict[str, str | None]] = []
        self.attributes: list[str] = []
        self.metas: list[dict[str, str | None]] = []
        self.landmarks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attributes.extend(name for name, _ in attrs)
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None:
                self.links.append((tag, name, value))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.scripts.append(values)
        if tag == "meta":
            self.metas.append(values)
        if tag in ("header", "main", "footer", "nav"):
            self.landmarks.append(tag)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_files_and_permalinks(site: Path) -> None:
    for lang in ("en", "de"):
        for path in (
            "index.html",
            "hubs/index.html",
            "hubs/dortmund/index.html",
            "hubs/dortmund/embed.html",
            "hubs/jena/index.html",
            "orgs/index.html",
            "orgs/evil/index.html",
            "sectors/index.html",
            "sectors/logistics/index.html",
            "stats/index.html",
            "changes/index.html",
        ):
            assert (site / lang / path).is_file(), f"{lang}/{path}"
    for path in ("index.html", "feed.xml", "badges/dortmund.svg", "api/index.json", ".dehub-site"):
        assert (site / path).is_file(), path


def test_hostile_names_are_escaped_exactly(site: Path) -> None:
    dortmund = (site / "en/hubs/dortmund/index.html").read_text(encoding="utf-8")
    assert (
        '<tr><td><a href="../../orgs/evil/index.html">&lt;script&gt;alert(1)&lt;/script&gt; '
        "=cmd|&#34;/c calc&#34;</a></td><td>SME</td><td>Member</td>"
        '<td><time datetime="2018-04-02">2 Apr 2018</time></td><td></td></tr>'
    ) in dortmund
    koeln = (site / "de/hubs/koeln/index.html").read_text(encoding="utf-8")
    assert (
        "<title>&lt;script&gt;alert(1)&lt;/script&gt; =cmd|&#34;/c calc&#34; \N{EN DASH} de:hub-Register</title>"
        in koeln
    )
    assert (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt; =cmd|&#34;/c calc&#34;</h1>\n"
        "<p>=cmd|&#34;/c calc&#34;\n&lt;script&gt;alert(2)&lt;/script&gt;\nline three</p>\n"
    ) in koeln
    assert (
        '<tr><td><a href="../../orgs/evil/index.html">&lt;script&gt;alert(1)&lt;/script&gt; '
        "=cmd|&#34;/c calc&#34;</a></td><td>KMU</td><td>Mitglied</td>"
        '<td><time datetime="2018-04">erstmals belegt April 2018</time></td>'
        '<td><time datetime="2020">zuletzt belegt 2020</time></td></tr>'
    ) in koeln
    for path in html_pages(site):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path


def test_hub_page_dates_and_groups(site: Path) -> None:
    text = (site / "en/hubs/dortmund/index.html").read_text(encoding="utf-8")
    assert '<h2 id="members-1">Current members (2)</h2>' in text
    assert '<h2 id="members-2">Former members (1)</h2>' in text
    assert (
        '<tr><td><a href="../../orgs/beta/index.html">Beta AG</a></td><td>Corporation</td>'
        '<td>Member</td><td><time datetime="2017">2017</time></td>'
        '<td><time datetime="2019-06">June 2019</time></td></tr>'
    ) in text
    assert (
        '<div><dt>Operators</dt><dd><a href="../../orgs/alpha/index.html">Alpha Logistik GmbH</a>'
        "</dd></div>"
    ) in text
    assert (
        '<div><dt>Twin hubs</dt><dd><a href="../../hubs/hamburg/index.html">'
        "Digital Hub Logistics Hamburg</a></dd></div>"
    ) in text
    hamburg = (site / "en/hubs/hamburg/index.html").read_text(encoding="utf-8")
    assert "Not counted on 28 Nov 2026 (start unknown or still to come) (1)" in hamburg
    assert "<td>Partner</td><td>unknown</td><td></td></tr>" in hamburg


def test_every_page_has_one_h1_ordered_headings_landmarks_and_a_language_switch(
    site: Path,
) -> None:
    for path in html_pages(site):
        page = parse(path)
        relative = path.relative_to(site).as_posix()
        assert page.headings.count(1) == 1, relative
        assert page.headings[0] == 1, relative
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{relative}: h{before} then h{after}"
        if relative.startswith(("en/", "de/")) and not relative.endswith("embed.html"):
            assert {"header", "main", "footer", "nav"} <= set(page.landmarks), relative
            lang, _, rest = relative.partition("/")
            other = "de" if lang == "en" else "en"
            depth = rest.count("/") + 1
            switch = ("a", "href", "../" * depth + f"{other}/{rest}")
            assert switch in page.links, relative


def test_no_inline_scripts_handlers_or_styles_and_a_csp(site: Path) -> None:
    for path in html_pages(site):
        page = parse(path)
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(site).as_posix()
        assert all(script.get("src") for script in page.scripts), relative
        assert not [name for name in page.attributes if name.startswith("on")], relative
        assert "style" not in page.attributes, relative
        assert "<style" not in text, relative
        csp = [meta for meta in page.metas if meta.get("http-equiv") == "Content-Security-Policy"]
        assert csp == [{"http-equiv": "Content-Security-Policy", "content": "default-src 'self'"}]
        assert "<svg" not in text or "style=" not in text, relative


def test_links_are_relative_and_resolve(site: Path) -> None:
    for path in html_pages(site):
        for tag, attribute, value in parse(path).links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https"):
                assert tag == "a", f"{path}: {tag} {attribute}={value} loads from the network"
                continue
            assert not parts.scheme, f"{path}: {value}"
            assert not parts.netloc, f"{path}: {value}"
            assert not value.startswith("/"), f"{path}: absolute path {value}"
            if not parts.path:
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path.relative_to(site)}: {value} does not resolve"
            assert site.resolve() in target.parents


def test_home_page_map_figures_changes_and_attribution(
    site: Path, built: tuple[Path, SiteBuild]
) -> None:
    text = (site / "en/index.html").read_text(encoding="utf-8")
    assert TEXT["map_credit"][0] in text
    assert TEXT["map_geonames"][0] in text
    assert TEXT["map_geonames"][1] in (site / "de/index.html").read_text(encoding="utf-8")
    # Dortmund at its coordinates, Jena at the middle of Thüringen, labelled as such.
    assert 'aria-label="1. Digital Hub Logistics Dortmund: Dortmund"' in text
    assert 'aria-label="3. Jena Hub: Thuringia (middle of the Land)"' in text
    assert '<circle class="dot approx"' in text
    assert text.count("<path d=") == 16
    assert (
        "<li>On 29 Apr 2024 the initiative reported more than 6,000 startups; the registry names 1 "
        "for that day (0.0 %).</li>"
    ) in text
    assert (
        '<li><time datetime="2024-09">September 2024</time> <span class="change '
        'change-first_recorded">First recorded</span> <a href="orgs/beta/index.html">Beta AG</a> '
        'in <a href="hubs/jena/index.html">Jena Hub</a> (Member)</li>'
    ) in text
    german = (site / "de/index.html").read_text(encoding="utf-8")
    assert (
        "<li>Am 29.04.2024 meldete die Initiative mehr als 6.000 Startups; das Register nennt für "
        "diesen Tag 1 (0,0 %).</li>"
    ) in german
    assert built[1].home_bytes < 200 * 1024


def test_stats_page_has_the_report_numbers(site: Path, dataset: Dataset) -> None:
    text = (site / "en/stats/index.html").read_text(encoding="utf-8")
    for row in dataset.stats["years"]:
        cells = "".join(
            f'<td class="num">{row[key]:,}</td>'
            for key in ("hubs", "startups", "companies", "universities", "research", "investors")
        )
        assert f'<tr><th scope="row">{row["year"]}</th>{cells}' in text
    assert 'role="img" aria-labelledby="chart-title"' in text
    assert text.count('<rect class="bar"') == len(dataset.stats["years"])
    assert '<a href="https://example.org/press" rel="nofollow">Press</a>' in text


def test_org_list_items_carry_filter_data(site: Path) -> None:
    text = (site / "en/orgs/index.html").read_text(encoding="utf-8")
    assert (
        '<li data-kind="corporate" data-sectors="" data-m="dortmund:2017-2019 jena:2024-">'
        '<a href="beta/index.html">Beta AG</a>'
    ) in text
    assert '<li data-kind="university" data-sectors="health" data-m="hamburg:">' in text
    assert '<form class="filters" data-list="items" aria-label="Filter the list" hidden>' in text


def test_badge_svg(site: Path) -> None:
    text = (site / "badges/dortmund.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    label = "Digital Hub Logistics Dortmund: 2 members, 28 Nov 2026"
    assert root.get("aria-label") == label
    assert root.findtext("{http://www.w3.org/2000/svg}title") == label
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Digital Hub Logistics Dortmund", "2 members, 28 Nov 2026"]
    hostile = ET.fromstring((site / "badges/koeln.svg").read_text(encoding="utf-8"))
    assert next(e.text for e in hostile.iter("{http://www.w3.org/2000/svg}text")) == (
        '<script>alert(1)</script> =cmd|"/c calc"'
    )
    assert not list(hostile.iter("{http://www.w3.org/2000/svg}script"))


def test_feed_is_atom(site: Path, dataset: Dataset) -> None:
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.findtext(f"{ATOM}updated") == "2026-11-28T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(dataset.changes)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}updated") or "")
        assert (entry.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert link.get("rel") == "alternate"
        assert (site / (link.get("href") or "") / "index.html").is_file()
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Beta AG first recorded in Jena Hub (member)"
    assert first.findtext(f"{ATOM}updated") == "2024-09-01T00:00:00Z"
    second = entries[1]
    assert second.findtext(f"{ATOM}updated") == "2020-12-31T00:00:00Z"  # an end: its last day
    assert (second.findtext(f"{ATOM}title") or "").startswith("<script>alert(1)</script> =cmd")


def test_feed_and_badges_with_a_base_url(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "site"
    build_site(dataset, out, SiteOptions(base_url="https://example.org/dehub"))
    root = ET.parse(out / "feed.xml").getroot()
    assert root.findtext(f"{ATOM}id") == "https://example.org/dehub/feed.xml"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == "https://example.org/dehub/feed.xml"
    hrefs = [link.get("href") for link in root.iterfind(f"{ATOM}entry/{ATOM}link")]
    assert hrefs[0] == "https://example.org/dehub/en/orgs/beta/"
    badge = (out / "badges/dortmund.svg").read_text(encoding="utf-8")
    assert '<a href="https://example.org/dehub/en/hubs/dortmund/">' in badge
    page = (out / "de/orgs/beta/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/dehub/de/orgs/beta/">' in page


def test_feed_ids_are_stable_across_builds(tmp_path: Path, dataset: Dataset, site: Path) -> None:
    out = tmp_path / "again"
    build_site(dataset, out, SiteOptions())
    assert (out / "feed.xml").read_bytes() == (site / "feed.xml").read_bytes()


def test_api_is_the_export_byte_for_byte(site: Path, dataset: Dataset) -> None:
    documents = dataset.documents()
    written = sorted(p.relative_to(site / "api").as_posix() for p in (site / "api").rglob("*.json"))
    assert written == sorted(documents)
    for relative, document in documents.items():
        assert (site / "api" / relative).read_bytes() == document_bytes(document)
    assert json.loads((site / "api/index.json").read_text())["as_of"] == "2026-11-28"


def test_one_language(tmp_path: Path, dataset: Dataset) -> None:
    out = tmp_path / "site"
    result = build_site(dataset, out, SiteOptions(languages=("de",)))
    assert result.languages == ["de"]
    assert not (out / "en").exists()
    page = (out / "de/index.html").read_text(encoding="utf-8")
    assert 'class="langs"' not in page
    assert '<html lang="de" data-languages="de">' in (out / "index.html").read_text()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_root_page_offers_the_languages(site: Path, lang: str) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{lang}/index.html" hreflang="{lang}">' in text


class Snippet(HTMLParser):
    """The tags of an embed snippet and their attributes, as a page it is pasted into reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_embed_snippets_hold_a_hostile_name_as_one_attribute(
    tmp_path: Path, dataset: Dataset
) -> None:
    out = tmp_path / "site"
    build_site(dataset, out, SiteOptions(base_url="https://example.org/dehub"))
    page = (out / "en/hubs/koeln/index.html").read_text(encoding="utf-8")
    snippets = re.findall(r"<pre><code>(.*?)</code></pre>", page)
    assert len(snippets) == 2
    tags = []
    for shown in snippets:
        parser = Snippet()
        parser.feed(html.unescape(shown))  # the text a reader copies
        tags += parser.tags
    assert tags == [
        ("a", [("href", "https://example.org/dehub/en/hubs/koeln/")]),
        ("img", [("src", "https://example.org/dehub/badges/koeln.svg"), ("alt", HOSTILE)]),
        (
            "iframe",
            [
                ("src", "https://example.org/dehub/en/hubs/koeln/embed.html"),
                ("title", HOSTILE),
                ("width", "320"),
                ("height", "200"),
            ],
        ),
    ]


def test_a_german_only_site_links_its_feed_and_badges_to_german_pages(
    tmp_path: Path, dataset: Dataset
) -> None:
    out = tmp_path / "site"
    build_site(dataset, out, SiteOptions(languages=("de",), base_url="https://example.org/"))
    root = ET.parse(out / "feed.xml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert root.findtext(f"{ATOM}title") == "de:hub-Register: Änderungen"
    hrefs = {link.get("href") for link in root.iterfind(f"{ATOM}entry/{ATOM}link")}
    assert hrefs
    assert all(str(href).startswith("https://example.org/de/orgs/") for href in hrefs)
    assert all((out / str(href)[len("https://example.org/") :]).is_dir() for href in hrefs)
    badge = (out / "badges/dortmund.svg").read_text(encoding="utf-8")
    assert '<a href="https://example.org/de/hubs/dortmund/">' in badge
    assert "Mitglieder" in badge
