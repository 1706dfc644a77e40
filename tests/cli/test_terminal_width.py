"""The shipped registry at 40, 60, 80 and 120 columns: exact outputs, nothing whole broken.

The expected outputs live in tests/cli/snapshots/<name>-<width>.txt; after a change to the
data or the layout, look at the difference and rewrite them with
``DEHUB_WRITE_SNAPSHOTS=1 pytest tests/cli/test_terminal_width.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from dehub_cli.cli import common
from tests import query_registry
from tests.helpers import RegistryFactory, run

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).with_name("snapshots")
WIDTHS = (40, 60, 80, 120)
DAY = "2024-12-31"

COMMANDS = {
    "list-hubs": ["list", "--as-of", DAY],
    "list-orgs-dortmund": ["list", "orgs", "--hub", "dortmund", "--as-of", DAY],
    "show-dortmund": ["show", "dortmund", "--as-of", DAY],
    "show-koeln": ["show", "Koln", "--as-of", DAY],
    "report-yearly": ["report"],
    "report-2018": ["report", "--year", "2018"],
    "search-fraunhofer": ["search", "fraunhofer"],
    "links": ["links", "--as-of", DAY],
}
WHOLE = re.compile(r"[^\s|+]+")
"""A run that must not be broken: an id, a URL."""


HAND_BUILT = {
    "hand-list-orgs": ["list", "orgs", "--all"],
    "hand-show-hamburg": ["show", "hamburg", "--as-of", "2019-06-30"],
    "hand-report-2018": ["report", "--year", "2018", "--lang", "de"],
}
"""The same on tests/query_registry.py, a registry built by hand."""


@pytest.fixture(autouse=True)
def _shipped_data_on_a_fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEHUB_DATA", str(REPO / "data"))
    monkeypatch.setattr(common, "today", lambda: dt.date(2024, 12, 31))


def compare(name: str, width: int, text: str) -> None:
    path = SNAPSHOTS / f"{name}-{width}.txt"
    if os.environ.get("DEHUB_WRITE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


def at_width(width: int, args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("dehub_cli.cli.common.terminal_width", lambda: width)
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_exact_output(name: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(name, width, at_width(width, COMMANDS[name], monkeypatch))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", HAND_BUILT)
def test_exact_output_on_a_registry_built_by_hand(
    name: str, width: int, make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEHUB_DATA", str(query_registry.write(make_registry)))
    compare(name, width, at_width(width, HAND_BUILT[name], monkeypatch))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_lines_fit_unless_an_id_or_url_cannot(
    name: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for line in at_width(width, COMMANDS[name], monkeypatch).splitlines():
        longest = max((len(run) for run in WHOLE.findall(line) if run.strip("-")), default=0)
        assert len(line) <= width or longest >= width // 2, line


@pytest.mark.parametrize("width", WIDTHS)
def test_every_id_date_and_url_stays_whole(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = json.loads(run("list", "orgs", "--all", "-f", "json").stdout)
    shown = json.loads(run("show", "dortmund", "--as-of", DAY, "-f", "json").stdout)
    words = at_width(width, ["list", "orgs", "--all"], monkeypatch).replace(",", " ").split()
    assert {row["id"] for row in listed} <= set(words)
    page = at_width(width, ["show", "dortmund", "--as-of", DAY], monkeypatch).split()
    for source in shown["sources"]:
        assert source["url"] in page
        assert source["date"] is None or source["date"] in page
