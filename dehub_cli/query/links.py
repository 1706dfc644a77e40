"""``dehub links``: the hub-organisation network, its bridges and shared members. Pure.

Node ids carry their type (``hub:koeln``, ``org:allianz``) because hub and organisation
ids live in separate namespaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from dehub_cli.registry import Registry, membership_active
from dehub_cli.render import Column, Graph, GraphEdge, GraphNode, Section, Table
from dehub_cli.textnorm import plural


@dataclass(frozen=True, slots=True)
class Bridge:
    """An organisation that belongs to two or more hubs."""

    id: str
    name: str
    kind: str
    hubs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "hubs": list(self.hubs),
            "hub_count": len(self.hubs),
        }


@dataclass(frozen=True, slots=True)
class HubPair:
    """Two hubs and the organisations they share."""

    hub_a: str
    hub_b: str
    members: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.hub_a}+{self.hub_b}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hub_a": self.hub_a,
            "hub_b": self.hub_b,
            "shared": len(self.members),
            "members": list(self.members),
        }


def hub_node(hub_id: str) -> str:
    return f"hub:{hub_id}"


def org_node(org_id: str) -> str:
    return f"org:{org_id}"


@dataclass
class Links:
    """The network on one day (or over all time when ``day`` is None)."""

    day: dt.date | None
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    bridges: list[Bridge]
    pairs: list[HubPair]

    def to_data(self) -> dict[str, Any]:
        return {
            "as_of": self.day.isoformat() if self.day is not None else None,
            "nodes": [{"id": n.id, "type": n.type, "label": n.label} for n in self.nodes],
            "edges": [{"source": e.source, "target": e.target, "role": e.role} for e in self.edges],
            "bridges": [bridge.to_dict() for bridge in self.bridges],
            "pairs": [pair.to_dict() for pair in self.pairs],
        }

    def graph(self) -> Graph:
        """Hubs and organisations as nodes, memberships (one per role) as edges."""
        return Graph(self.nodes, self.edges)

    def tables(self) -> list[Table | Section]:
        when = f"as of {self.day.isoformat()}" if self.day is not None else "all time"
        return [
            Table(
                [
                    Column("id", "ID", kind="id"),
                    Column("name", "Name"),
                    Column("hubs", "Hubs", kind="id"),
                ],
                [bridge.to_dict() for bridge in self.bridges],
                title="Organisations in two or more hubs",
                caption=f"{plural(len(self.bridges), 'bridge')}, {when}",
            ),
            Table(
                [
                    Column("hub_a", "Hub A", kind="id"),
                    Column("hub_b", "Hub B", kind="id"),
                    Column("shared", "Shared members", numeric=True, short="Shared"),
                ],
                [pair.to_dict() for pair in self.pairs],
                title="Hub pairs with shared members",
                caption=f"{plural(len(self.pairs), 'pair')}, {when}",
            ),
        ]


def build_links(registry: Registry, day: dt.date | None) -> Links:
    """Memberships active on ``day`` (every one when None) as a graph, bridges and pairs."""
    nodes = [
        GraphNode(hub_node(hub_id), "hub", registry.hubs[hub_id].name)
        for hub_id in sorted(registry.hubs)
    ]
    edges: list[GraphEdge] = []
    bridges: list[Bridge] = []
    shared: dict[tuple[str, str], list[str]] = {}
    for org_id in sorted(registry.orgs):
        org = registry.orgs[org_id]
        hubs: list[str] = []
        seen: set[tuple[str, str]] = set()
        for membership in org.memberships:
            if day is not None and not membership_active(membership, day):
                continue
            if membership.hub not in hubs:
                hubs.append(membership.hub)
            link = (membership.hub, membership.role.value)
            if link not in seen:
                seen.add(link)
                edges.append(GraphEdge(org_node(org_id), hub_node(membership.hub), link[1]))
        if not hubs:
            continue
        nodes.append(GraphNode(org_node(org_id), "org", org.name))
        if len(hubs) < 2:
            continue
        hubs.sort()
        bridges.append(Bridge(org_id, org.name, org.kind.value, tuple(hubs)))
        for pair in combinations(hubs, 2):
            shared.setdefault(pair, []).append(org_id)
    dangling = sorted({edge.target for edge in edges} - {hub_node(h) for h in registry.hubs})
    nodes += [GraphNode(target, "hub", target.removeprefix("hub:")) for target in dangling]
    bridges.sort(key=lambda bridge: (-len(bridge.hubs), bridge.id))
    pairs = [HubPair(a, b, tuple(sorted(members))) for (a, b), members in shared.items()]
    pairs.sort(key=lambda pair: (-len(pair.members), pair.hub_a, pair.hub_b))
    return Links(day, nodes, edges, bridges, pairs)
