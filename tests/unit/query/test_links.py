"""``dehub_cli.query.links``: bridges, shared members, and the nodes and edges of the graph."""

from __future__ import annotations

import datetime as dt

import dehub_cli
from dehub_cli import Registry
from dehub_cli.query.links import build_links
from dehub_cli.render import GraphEdge, GraphNode
from tests.helpers import RegistryFactory, hub, member, org

TODAY = dt.date(2030, 1, 1)


def test_the_graph_bridges_and_pairs_today(registry: Registry) -> None:
    def node(kind: str, record_id: str, label: str) -> dict[str, str]:
        return {"id": f"{kind}:{record_id}", "type": kind, "label": label}

    def edge(org_id: str, hub_id: str, role: str) -> dict[str, str]:
        return {"source": f"org:{org_id}", "target": f"hub:{hub_id}", "role": role}

    assert build_links(registry, TODAY).to_data() == {
        "as_of": "2030-01-01",
        "nodes": [
            node("hub", "berlin", "IoT & FinTech Hub Berlin"),
            node("hub", "dortmund", "Logistics Hub Dortmund"),
            node("hub", "hamburg", "Logistics Hub Hamburg"),
            node("hub", "koeln", "InsurTech Hub Köln"),
            node("hub", "nuernberg", "Digital Health Hub Nürnberg"),
            node("org", "alpha", "Alpha Payments GmbH"),
            node("org", "beta", "Beta Versicherung AG"),
            node("org", "bp", "Berlin Partner"),
            node("org", "epsilon", "Epsilon Med"),
            node("org", "eta", "Eta Logistik Institut"),
            node("org", "gamma", "Gamma Universität"),
        ],
        "edges": [
            edge("alpha", "berlin", "member"),
            edge("beta", "koeln", "member"),
            edge("beta", "berlin", "member"),
            edge("bp", "berlin", "operator"),
            edge("epsilon", "nuernberg", "member"),
            edge("eta", "dortmund", "operator"),
            edge("eta", "hamburg", "member"),
            edge("gamma", "hamburg", "operator"),
            edge("gamma", "dortmund", "partner"),
        ],
        "bridges": [
            {
                "id": "beta",
                "name": "Beta Versicherung AG",
                "kind": "corporate",
                "hubs": ["berlin", "koeln"],
                "hub_count": 2,
            },
            {
                "id": "eta",
                "name": "Eta Logistik Institut",
                "kind": "research",
                "hubs": ["dortmund", "hamburg"],
                "hub_count": 2,
            },
            {
                "id": "gamma",
                "name": "Gamma Universität",
                "kind": "university",
                "hubs": ["dortmund", "hamburg"],
                "hub_count": 2,
            },
        ],
        "pairs": [
            {
                "id": "dortmund+hamburg",
                "hub_a": "dortmund",
                "hub_b": "hamburg",
                "shared": 2,
                "members": ["eta", "gamma"],
            },
            {
                "id": "berlin+koeln",
                "hub_a": "berlin",
                "hub_b": "koeln",
                "shared": 1,
                "members": ["beta"],
            },
        ],
    }


def test_all_time_includes_former_memberships(registry: Registry) -> None:
    links = build_links(registry, None)
    assert [bridge.id for bridge in links.bridges] == ["beta", "epsilon", "eta", "gamma"]
    assert {pair.id: len(pair.members) for pair in links.pairs} == {
        "dortmund+hamburg": 2,
        "berlin+koeln": 1,
        "hamburg+nuernberg": 1,
    }


def test_earlier_day(registry: Registry) -> None:
    links = build_links(registry, dt.date(2018, 3, 31))
    assert [bridge.id for bridge in links.bridges] == ["beta", "eta"]
    assert {pair.id: len(pair.members) for pair in links.pairs} == {
        "berlin+koeln": 1,
        "dortmund+hamburg": 1,
    }


def test_repeated_membership_gives_one_edge_and_unknown_hub_a_node(
    make_registry: RegistryFactory,
) -> None:
    data = make_registry(
        hubs=[hub("berlin")],
        orgs=[
            org(
                "again",
                memberships=[
                    member("berlin", "2017", until="2018"),
                    member("berlin", "2020"),
                    member("nowhere", "2017"),
                ],
            )
        ],
    )
    links = build_links(dehub_cli.load(data, use_cache=False).registry, None)
    assert links.edges == [
        GraphEdge("org:again", "hub:berlin", "member"),
        GraphEdge("org:again", "hub:nowhere", "member"),
    ]
    assert GraphNode("hub:nowhere", "hub", "nowhere") in links.nodes
