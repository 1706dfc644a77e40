"""The documents of the published data, exactly, for a small hand-built registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dehub_cli.cli import common
from dehub_cli.export.dataset import Dataset, build_dataset
from dehub_cli.registry import Registry
from tests.export.small_registry import FORMULA, TODAY
from tests.helpers import run

SOURCE = {"url": "https://example.org/source", "title": "Test source", "date": "2018-03-27"}
CLAIM = {"url": "https://example.org/claim", "title": "Claim page", "date": "2017-03"}


def full(org: str, org_name: str, kind: str, hub: str, **fields: Any) -> dict[str, Any]:
    """A membership document; ``fields`` give role, dates, active and sources."""
    document: dict[str, Any] = {
        "org": org,
        "org_name": org_name,
        "org_kind": kind,
        "hub": hub,
        "hub_name": {"alpha": "Hub Alpha", "beta": "Hub Beta"}[hub],
        "role": "member",
        "start": None,
        "start_stated": None,
        "end": None,
        "end_stated": None,
        "active": False,
        "sources": [SOURCE],
        "sources_from": "organisation",
    }
    document.update(fields)
    return document


ACME_ALPHA = full(
    "acme",
    "Acme Ümlaut GmbH",
    "startup",
    "alpha",
    start="2017-03",
    start_stated=True,
    active=True,
    sources=[CLAIM],
    sources_from="membership",
)
ACME_BETA = full(
    "acme",
    "Acme Ümlaut GmbH",
    "startup",
    "beta",
    start="2018",
    start_stated=False,
    end="2018-06",
    end_stated=False,
)
FORMULA_ALPHA = full(
    "formula",
    FORMULA,
    "sme",
    "alpha",
    role="operator",
    start="2018-01-01",
    start_stated=True,
    end="2020",
    end_stated=True,
    active=True,
)
MULTILINE_BETA = full("multiline", "Line one Line two", "university", "beta", role="partner")
UNI_BETA = full(
    "uni",
    "Uni Köln",
    "university",
    "beta",
    start="2017-04",
    start_stated=True,
    end="2018-12-31",
    end_stated=True,
)
COMPACT_KEYS = ("hub", "role", "start", "start_stated", "end", "end_stated", "active")


def compact(document: dict[str, Any]) -> dict[str, Any]:
    return {key: document[key] for key in COMPACT_KEYS}


HUB_ALPHA = {
    "id": "alpha",
    "name": "Hub Alpha",
    "cities": [{"name": "Köln", "land": "DE-NW", "latitude": 50.93333, "longitude": 6.95}],
    "laender": ["DE-NW"],
    "announced": "2016-11-17",
    "sectors": ["fintech"],
    "members": 2,
    "operators": ["formula"],
    "twins": ["beta"],
}
HUB_BETA = {
    "id": "beta",
    "name": "Hub Beta",
    "cities": [{"name": "Beta", "land": None, "latitude": None, "longitude": None}],
    "laender": [],
    "announced": "2017-04",
    "sectors": ["fintech"],
    "members": 0,
    "operators": [],
    "twins": ["alpha"],
}
ORG_ACME = {
    "id": "acme",
    "name": "Acme Ümlaut GmbH",
    "kind": "startup",
    "city": "Köln",
    "sectors": ["fintech", "iot"],
    "hubs": ["alpha"],
    "memberships": [compact(ACME_ALPHA), compact(ACME_BETA)],
}


def test_index(dataset: Dataset) -> None:
    assert dataset.index == {
        "schema_version": 1,
        "title": "de:hub registry",
        "as_of": "2019-03-01",
        "commit": "0123abc",
        "license": None,
        "source": None,
        "counts": {"hubs": 2, "organisations": 4, "memberships": 5, "sectors": 4},
        "documents": {
            "hubs": "hubs.json",
            "hub": "hubs/{id}.json",
            "orgs": "orgs.json",
            "org": "orgs/{id}.json",
            "sectors": "sectors.json",
            "stats": "stats.json",
        },
    }


def test_license_and_source_as_given(registry: Registry) -> None:
    dataset = build_dataset(
        registry, TODAY, None, license="CC BY 4.0", source="https://example.org/registry"
    )
    assert dataset.index["license"] == "CC BY 4.0"
    assert dataset.index["source"] == "https://example.org/registry"
    assert dataset.index["commit"] is None


def test_hub_summaries(dataset: Dataset) -> None:
    assert dataset.hubs == [HUB_ALPHA, HUB_BETA]


def test_hub_documents_list_every_membership_by_start(dataset: Dataset) -> None:
    assert dataset.hub("alpha") == {
        **HUB_ALPHA,
        "website": "https://alpha.example.org",
        "description": "The alpha hub: FinTech in Köln.",
        "sector_history": [
            {
                "sector": "fintech",
                "name": "FinTech",
                "name_de": "Finanztechnologie",
                "since": None,
                "until": None,
                "active": True,
            },
            {
                "sector": "iot",
                "name": "Internet of Things",
                "name_de": "Internet der Dinge",
                "since": "2018",
                "until": "2018-12",
                "active": False,
            },
        ],
        "memberships": [ACME_ALPHA, FORMULA_ALPHA],
        "sources": [SOURCE],
    }
    # Former members and an unknown start (last) are listed too.
    assert dataset.hub("beta")["memberships"] == [UNI_BETA, ACME_BETA, MULTILINE_BETA]


def test_org_summaries(dataset: Dataset) -> None:
    assert dataset.orgs == [
        ORG_ACME,
        {
            "id": "formula",
            "name": FORMULA,
            "kind": "sme",
            "city": None,
            "sectors": ["fintech"],
            "hubs": ["alpha"],
            "memberships": [compact(FORMULA_ALPHA)],
        },
        {
            "id": "multiline",
            "name": "Line one Line two",
            "kind": "university",
            "city": None,
            "sectors": [],
            "hubs": [],
            "memberships": [compact(MULTILINE_BETA)],
        },
        {
            "id": "uni",
            "name": "Uni Köln",
            "kind": "university",
            "city": None,
            "sectors": [],
            "hubs": [],
            "memberships": [compact(UNI_BETA)],
        },
    ]


def test_org_document(dataset: Dataset) -> None:
    assert dataset.org("acme") == {
        **ORG_ACME,
        "memberships": [ACME_ALPHA, ACME_BETA],
        "website": None,
        "founded": None,
        "description": "Payments for robots.",
        "identifiers": [{"scheme": "wikidata", "id": "Q95"}],
        "sources": [SOURCE],
    }
    assert dataset.org("uni")["founded"] == 1388
    assert dataset.org("uni")["website"] == "https://uni.example.org"


def test_unknown_id_is_a_key_error(dataset: Dataset) -> None:
    with pytest.raises(KeyError):
        dataset.org("nobody")


def test_sectors(dataset: Dataset) -> None:
    assert dataset.sectors == [
        {
            "id": "fintech",
            "name": "FinTech",
            "name_de": "Finanztechnologie",
            "aliases": ["Fin-Tech"],
            "hubs": ["alpha", "beta"],
            "organisations": 2,
        },
        {
            "id": "iot",
            "name": "Internet of Things",
            "name_de": "Internet der Dinge",
            "aliases": ["IoT"],
            "hubs": ["alpha"],
            "organisations": 1,
        },
        {
            "id": "logistics",
            "name": "Logistics",
            "name_de": "Logistik",
            "aliases": [],
            "hubs": [],
            "organisations": 0,
        },
        {
            "id": "insurtech",
            "name": "InsurTech",
            "name_de": "InsurTech",
            "aliases": [],
            "hubs": [],
            "organisations": 0,
        },
    ]


def test_changes_newest_first_up_to_as_of(dataset: Dataset) -> None:
    """formula's 'until: 2020' has not happened on 2019-03-01; multiline's start is unknown."""
    rows = [(c["date"], c["type"], c["org"], c["hub"], c["role"]) for c in dataset.changes]
    assert rows == [
        ("2018-12-31", "left", "uni", "beta", "member"),
        ("2018-06", "last_recorded", "acme", "beta", "member"),
        ("2018-01-01", "joined", "formula", "alpha", "operator"),
        ("2018", "first_recorded", "acme", "beta", "member"),
        ("2017-04", "joined", "uni", "beta", "member"),
        ("2017-03", "joined", "acme", "alpha", "member"),
    ]
    assert dataset.changes[0] == {
        "date": "2018-12-31",
        "type": "left",
        "org": "uni",
        "org_name": "Uni Köln",
        "hub": "beta",
        "hub_name": "Hub Beta",
        "role": "member",
    }


def test_initiative_with_published_sources(dataset: Dataset) -> None:
    assert dataset.initiative == {
        "name": "Digital Hub Initiative",
        "short_name": "de:hub",
        "launched": None,
        "website": None,
        "description": None,
        "published": [
            {
                "date": "2018-03-27",
                "figures": {"hubs": 2, "startups": 4},
                "qualifiers": {"startups": "at_least"},
                "text": "More than 4 startups.",
                "sources": [
                    {"url": "https://example.org/press", "title": None, "date": "2018-03-27"}
                ],
            }
        ],
        "sources": [{"url": "https://example.org/initiative", "title": None, "date": None}],
    }


def test_stats_equal_report_json(
    dataset: Dataset, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)
    result = run("report", "--format", "json", "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert dataset.stats == json.loads(result.stdout)
    assert [row["year"] for row in dataset.stats["years"]] == [2017, 2018, 2019]


def test_documents_name_every_file(dataset: Dataset) -> None:
    assert list(dataset.documents()) == [
        "index.json",
        "hubs.json",
        "orgs.json",
        "sectors.json",
        "stats.json",
        "hubs/alpha.json",
        "hubs/beta.json",
        "orgs/acme.json",
        "orgs/formula.json",
        "orgs/multiline.json",
        "orgs/uni.json",
    ]


def test_same_input_same_documents(registry: Registry, dataset: Dataset) -> None:
    again = build_dataset(registry, today=TODAY, commit="0123abc")
    assert json.dumps(again.documents()) == json.dumps(dataset.documents())
