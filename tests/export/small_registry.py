"""A small hand-built registry whose every exported document is known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.helpers import hub, member, org, write_registry

TODAY = dt.date(2019, 3, 1)
CLAIM = {"url": "https://example.org/claim", "title": "Claim page", "date": "2017-03"}
FORMULA = '=HYPERLINK("https://evil.example","click")'

INITIATIVE: dict[str, Any] = {
    "name": "Digital Hub Initiative",
    "short_name": "de:hub",
    "sources": [{"url": "https://example.org/initiative"}],
    "published": [
        {
            "date": "2018-03-27",
            "figures": {"hubs": 2, "startups": 4},
            "qualifiers": {"startups": "at_least"},
            "text": "More than 4 startups.",
            "sources": [{"url": "https://example.org/press", "date": "2018-03-27"}],
        }
    ],
}


def small_registry(root: Path) -> Path:
    """Two hubs, four organisations: stated, first-seen, unknown and ended memberships."""
    return write_registry(
        root,
        hubs=[
            hub(
                "alpha",
                name="Hub Alpha",
                cities=[{"name": "Köln", "land": "DE-NW", "latitude": 50.93333, "longitude": 6.95}],
                sectors=["fintech", {"sector": "iot", "since": "2018", "until": "2018-12"}],
                twins=["beta"],
                website="https://alpha.example.org",
                description="The alpha hub: FinTech in Köln.",
            ),
            hub("beta", name="Hub Beta", announced="2017-04", twins=["alpha"]),
        ],
        orgs=[
            org(
                "acme",
                name="Acme Ümlaut GmbH",
                city="Köln",
                sectors=["fintech", "iot"],
                description="Payments for robots.",
                identifiers=[{"scheme": "wikidata", "id": "Q95"}],
                memberships=[
                    member("alpha", "2017-03", sources=[CLAIM]),
                    {"hub": "beta", "first_seen": "2018", "last_seen": "2018-06"},
                ],
            ),
            org(
                "formula",
                name=FORMULA,
                kind="sme",
                sectors=["fintech"],
                memberships=[member("alpha", "2018-01-01", until="2020", role="operator")],
            ),
            org(
                "multiline",
                name="Line one Line two",
                description="Line one\nLine two",  # a name may not hold a line break (DH209)
                kind="university",
                memberships=[{"hub": "beta", "role": "partner"}],
            ),
            org(
                "uni",
                name="Uni Köln",
                kind="university",
                founded=1388,
                website="https://uni.example.org",
                memberships=[member("beta", "2017-04", until="2018-12-31")],
            ),
        ],
        initiative=INITIATIVE,
    )
