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


CODE_LIST = """\
Diagnostic codes
Code  | Severity | Category    | Summary
------+----------+-------------+-----------------------------------------------
DH100 | error    | file        | file cannot be read
DH101 | error    | file        | file is not valid UTF-8
DH102 | error    | file        | file is larger than the size limit
DH103 | error    | file        | YAML syntax error
DH104 | error    | file        | duplicate key in a mapping
DH105 | error    | file        | anchor, alias or merge key (not allowed)
DH106 | error    | file        | tag not allowed (e.g. !!python/object)
DH107 | error    | file        | more than one YAML document in a file
DH108 | error    | file        | empty file
DH109 | error    | file        | top level is not a mapping
DH110 | error    | file        | tab character in indentation
DH111 | error    | file        | ambiguous yes/no/on/off value
DH112 | error    | file        | mapping key that is not plain text
DH113 | error    | file        | nesting too deep
DH114 | warning  | file        | text in decomposed Unicode (NFD); dehub fmt
      |          |             | fixes it
DH201 | error    | record      | unknown key
DH202 | error    | record      | missing required key
DH203 | error    | record      | value of the wrong type or form
DH204 | error    | record      | invalid id
DH205 | error    | record      | invalid date
DH206 | error    | record      | value not among the allowed choices
DH207 | error    | record      | id does not match the file name
DH208 | error    | record      | missing sectors.yaml
DH209 | error    | record      | control character (line break, ESC, bidi
      |          |             | override) in a value
DH301 | error    | registry    | duplicate id
DH302 | error    | registry    | unknown hub
DH303 | error    | registry    | unknown sector
DH304 | error    | registry    | unknown twin hub
DH305 | error    | registry    | twins not symmetric
DH306 | error    | record      | until before since
DH307 | warning  | registry    | membership starts before the hub was announced
DH308 | warning  | registry    | organisation names that look like duplicates
DH309 | warning  | registry    | hub without an operator
DH310 | error    | registry    | hub lists itself as twin
DH311 | warning  | registry    | overlapping memberships in the same hub and
      |          |             | role
DH312 | error    | registry    | duplicate sector label
DH313 | warning  | record      | membership with no source, neither its own nor
      |          |             | the record's
DH401 | warning  | suppression | suppression comment that silences nothing
DH402 | warning  | suppression | suppression comment that cannot work
dehub codes CODE explains one: what, why, how to fix, examples.
"""


@pytest.mark.usefixtures("eighty_columns")
def test_list() -> None:
    assert run("codes").stdout == CODE_LIST


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
