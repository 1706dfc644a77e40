"""``dehub_cli.render.graph``: DOT and Mermaid, with names escaped and ids made safe."""

from __future__ import annotations

from dehub_cli.render import GraphEdge, GraphNode
from dehub_cli.render.graph import mermaid_id, to_dot, to_mermaid

NODES = [
    GraphNode("hub:koeln", "hub", 'InsurTech "Hub" Köln'),
    GraphNode("org:a-b", "org", "A\\B #1 <x>"),
]


EDGES = [GraphEdge("org:a-b", "hub:koeln", "member")]


def test_dot_escapes_quotes_and_backslashes() -> None:
    assert to_dot(NODES, EDGES) == (
        "graph dehub {\n"
        "  graph [rankdir=LR, overlap=false];\n"
        '  node [fontname="Helvetica"];\n'
        '  "hub:koeln" [label="InsurTech \\"Hub\\" Köln", shape=box, style=filled, '
        "fillcolor=lightblue];\n"
        '  "org:a-b" [label="A\\\\B #1 <x>", shape=ellipse];\n'
        '  "org:a-b" -- "hub:koeln" [label="member"];\n'
        "}\n"
    )


def test_mermaid_escapes_and_safe_ids() -> None:
    assert to_mermaid(NODES, EDGES) == (
        "graph LR\n"
        '  hub_koeln(["InsurTech #quot;Hub#quot; Köln"])\n'
        '  org_a_b["A\\B #35;1 #lt;x#gt;"]\n'
        "  org_a_b ---|member| hub_koeln\n"
    )
    assert mermaid_id("hub:frankfurt-darmstadt") == "hub_frankfurt_darmstadt"
