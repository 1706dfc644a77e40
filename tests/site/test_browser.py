"""The site in a real browser: headless Chromium over a local server on 127.0.0.1.

Skipped only outside CI when Chromium or playwright is missing; in CI (``CI`` set) a
missing browser fails the run, so these checks never go quietly missing there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

import pytest

from tests.site.browser import chromium, chromium_path, serve

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


def _require_browser() -> None:
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed (pip install -e '.[test]')"
    if missing is None and chromium_path() is None:
        missing = "chromium is not installed (apt-get install chromium)"
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {missing}")
    pytest.skip(missing)


class Session:
    """One browser on one served site, recording console errors and outside requests."""

    def __init__(self, context: BrowserContext, base: str) -> None:
        self.context = context
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def page(self, width: int = 1280) -> Page:
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        return page


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Session]:
    _require_browser()
    with serve(site) as base, chromium() as context:
        session = Session(context, base)
        yield session
        assert session.outside == [], "requests left 127.0.0.1"


@pytest.fixture
def clean(browser: Session) -> Iterator[Session]:
    """Fails the test on any console error or request to the outside."""
    browser.errors.clear()
    yield browser
    assert browser.errors == []
    assert browser.outside == []


def shown(page: Page) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        "#items > li:not([hidden]) > a", "links => links.map(a => a.textContent)"
    )
    return texts


def test_search_finds_an_organisation(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base + "en/orgs/index.html")
    assert len(shown(page)) == 5
    page.fill("#f-q", "hafen")
    assert shown(page) == ["Delta Hafen e.V."]
    assert page.url == clean.base + "en/orgs/index.html?q=hafen"
    assert page.text_content(".count") == "Showing 1 of 5."
    page.fill("#f-q", "universitat")  # without the umlaut, any case
    assert shown(page) == ["Gamma Universität"]


def test_home_search_lands_on_the_filtered_list(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base + "de/index.html")
    page.fill("#home-q", "Alpha")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/de/orgs/index.html?q=Alpha")
    assert shown(page) == ["Alpha Logistik GmbH"]
    assert page.text_content(".count") == "1 von 5 angezeigt."


def test_filters_change_the_list_and_the_url_and_survive_a_reload(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base + "en/orgs/index.html")
    page.select_option("#f-kind", "university")
    assert shown(page) == ["Gamma Universität"]
    assert page.url == clean.base + "en/orgs/index.html?kind=university"
    page.select_option("#f-kind", "")
    page.select_option("#f-hub", "dortmund")
    page.select_option("#f-year", "2020")
    assert sorted(shown(page)) == [
        '<script>alert(1)</script> =cmd|"/c calc"',
        "Alpha Logistik GmbH",
    ]
    assert page.url == clean.base + "en/orgs/index.html?hub=dortmund&year=2020"
    assert page.get_attribute("nav.langs a[lang=de]", "href") == (
        "../../de/orgs/index.html?hub=dortmund&year=2020"
    )
    page.reload()
    assert page.input_value("#f-hub") == "dortmund"
    assert page.input_value("#f-year") == "2020"
    assert len(shown(page)) == 2
    page.select_option("#f-year", "2018")
    assert sorted(shown(page)) == [
        '<script>alert(1)</script> =cmd|"/c calc"',
        "Alpha Logistik GmbH",
        "Beta AG",
    ]
    page.click("button[type=reset]")
    page.wait_for_url(clean.base + "en/orgs/index.html")
    assert len(shown(page)) == 5


def test_a_shared_url_opens_filtered(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base + "en/orgs/index.html?sector=health&kind=sme")
    assert page.input_value("#f-sector") == "health"
    assert shown(page) == ['<script>alert(1)</script> =cmd|"/c calc"']
    page.goto(clean.base + "en/hubs/index.html?sector=health")
    assert shown(page) == ["Jena Hub", '<script>alert(1)</script> =cmd|"/c calc"']


def test_filters_work_by_keyboard(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base + "en/orgs/index.html")
    page.focus("#f-q")
    page.keyboard.type("beta")
    page.keyboard.press("Tab")  # to the hub filter
    assert page.evaluate("document.activeElement.id") == "f-hub"
    page.keyboard.press("ArrowDown")
    assert page.url.startswith(clean.base + "en/orgs/index.html?q=beta&hub=")


def test_without_javascript_lists_are_whole_and_filters_hidden(
    browser: Session, site: Path
) -> None:
    page = browser.page()
    page.route("**/site.js", lambda route: route.abort())
    page.goto(browser.base + "en/orgs/index.html?kind=university")
    assert len(shown(page)) == 5
    assert page.is_hidden("form.filters")
    page.close()
    browser.errors.clear()  # the aborted script is reported as a console error


def test_the_root_page_sends_to_a_language(clean: Session) -> None:
    page = clean.page()
    page.goto(clean.base)
    page.wait_for_url(clean.base + "en/index.html")
    assert page.locator("h1").text_content() == "Digital hubs in Germany"


def test_every_page_and_link_at_390_px(clean: Session) -> None:
    """Crawl from the home pages: every internal link resolves, every page fits 390 px."""
    page = clean.page(width=390)
    queue = [clean.base + "en/index.html", clean.base + "de/index.html"]
    seen: set[str] = set(queue)
    checked = 0
    while queue:
        url = queue.pop()
        if not url.endswith(".html"):
            fetched = page.request.get(url)
            assert fetched.status == 200, url
            continue
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, url
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, url
        checked += 1
        links = page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]",
            "elements => elements.map(e => new URL(e.getAttribute('href') || e.getAttribute('src'),"
            " document.baseURI).href)",
        )
        for link in links:
            target = urldefrag(link).url
            if target.startswith(clean.base) and target not in seen:
                seen.add(target.split("?")[0])
                queue.append(target.split("?")[0])
            elif not target.startswith(clean.base):
                assert target.startswith(("https://", "http://")), f"{url}: {link}"
    assert checked >= 40


def test_works_from_file_urls(clean: Session, site: Path) -> None:
    page = clean.page()
    page.goto((site / "en/orgs/index.html").as_uri() + "?kind=corporate")
    assert shown(page) == ["Beta AG"]
    page.click("text=Beta AG")
    assert page.url == (site / "en/orgs/beta/index.html").as_uri()
    page.click("nav.langs >> text=Deutsch")
    assert page.url == (site / "de/orgs/beta/index.html").as_uri()
    assert page.locator("h1").text_content() == "Beta AG"


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "chromium_path", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="browser tests cannot run in CI: chromium"):
        _require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        _require_browser()
