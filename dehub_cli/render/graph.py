"""The hub-organisation graph as Graphviz DOT or Mermaid text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from dehub_cli.render import GraphEdge, GraphNode, RenderOptions
from dehub_cli.textnorm import escape_controls

_NOT_MERMAID_ID = re.compile(r"[^A-Za-z0-9_]")


def render_dot(result: Any, options: RenderOptions) -> str:
    """The ``dot`` format: ``result.graph()`` for Graphviz."""
    graph = result.graph()
    return to_dot(graph.nodes, graph.edges)


def render_mermaid(result: Any, options: RenderOptions) -> str:
    """The ``mermaid`` format: ``result.graph()`` as a Mermaid flowchart."""
    graph = result.graph()
    return to_mermaid(graph.nodes, graph.edges)


def _dot_string(text: str) -> str:
    """``text`` as a double-quoted DOT string; line breaks as DOT's ``\\n``."""
    escaped = escape_controls(text, keep="\r\n").replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def to_dot(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> str:
    """An undirected Graphviz graph: hubs as boxes, organisations as ellipses."""
    lines = [
        "graph dehub {",
        "  graph [rankdir=LR, overlap=false];",
        '  node [fontname="Helvetica"];',
    ]
    for node in nodes:
        shape = "box, style=filled, fillcolor=lightblue" if node.type == "hub" else "ellipse"
        lines.append(f"  {_dot_string(node.id)} [label={_dot_string(node.label)}, shape={shape}];")
    for edge in edges:
        lines.append(
            f"  {_dot_string(edge.source)} -- {_dot_string(edge.target)}"
            f" [label={_dot_string(edge.role)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def mermaid_id(node_id: str) -> str:
    """A Mermaid node id: ``hub:frankfurt-darmstadt`` -> ``hub_frankfurt_darmstadt``."""
    return _NOT_MERMAID_ID.sub("_", node_id)


def _mermaid_text(text: str) -> str:
    """``text`` for a double-quoted Mermaid label (entity codes for ``# " < > ` ``)."""
    text = text.replace("#", "#35;").replace('"', "#quot;").replace("`", "#96;")
    text = text.replace("<", "#lt;").replace(">", "#gt;")
    return escape_controls(" ".join(text.split()))


def to_mermaid(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge]) -> str:
    """A Mermaid flowchart: hubs as stadiums, organisations as boxes, roles on the edges."""
    lines = ["graph LR"]
    for node in nodes:
        label = f'"{_mermaid_text(node.label)}"'
        shape = f"([{label}])" if node.type == "hub" else f"[{label}]"
        lines.append(f"  {mermaid_id(node.id)}{shape}")
    for edge in edges:
        lines.append(
            f"  {mermaid_id(edge.source)} ---|{_mermaid_text(edge.role)}| {mermaid_id(edge.target)}"
        )
    return "\n".join(lines) + "\n"
