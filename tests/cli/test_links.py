"""``dehub links``: what the command adds to ``query.links``: the day, formats, errors.

The graph, bridges and pairs are pinned in tests/unit/query/test_links.py, the escaping of
DOT and Mermaid in tests/unit/render/test_graph.py; here the exports are pinned whole.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import dehub_cli
from tests.helpers import ANSI, run


def network(known_data: Path, *args: str) -> dict[str, Any]:
    result = run("links", *args, "--data", str(known_data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    links: dict[str, Any] = json.loads(result.stdout)
    return links


@pytest.mark.parametrize(
    ("args", "day"),
    [
        ([], dt.date.today()),
        (["--as-of", "2018-03"], dt.date(2018, 3, 31)),
        (["--as-of", "2019"], dt.date(2019, 12, 31)),
        (["--all"], None),
    ],
)
def test_json_is_the_links_of_that_day(
    known_data: Path, args: list[str], day: dt.date | None
) -> None:
    expected = dehub_cli.build_links(dehub_cli.load(known_data).registry, day).to_data()
    assert network(known_data, *args) == expected


def test_table_shows_bridges_and_pairs(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Organisations in two or more hubs\n"
        "ID    | Name                  | Hubs\n"
        "------+-----------------------+------------------\n"
        "beta  | Beta Versicherung AG  | berlin, koeln\n"
        "eta   | Eta Logistik Institut | dortmund, hamburg\n"
        "gamma | Gamma Universität     | dortmund, hamburg\n"
        "3 bridges, as of 2030-12-31\n"
        "\n"
        "Hub pairs with shared members\n"
        "Hub A    | Hub B   | Shared members\n"
        "---------+---------+---------------\n"
        "dortmund | hamburg |              2\n"
        "berlin   | koeln   |              1\n"
        "2 pairs, as of 2030-12-31\n"
    )


def test_csv_is_the_bridges(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "csv", "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "id,name,hubs",
        "beta,Beta Versicherung AG,berlin; koeln",
        "eta,Eta Logistik Institut,dortmund; hamburg",
        "gamma,Gamma Universität,dortmund; hamburg",
    ]


def test_dot(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "dot", "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    hub = "shape=box, style=filled, fillcolor=lightblue"
    assert result.stdout.splitlines() == [
        "graph dehub {",
        "  graph [rankdir=LR, overlap=false];",
        '  node [fontname="Helvetica"];',
        f'  "hub:berlin" [label="IoT & FinTech Hub Berlin", {hub}];',
        f'  "hub:dortmund" [label="Logistics Hub Dortmund", {hub}];',
        f'  "hub:hamburg" [label="Logistics Hub Hamburg", {hub}];',
        f'  "hub:koeln" [label="InsurTech Hub Köln", {hub}];',
        f'  "hub:nuernberg" [label="Digital Health Hub Nürnberg", {hub}];',
        '  "org:alpha" [label="Alpha Payments GmbH", shape=ellipse];',
        '  "org:beta" [label="Beta Versicherung AG", shape=ellipse];',
        '  "org:bp" [label="Berlin Partner", shape=ellipse];',
        '  "org:epsilon" [label="Epsilon Med", shape=ellipse];',
        '  "org:eta" [label="Eta Logistik Institut", shape=ellipse];',
        '  "org:gamma" [label="Gamma Universität", shape=ellipse];',
        '  "org:alpha" -- "hub:berlin" [label="member"];',
        '  "org:beta" -- "hub:koeln" [label="member"];',
        '  "org:beta" -- "hub:berlin" [label="member"];',
        '  "org:bp" -- "hub:berlin" [label="operator"];',
        '  "org:epsilon" -- "hub:nuernberg" [label="member"];',
        '  "org:eta" -- "hub:dortmund" [label="operator"];',
        '  "org:eta" -- "hub:hamburg" [label="member"];',
        '  "org:gamma" -- "hub:hamburg" [label="operator"];',
        '  "org:gamma" -- "hub:dortmund" [label="partner"];',
        "}",
    ]


def test_mermaid(known_data: Path) -> None:
    result = run("links", "--data", str(known_data), "--format", "mermaid", "--as-of", "2030")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "graph LR",
        '  hub_berlin(["IoT & FinTech Hub Berlin"])',
        '  hub_dortmund(["Logistics Hub Dortmund"])',
        '  hub_hamburg(["Logistics Hub Hamburg"])',
        '  hub_koeln(["InsurTech Hub Köln"])',
        '  hub_nuernberg(["Digital Health Hub Nürnberg"])',
        '  org_alpha["Alpha Payments GmbH"]',
        '  org_beta["Beta Versicherung AG"]',
        '  org_bp["Berlin Partner"]',
        '  org_epsilon["Epsilon Med"]',
        '  org_eta["Eta Logistik Institut"]',
        '  org_gamma["Gamma Universität"]',
        "  org_alpha ---|member| hub_berlin",
        "  org_beta ---|member| hub_koeln",
        "  org_beta ---|member| hub_berlin",
        "  org_bp ---|operator| hub_berlin",
        "  org_epsilon ---|member| hub_nuernberg",
        "  org_eta ---|operator| hub_dortmund",
        "  org_eta ---|member| hub_hamburg",
        "  org_gamma ---|operator| hub_hamburg",
        "  org_gamma ---|partner| hub_dortmund",
    ]


def test_yaml_equals_json(known_data: Path) -> None:
    as_yaml = run("links", "--data", str(known_data), "--format", "yaml")
    assert (as_yaml.exit_code, as_yaml.stderr) == (0, "")
    assert yaml.safe_load(as_yaml.stdout) == network(known_data)


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml", "markdown", "table", "dot", "mermaid"])
def test_no_escape_codes(known_data: Path, fmt: str) -> None:
    result = run("links", "--data", str(known_data), "--format", fmt)
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--format", "mermaidd"], "unknown format 'mermaidd'", "did you mean 'mermaid'?"),
        (
            ["--all", "--as-of", "2018"],
            "--all and --as-of exclude each other",
            "--all is every day, --as-of one day",
        ),
    ],
)
def test_usage_errors(known_data: Path, args: list[str], message: str, hint: str) -> None:
    result = run("links", "--data", str(known_data), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\nhint: {hint}\n"
