"""A stand-in for ``dehub_cli.export.dataset`` until it lands: fixed documents in the
shapes of /work/notes/API-SPEC.md. Temporary; replaced by ``build_dataset`` on a registry."""

from __future__ import annotations

from typing import Any

HOSTILE = '<script>alert(1)</script>\n=cmd|"/c calc"'

SOURCE = {"url": "https://example.org/source", "title": "Test source", "date": "2018-03-27"}


def _membership(
    org: str, org_name: str, kind: str, hub: str, hub_name: str, **kw: Any
) -> dict[str, Any]:
    record = {
        "org": org,
        "org_name": org_name,
        "org_kind": kind,
        "hub": hub,
        "hub_name": hub_name,
        "role": "member",
        "start": "2017-01-01",
        "start_stated": True,
        "end": None,
        "end_stated": None,
        "active": True,
        "sources": [SOURCE],
    }
    record.update(kw)
    return record


class StandInDataset:
    def __init__(self) -> None:
        ms = [
            _membership(
                "alpha",
                "Alpha GmbH",
                "startup",
                "dortmund",
                "Digital Hub Logistics Dortmund",
                role="operator",
                start="2016-11-17",
            ),
            _membership(
                "evil",
                HOSTILE,
                "sme",
                "dortmund",
                "Digital Hub Logistics Dortmund",
                start="2018-04",
                start_stated=False,
            ),
            _membership(
                "beta",
                "Beta AG",
                "corporate",
                "dortmund",
                "Digital Hub Logistics Dortmund",
                start="2017",
                end="2019-06",
                end_stated=True,
                active=False,
            ),
            _membership(
                "beta",
                "Beta AG",
                "corporate",
                "jena",
                "Jena Hub",
                start=None,
                start_stated=None,
                active=False,
            ),
        ]
        self._hubs = {
            "dortmund": {
                "id": "dortmund",
                "name": "Digital Hub Logistics Dortmund",
                "cities": [
                    {"name": "Dortmund", "land": "DE-NW", "latitude": 51.51494, "longitude": 7.466}
                ],
                "laender": ["DE-NW"],
                "announced": "2016-11-17",
                "sectors": ["logistics"],
                "members": 2,
                "operators": ["alpha"],
                "twins": [],
                "website": "https://example.org/dortmund",
                "description": "A hub.",
                "sector_history": [
                    {
                        "sector": "logistics",
                        "name": "Logistics",
                        "name_de": "Logistik",
                        "since": None,
                        "until": None,
                    }
                ],
                "memberships": ms[:3],
                "sources": [SOURCE],
            },
            "jena": {
                "id": "jena",
                "name": "Jena Hub",
                "cities": [],
                "laender": ["DE-TH"],
                "announced": "2024-09-17",
                "sectors": ["logistics"],
                "members": 0,
                "operators": [],
                "twins": [],
                "website": None,
                "description": None,
                "sector_history": [
                    {
                        "sector": "logistics",
                        "name": "Logistics",
                        "name_de": "Logistik",
                        "since": None,
                        "until": None,
                    }
                ],
                "memberships": ms[3:],
                "sources": [SOURCE],
            },
        }
        summary_keys = [
            "id",
            "name",
            "cities",
            "laender",
            "announced",
            "sectors",
            "members",
            "operators",
            "twins",
        ]
        self.hubs = [{k: h[k] for k in summary_keys} for h in self._hubs.values()]
        orgs = {
            "alpha": ("Alpha GmbH", "startup", "Dortmund", ["logistics"]),
            "beta": ("Beta AG", "corporate", "Köln", []),
            "evil": (HOSTILE, "sme", HOSTILE, ["logistics"]),
        }
        self._orgs: dict[str, dict[str, Any]] = {}
        for org_id, (name, kind, city, sectors) in orgs.items():
            mine = [m for m in ms if m["org"] == org_id]
            self._orgs[org_id] = {
                "id": org_id,
                "name": name,
                "kind": kind,
                "city": city,
                "sectors": sectors,
                "hubs": sorted({m["hub"] for m in mine if m["active"]}),
                "memberships": mine,
                "website": None,
                "founded": None,
                "description": None,
                "identifiers": [],
                "sources": [SOURCE],
            }
        self.orgs = [
            {
                **{k: o[k] for k in ["id", "name", "kind", "city", "sectors", "hubs"]},
                "memberships": [
                    {
                        k: m[k]
                        for k in [
                            "hub",
                            "role",
                            "start",
                            "start_stated",
                            "end",
                            "end_stated",
                            "active",
                        ]
                    }
                    for m in o["memberships"]
                ],
            }
            for o in self._orgs.values()
        ]
        self.sectors = [
            {
                "id": "logistics",
                "name": "Logistics",
                "name_de": "Logistik",
                "aliases": [],
                "hubs": ["dortmund", "jena"],
                "organisations": 2,
            }
        ]
        groups = {
            "startups": 1,
            "companies": 1,
            "universities": 0,
            "research": 0,
            "investors": 0,
            "others": 0,
            "organisations": 2,
        }
        self.stats = {
            "as_of": "2026-11-28",
            "filter": {"hub": None, "sector": None},
            "summary": "As of 28 Nov 2026: 1 startup, 1 company and 0 universities in 2 hubs.",
            "years": [
                {
                    "year": 2016,
                    "as_of": "2016-12-31",
                    "hubs": 1,
                    **groups,
                    "organisations": 1,
                    "joined": 1,
                    "left": 0,
                },
                {"year": 2017, "as_of": "2017-12-31", "hubs": 1, **groups, "joined": 1, "left": 0},
                {"year": 2026, "as_of": "2026-11-28", "hubs": 2, **groups, "joined": 0, "left": 0},
            ],
            "totals": {"hubs": 2, **groups},
            "hubs": [{"id": "dortmund", "name": "Digital Hub Logistics Dortmund", **groups}],
            "sectors": [{"id": "logistics", "name": "Logistics", **groups}],
            "published": [
                {
                    "date": "2024-04-29",
                    "text": "12 de:hubs with more than 6,000 start-ups",
                    "figures": {
                        "hubs": {
                            "qualifier": None,
                            "published": 12,
                            "registry": 1,
                            "coverage": 8.3,
                        },
                        "startups": {
                            "qualifier": "at_least",
                            "published": 6000,
                            "registry": 1,
                            "coverage": 0.0,
                        },
                    },
                }
            ],
        }
        self.changes = [
            {
                "date": "2019-06",
                "type": "left",
                "org": "beta",
                "org_name": "Beta AG",
                "hub": "dortmund",
                "hub_name": "Digital Hub Logistics Dortmund",
                "role": "member",
            },
            {
                "date": "2018-04",
                "type": "first_recorded",
                "org": "evil",
                "org_name": HOSTILE,
                "hub": "dortmund",
                "hub_name": "Digital Hub Logistics Dortmund",
                "role": "member",
            },
            {
                "date": "2017",
                "type": "joined",
                "org": "beta",
                "org_name": "Beta AG",
                "hub": "dortmund",
                "hub_name": "Digital Hub Logistics Dortmund",
                "role": "member",
            },
            {
                "date": "2016-11-17",
                "type": "joined",
                "org": "alpha",
                "org_name": "Alpha GmbH",
                "hub": "dortmund",
                "hub_name": "Digital Hub Logistics Dortmund",
                "role": "operator",
            },
        ]
        self.index = {
            "schema_version": 1,
            "title": "de:hub registry",
            "as_of": "2026-11-28",
            "commit": None,
            "license": "CC BY 4.0",
            "source": "https://example.org/registry",
            "counts": {"hubs": 2, "organisations": 3, "memberships": 4, "sectors": 1},
            "documents": {
                "hubs": "hubs.json",
                "hub": "hubs/{id}.json",
                "orgs": "orgs.json",
                "org": "orgs/{id}.json",
                "sectors": "sectors.json",
                "stats": "stats.json",
            },
        }

    def hub(self, hub_id: str) -> dict[str, Any]:
        return self._hubs[hub_id]

    def org(self, org_id: str) -> dict[str, Any]:
        return self._orgs[org_id]

    def documents(self) -> dict[str, Any]:
        docs: dict[str, Any] = {
            "index.json": self.index,
            "hubs.json": self.hubs,
            "orgs.json": self.orgs,
            "sectors.json": self.sectors,
            "stats.json": self.stats,
        }
        docs.update({f"hubs/{h}.json": d for h, d in self._hubs.items()})
        docs.update({f"orgs/{o}.json": d for o, d in self._orgs.items()})
        return docs
