"""``dehub_cli.query.links``: bridges, shared members, and the nodes and edges of the graph."""

from __future__ import annotations

import datetime as dt

import dehub_cli
from dehub_cli import Registry
from dehub_cli.query.links import build_links
from dehub_cli.render import GraphEdge, GraphNode
from tests.helpers import RegistryFactory, hub, member, org

TODAY = dt.date(2030, 1, 1)


def test_bridges_and_pairs_today(registry: Registry) -> None:
    links = build_links(registry, TODAY)
    assert [(bridge.id, bridge.hubs) for bridge in links.bridges] == [
        ("beta", ("berlin", "koeln")),
        ("eta", ("dortmund", "hamburg")),
        ("gamma", ("dortmund", "hamburg")),
    ]
    assert [pair.to_dict() for pair in links.pairs] == [
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
    ]


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


def test_graph_nodes_and_edges(registry: Registry) -> None:
    links = build_links(registry, TODAY)
    hubs = [node.id for node in links.nodes if node.type == "hub"]
    orgs = [node.id for node in links.nodes if node.type == "org"]
    assert hubs == ["hub:berlin", "hub:dortmund", "hub:hamburg", "hub:koeln", "hub:nuernberg"]
    assert orgs == [
        "org:alpha",
        "org:beta",
        "org:bp",
        "org:epsilon",
        "org:eta",
        "org:gamma",
    ]
    assert len(links.edges) == 9
    assert GraphEdge("org:gamma", "hub:dortmund", "partner") in links.edges
    assert GraphEdge("org:bp", "hub:berlin", "operator") in links.edges


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


def test_to_data_shape(registry: Registry) -> None:
    data = build_links(registry, TODAY).to_data()
    assert list(data) == ["as_of", "nodes", "edges", "bridges", "pairs"]
    assert data["as_of"] == "2030-01-01"
    assert data["nodes"][0] == {
        "id": "hub:berlin",
        "type": "hub",
        "label": "IoT & FinTech Hub Berlin",
    }
    assert data["bridges"][0] == {
        "id": "beta",
        "name": "Beta Versicherung AG",
        "kind": "corporate",
        "hubs": ["berlin", "koeln"],
        "hub_count": 2,
    }
