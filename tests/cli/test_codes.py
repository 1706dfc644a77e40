"""``dehub codes``: the list, one code explained, every code as data."""

from __future__ import annotations

import json

import pytest

from dehub_cli.codes import Code
from tests.helpers import run

DH311 = """\
DH311: overlapping memberships in the same hub and role
  severity  warning by default
  category  registry: records disagree; every record stays in the answers
  settings  dehub.toml: [severity] DH311 = "off", "warning" or "error"; one
            finding: # dehub: ignore[DH311]

What it checks
  An organisation's memberships in the same hub with the same role do not
  overlap in time.

Why
  Two overlapping entries mean the same membership twice, or a gap or end date
  that was not written down.

How to fix it
  Merge the two entries into one, or end the first before the second begins.

Reports DH311:
  # orgs/acme.yaml
  name: Acme GmbH
  kind: startup
  memberships:
    - hub: berlin
      since: 2017
    - hub: berlin
      since: 2019-05
  sources:
    - url: https://example.org/news/acme

Passes:
  # orgs/acme.yaml
  name: Acme GmbH
  kind: startup
  memberships:
    - hub: berlin
      since: 2017
      until: 2018-06
    - hub: berlin
      since: 2019-05
  sources:
    - url: https://example.org/news/acme
"""


@pytest.fixture
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dehub_cli.cli.common.terminal_width", lambda: 80)


@pytest.mark.usefixtures("eighty_columns")
def test_one_code_explained() -> None:
    for name in ("DH311", "dh311", "overlapping"):
        result = run("codes", name)
        assert (result.exit_code, result.stdout, result.stderr) == (0, DH311, "")


def test_unknown_code() -> None:
    result = run("codes", "DH3l1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: unknown code 'DH3l1'\nhint: did you mean 'DH311'?\n"
    result = run("codes", "nothing")
    assert result.stderr == "error: unknown code 'nothing'\nhint: 'dehub codes' lists every code\n"


@pytest.mark.usefixtures("eighty_columns")
def test_list() -> None:
    lines = run("codes").stdout.splitlines()
    assert lines[:4] == [
        "Diagnostic codes",
        "Code  | Severity | Category    | Summary",
        "------+----------+-------------+-----------------------------------------------",
        "DH100 | error    | file        | file cannot be read",
    ]
    wrapped = lines.index(
        "DH311 | warning  | registry    | overlapping memberships in the same hub and"
    )
    assert lines[wrapped + 1] == "      |          |             | role"
    assert lines[-1] == "dehub codes CODE explains one: what, why, how to fix, examples."
    assert len(lines) == 4 + len(Code) + 1


def test_every_code_as_data() -> None:
    data = json.loads(run("codes", "--format", "json").stdout)
    assert [entry["code"] for entry in data] == [code.value for code in Code]
    entry = data[[code.value for code in Code].index("DH309")]
    assert set(entry) == {
        "code", "name", "severity", "category", "summary", "checks", "why", "fix", "bad",
        "good", "configurable", "suppressible",
    }  # fmt: skip
    assert entry["name"] == "no-operator"
    assert entry["bad"] == [
        {
            "path": "hubs/hamburg.yaml",
            "text": "name: Digital Hub Logistics Hamburg\ncities:\n  - Hamburg\nsectors:\n"
            "  - logistics\nannounced: 2016-11-17\nsources:\n"
            "  - url: https://example.org/news/hamburg\n",
            "encoding": "utf-8",
        }
    ]
    assert json.loads(run("codes", "DH309", "-f", "json").stdout) == entry
