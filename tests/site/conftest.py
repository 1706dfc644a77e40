"""A small registry with hostile names, its dataset and the site built from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import dehub_cli
from dehub_cli.export.dataset import Dataset, build_dataset
from dehub_cli.site.build import SiteBuild, SiteOptions, build_site
from tests.helpers import hub, member, org, write_registry

TODAY = dt.date(2026, 11, 28)
HOSTILE = '<script>alert(1)</script> =cmd|"/c calc"'
"""A name as hostile as the registry allows (names may hold no line break)."""
HOSTILE_TEXT = '=cmd|"/c calc"\n<script>alert(2)</script>\nline three'
"""A description: the one kind of field that may hold line breaks."""
SECTORS = [
    {"id": "logistics", "name": "Logistics", "name_de": "Logistik", "aliases": []},
    {"id": "health", "name": "Digital Health", "name_de": "Digitale Gesundheit", "aliases": []},
]
INITIATIVE: dict[str, Any] = {
    "name": "Digital Hub Initiative",
    "short_name": "de:hub",
    "sources": [{"url": "https://example.org/initiative"}],
    "published": [
        {
            "date": "2024-04-29",
            "figures": {"hubs": 12, "startups": 6000},
            "qualifiers": {"startups": "at_least"},
            "text": "More than 6,000 startups.",
            "sources": [
                {"url": "https://example.org/press", "title": "Press", "date": "2024-04-29"}
            ],
        }
    ],
}


def dortmund_city() -> dict[str, Any]:
    return {"name": "Dortmund", "land": "DE-NW", "latitude": 51.51494, "longitude": 7.466}


def site_registry(root: Path) -> Path:
    """Four hubs (one with a hostile name, one placed only by its Land), five organisations
    with stated, first-seen, unknown and ended memberships."""
    return write_registry(
        root,
        sectors=SECTORS,
        initiative=INITIATIVE,
        hubs=[
            hub(
                "dortmund",
                name="Digital Hub Logistics Dortmund",
                cities=[dortmund_city()],
                sectors=["logistics"],
                twins=["hamburg"],
                website="https://example.org/dortmund",
            ),
            hub(
                "hamburg",
                name="Digital Hub Logistics Hamburg",
                cities=[
                    {"name": "Hamburg", "land": "DE-HH", "latitude": 53.55073, "longitude": 9.99302}
                ],
                sectors=["logistics"],
                twins=["dortmund"],
            ),
            hub(
                "jena",
                name="Jena Hub",
                cities=[],
                laender=["DE-TH"],
                sectors=["health"],
                announced="2024-09-17",
            ),
            hub(
                "koeln",
                name=HOSTILE,
                cities=["Köln"],
                sectors=["health"],
                description=HOSTILE_TEXT,
            ),
        ],
        orgs=[
            org(
                "alpha",
                name="Alpha Logistik GmbH",
                city="Dortmund",
                sectors=["logistics"],
                memberships=[member("dortmund", "2016-11-17", role="operator")],
            ),
            org(
                "beta",
                name="Beta AG",
                kind="corporate",
                city="Köln",
                memberships=[
                    member("dortmund", "2017", until="2019-06"),
                    {"hub": "jena", "first_seen": "2024-09"},
                ],
            ),
            org(
                "evil",
                name=HOSTILE,
                kind="sme",
                city=HOSTILE,
                sectors=["logistics", "health"],
                memberships=[
                    member("dortmund", "2018-04-02"),
                    {"hub": "koeln", "first_seen": "2018-04", "last_seen": "2020"},
                ],
            ),
            org(
                "gamma",
                name="Gamma Universität",
                kind="university",
                sectors=["health"],
                memberships=[{"hub": "hamburg", "role": "partner"}],
            ),
            org(
                "delta",
                name="Delta Hafen e.V.",
                kind="association",
                memberships=[member("hamburg", "2017-03", role="operator")],
            ),
        ],
    )


def site_dataset(root: Path) -> Dataset:
    loaded = dehub_cli.load(site_registry(root), use_cache=False)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    assert not errors, errors
    return build_dataset(loaded.registry, today=TODAY, commit=None, source="https://example.org/r")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return site_dataset(tmp_path_factory.mktemp("registry"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> tuple[Path, SiteBuild]:
    """The site of :func:`site_registry`, without a base URL (every link relative)."""
    out = tmp_path_factory.mktemp("site") / "_site"
    return out, build_site(dataset, out, SiteOptions())


@pytest.fixture(scope="module")
def site(built: tuple[Path, SiteBuild]) -> Path:
    return built[0]
