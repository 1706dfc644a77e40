"""Provenance of the shipped data: every cited page is one someone read, under its real title.

The allowed sources are ``FACTS.md`` and the seed texts of the shared directory. It is
``$DEHUB_SHARED`` if set, else the ``shared`` directory beside the repository (from
``/work/main`` or a worktree ``/work/<name>``: ``/work/shared``). A clone without it (CI)
checks against ``tests/provenance_sources.json``: the URLs those texts give, the titles
the data cites that they give, and the seeds' headlines. Where the shared directory is
there, a test checks that file against it; ``python -m tests.test_provenance`` rewrites it.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import REPO

DATA = REPO / "data"


def _shared_dir() -> Path:
    configured = os.environ.get("DEHUB_SHARED")
    return Path(configured) if configured else REPO.parent / "shared"


SHARED = _shared_dir()
VENDORED = REPO / "tests" / "provenance_sources.json"
needs_shared = pytest.mark.skipif(
    not (SHARED / "FACTS.md").is_file() or not (SHARED / "seeds").is_dir(),
    reason=f"no shared sources (FACTS.md and seeds/) in {SHARED}; set DEHUB_SHARED",
)

# Where FACTS.md says each seed's text is stored (its last section, "Where the seeds are stored").
SEED_000_PAGE = "https://www.de.digital/DIGITAL/Redaktion/DE/Standardartikel/Magazin/startups-hub-initiative.html"
SEED_001_PAGE = "https://www.de.digital/DIGITAL/Redaktion/DE/Standardartikel/IT-Gipfel/digital-hub-initiative.html"
SEED_003_PAGE = "https://startup-mitteldeutschland.de/neues-digital-hub-in-leipzigdresden/"
SEED_002_PAGE = (
    "https://www.bitkom.org/Presse/Presseinformation/"
    "Ein-Jahr-Digital-Hub-Initiative-350-Startups-150-Unternehmen-45-Hochschulen-sind-bereits-dabei.html"
)
SEED_004_PAGE = "https://digitale-hauptstadtregion.de/berlins-neue-digihubs"
SEED_PAGES = {
    "000": SEED_000_PAGE,
    "002": SEED_002_PAGE,
    "003": SEED_003_PAGE,
    "004": SEED_004_PAGE,
}

# Listed only in seed 003's list of sources, or named without a stored copy: no one read them.
UNREAD_URLS = [
    "http://www.bmwi.de/Redaktion/DE/Pressemitteilungen/2017/20170421-zypries-neue-digital-hubs.html",
    "http://www.leipzig.de/news/news/leipzig-erhaelt-zuschlag-als-digital-hub/",
    "http://magazin.existenzgruender.de/2016/12/start-der-digital-hub-initiative.html",
]

# The made-up labels the November 2026 audit found (FACTS.md, "Problems found in data/").
MADE_UP_TITLES = [
    "TUM Pressemitteilung 33554 (Digital Hub Mobility)",
    "Fraunhofer IOF press release: de:hub 2024",
    "CHEManager: 5-HT Digital Hub Chemistry & Health",
    "TU Darmstadt news: Digital Hub Cyber Security opened",
    "Zypries \u2013 neue Digital Hubs (BMWi-Pressemitteilung)",
    "Hub Agency (de.digital Meldung)",
    "de:hub FAQ",
    "BMWK \u2013 Ausbau der Digital Hub Initiative",
    "Digital Hub Initiative (de.digital, English)",
]
SLUG_TITLE_NOTE = "derived from the page's URL slug"

URL_PATTERN = re.compile(r"https?://[^\s<>()\"'\]]+")


@dataclass(frozen=True)
class Cited:
    """One source entry of the registry and where it stands."""

    file: str
    place: str
    url: str
    title: str | None
    date: str | None


def _norm_url(url: str) -> str:
    return url.rstrip("/")


def _read_shared() -> tuple[str, dict[str, str]]:
    facts = (SHARED / "FACTS.md").read_text(encoding="utf-8")
    seeds = {
        path.name[:3]: path.read_text(encoding="utf-8")
        for path in sorted((SHARED / "seeds").glob("*.txt"))
    }
    return facts, seeds


def _known_urls(facts: str, seeds: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for text in [facts, *seeds.values()]:
        for match in URL_PATTERN.findall(text):
            found.add(_norm_url(match.rstrip(".,;:")))
    return found


def _headline(seed_text: str) -> str:
    """The seed's title: its first non-empty line, without Markdown heading and link marks."""
    line = next(line.strip() for line in seed_text.splitlines() if line.strip())
    line = line.lstrip("#").strip()
    link = re.match(r"^\[(.+)\]\([^)]*\)$", line)
    return link.group(1) if link else line


def _sources(entries: Any, file: str, place: str) -> Iterator[Cited]:
    for index, entry in enumerate(entries or []):
        title = entry.get("title")
        date = entry.get("date")
        yield Cited(
            file=file,
            place=f"{place}[{index}]",
            url=str(entry["url"]),
            title=None if title is None else str(title),
            date=None if date is None else str(date),
        )


def _cited() -> list[Cited]:
    """Every source entry in data/: records, memberships and published figures."""
    cited: list[Cited] = []
    for path in sorted(DATA.rglob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        file = str(path.relative_to(REPO))
        if not isinstance(record, dict):
            continue
        cited.extend(_sources(record.get("sources"), file, "sources"))
        for index, membership in enumerate(record.get("memberships") or []):
            cited.extend(_sources(membership.get("sources"), file, f"memberships[{index}].sources"))
        for index, published in enumerate(record.get("published") or []):
            cited.extend(_sources(published.get("sources"), file, f"published[{index}].sources"))
    return cited


def _slug_words(text: str) -> str:
    """Lowercase ASCII words, umlauts transliterated: how a title compares with a URL slug."""
    text = text.lower()
    for umlaut, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ascii_form)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _url_slug(url: str) -> str:
    path = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    path = re.sub(r"\.(html?|jsp|php)$", "", path)
    return _slug_words(path)


def _vendor(facts: str, seeds: dict[str, str], cited: list[Cited]) -> dict[str, Any]:
    """What the tests need of the shared texts, for a clone without them."""
    texts = [facts, *seeds.values()]
    return {
        "urls": sorted(_known_urls(facts, seeds)),
        "titles": sorted(
            {c.title for c in cited if c.title is not None and any(c.title in t for t in texts)}
        ),
        "seed_headlines": {number: _headline(text) for number, text in seeds.items()},
    }


@dataclass(frozen=True)
class Sources:
    """The URLs and titles the shared texts give, and each seed's headline."""

    urls: frozenset[str]
    titles: frozenset[str]
    seed_headlines: dict[str, str]


@pytest.fixture(scope="module")
def shared() -> tuple[str, dict[str, str]]:
    return _read_shared()


@pytest.fixture(scope="module")
def sources() -> Sources:
    vendored = json.loads(VENDORED.read_text(encoding="utf-8"))
    return Sources(
        frozenset(vendored["urls"]), frozenset(vendored["titles"]), vendored["seed_headlines"]
    )


@pytest.fixture(scope="module")
def cited() -> list[Cited]:
    found = _cited()
    assert found, "no sources found under data/"
    return found


@needs_shared
def test_vendored_sources_are_the_shared_ones(
    shared: tuple[str, dict[str, str]], cited: list[Cited]
) -> None:
    vendored = json.loads(VENDORED.read_text(encoding="utf-8"))
    assert vendored == _vendor(*shared, cited), "run python -m tests.test_provenance"


@needs_shared
def test_seed_pages_are_where_facts_says(shared: tuple[str, dict[str, str]]) -> None:
    facts, seeds = shared
    stored = facts[facts.index("## Where the seeds are stored") :]
    seed_000 = next(line for line in stored.splitlines() if line.startswith("- seed 000"))
    seed_003 = next(line for line in stored.splitlines() if line.startswith("- seed 003"))
    assert SEED_000_PAGE in seed_000
    assert SEED_001_PAGE in seed_000
    assert "seed 001's text" in seed_000
    assert SEED_003_PAGE in seed_003
    assert SEED_002_PAGE in seeds["002"]
    berlin = facts[facts.index("berlin_iot_fintech:") :].split("\n  frankfurt_fintech:")[0]
    assert "[seed+found]" in berlin
    assert SEED_004_PAGE in berlin


def test_every_cited_url_is_in_facts_or_a_seed(sources: Sources, cited: list[Cited]) -> None:
    known = sources.urls
    unknown = sorted(f"{c.file} {c.place}: {c.url}" for c in cited if _norm_url(c.url) not in known)
    assert not unknown, "URLs that neither FACTS.md nor a seed gives:\n" + "\n".join(unknown)


def test_unread_urls_are_not_cited(cited: list[Cited]) -> None:
    unread = {_norm_url(url) for url in UNREAD_URLS}
    found = sorted(f"{c.file} {c.place}: {c.url}" for c in cited if _norm_url(c.url) in unread)
    assert not found, "pages no one read are cited:\n" + "\n".join(found)


def test_it_gipfel_page_is_cited_only_for_seed_001(cited: list[Cited]) -> None:
    """It holds seed 001's text (no organisation named, no date), not seed 000's launch text."""
    it_gipfel = [c for c in cited if _norm_url(c.url) == _norm_url(SEED_001_PAGE)]
    wrong = sorted(
        f"{c.file} {c.place}"
        for c in it_gipfel
        if c.file.startswith("data/orgs/") or c.title is not None or c.date is not None
    )
    assert not wrong, "the IT-Gipfel page stands in for seed 000 here:\n" + "\n".join(wrong)


def test_seed_000_is_cited_where_it_is_stored(sources: Sources, cited: list[Cited]) -> None:
    title = sources.seed_headlines["000"]
    assert title == "Start der Digital Hub Initiative"
    wrong = sorted(
        f"{c.file} {c.place}: {c.url}"
        for c in cited
        if c.title == title and _norm_url(c.url) != _norm_url(SEED_000_PAGE)
    )
    assert not wrong, "seed 000's title on another page:\n" + "\n".join(wrong)
    undated = [c for c in cited if _norm_url(c.url) == _norm_url(SEED_000_PAGE) and c.date]
    assert not undated, "the page that stores seed 000 is n.d."


def test_no_made_up_titles(cited: list[Cited]) -> None:
    found = sorted(f"{c.file} {c.place}: {c.title}" for c in cited if c.title in MADE_UP_TITLES)
    assert not found, "made-up source titles:\n" + "\n".join(found)


def test_every_title_is_given_by_facts_or_a_seed(sources: Sources, cited: list[Cited]) -> None:
    found = sorted(
        f"{c.file} {c.place}: {c.title}"
        for c in cited
        if c.title is not None and c.title not in sources.titles
    )
    assert not found, "titles that neither FACTS.md nor a seed gives:\n" + "\n".join(found)


def test_no_title_is_only_its_url_slug(sources: Sources, cited: list[Cited]) -> None:
    derived = sorted(
        f"{c.file} {c.place}: {c.title}"
        for c in cited
        if c.title is not None
        and _slug_words(c.title) == _url_slug(c.url)
        and c.title not in sources.titles
    )
    assert not derived, "titles derived from the URL slug:\n" + "\n".join(derived)
    notes = sorted(
        str(path.relative_to(REPO))
        for path in DATA.rglob("*.yaml")
        if SLUG_TITLE_NOTE in path.read_text(encoding="utf-8")
    )
    assert not notes, "files still say titles are derived from slugs:\n" + "\n".join(notes)


def test_seed_titles_stay_with_their_seed_pages(sources: Sources, cited: list[Cited]) -> None:
    home_by_title = {sources.seed_headlines[number]: page for number, page in SEED_PAGES.items()}
    wrong = sorted(
        f"{c.file} {c.place}: '{c.title}' on {c.url}"
        for c in cited
        if c.title in home_by_title and _norm_url(c.url) != _norm_url(home_by_title[c.title])
    )
    assert not wrong, "a seed's title on a page that does not store it:\n" + "\n".join(wrong)


def test_slug_comparison_recognises_a_derived_title() -> None:
    url = "https://startup-stuttgart.de/stuttgart-wird-digital-hub/"
    assert _slug_words("Stuttgart wird Digital Hub") == _url_slug(url)
    assert _slug_words("Darmstadt wird Digital Hub für Cyber Security") == _url_slug(
        "https://www.crisp-da.de/aktuelles/news/details/darmstadt-wird-digital-hub-fuer-cyber-security/"
    )


if __name__ == "__main__":
    VENDORED.write_text(
        json.dumps(_vendor(*_read_shared(), _cited()), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {VENDORED.relative_to(REPO)}")
