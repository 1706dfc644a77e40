"""``dehub links``: bridges, shared members and the graph exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ANSI, RegistryFactory, hub, member, org, run


def network(known_data: Path, *args: str) -> dict[str, Any]:
    result = run("links", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    links: dict[str, Any] = json.loads(result.stdout)
    return links


def test_bridges_and_pairs(known_data: Path) -> None:
    links = network(known_data)
    assert [(b["id"], b["hubs"]) for b in links["bridges"]] == [
        ("beta", ["berlin", "koeln"]),
        ("eta", ["dortmund", "hamburg"]),
        ("gamma", ["dortmund", "hamburg"]),
    ]
    assert [(p["hub_a"], p["hub_b"], p["shared"]) for p in links["pairs"]] == [
        ("dortmund", "hamburg", 2),
        ("berlin", "koeln", 1),
    ]


def test_nodes_and_edges(known_data: Path) -> None:
    links = network(known_data)
    assert len([n for n in links["nodes"] if n["type"] == "hub"]) == 5
    assert len([n for n in links["nodes"] if n["type"] == "org"]) == 6
    assert {"source": "org:gamma", "target": "hub:hamburg", "role": "operator"} in links["edges"]
    assert len(links["edges"]) == 9
    assert all(set(node) == {"id", "type", "label"} for node in links["nodes"])


def test_all_and_as_of(known_data: Path) -> None:
    assert [b["id"] for b in network(known_data, "--all")["bridges"]] == [
        "beta",
        "epsilon",
        "eta",
        "gamma",
    ]
    earlier = network(known_data, "--as-of", "2018-03")
    assert [b["id"] for b in earlier["bridges"]] == ["beta", "eta"]
    assert earlier["as_of"] == "2018-03-31"


def test_dot(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "dot")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "graph dehub {"
    assert lines[-1] == "}"
    assert '  "org:gamma" -- "hub:hamburg" [label="operator"];' in lines
    assert (
        '  "hub:koeln" [label="InsurTech Hub Köln", shape=box, style=filled, fillcolor=lightblue];'
        in lines
    )


def test_mermaid(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "mermaid")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "graph LR"
    assert "  org_gamma ---|operator| hub_hamburg" in lines
    assert '  hub_koeln(["InsurTech Hub Köln"])' in lines


def test_quotes_in_names_are_escaped(make_registry: RegistryFactory) -> None:
    data = make_registry(
        hubs=[hub("berlin", name='The "Berlin" Hub')],
        orgs=[org("a", name='Say "hi"', memberships=[member("berlin")])],
    )
    dot = run("links", "--data", str(data), "--format", "dot").stdout
    assert '"hub:berlin" [label="The \\"Berlin\\" Hub"' in dot
    mermaid = run("links", "--data", str(data), "--format", "mermaid").stdout
    assert 'org_a["Say #quot;hi#quot;"]' in mermaid


def test_table_shows_both_tables(known_data: Path) -> None:
    result = run("links", "--data", str(known_data))
    assert result.exit_code == 0
    assert "Organisations in two or more hubs" in result.stdout
    assert "Hub pairs with shared members" in result.stdout


def test_csv_is_the_bridges(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "name", "hubs"]
    assert rows[1] == ["beta", "Beta Versicherung AG", "berlin; koeln"]


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("links", "--data", str(known_data), "--format", "yaml")
    assert yaml.safe_load(as_yaml.stdout) == network(known_data)


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table", "dot", "mermaid"])
def test_no_escape_codes(known_data: Path, fmt: str) -> None:
    result = run("links", "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)


def test_unknown_format(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "mermaidd")
    assert result.exit_code == 2
    assert "hint: did you mean 'mermaid'?" in result.stderr


def test_all_with_as_of_is_a_usage_error(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--all", "--as-of", "2018")
    assert result.exit_code == 2
