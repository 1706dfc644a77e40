"""``dehub validate`` with dehub.toml, suppression comments, --statistics and --format sarif."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import RegistryFactory, hub, member, org, run


@pytest.fixture
def data(make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Berlin has an operator; Hamburg has none (DH309); one membership predates Berlin."""
    root = make_registry(
        hubs=[hub("berlin"), hub("hamburg")],
        orgs=[
            org("op", memberships=[member("berlin", role="operator")]),
            org("early", memberships=[member("berlin", since="2015")]),
        ],
    )
    monkeypatch.chdir(root.parent)
    return root


HAMBURG = "data/hubs/hamburg.yaml:2:7: warning: hub 'hamburg' has no operator; "
HAMBURG += "add a membership with 'role: operator' to the organisation that runs it [DH309]\n"
EARLY = "data/orgs/early.yaml:6:10: warning: membership in 'berlin' starts 2015, before the hub "
EARLY += "was announced (2016-11-17); check the date; a membership cannot predate its hub [DH307]\n"


def test_without_settings(data: Path) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert result.stdout == HAMBURG + EARLY
    assert result.stderr == "FAILED: 0 errors, 2 warnings in 5 files\n"


def test_severity_and_strict_from_dehub_toml(data: Path) -> None:
    (data / "dehub.toml").write_text('[severity]\nDH309 = "off"\nDH307 = "error"\n')
    result = run("validate")
    assert result.stdout == EARLY.replace("warning:", "error:")
    assert result.exit_code == 1
    (data / "dehub.toml").write_text('[severity]\nDH307 = "off"\n[validate]\nstrict = true\n')
    assert run("validate").exit_code == 1
    assert run("validate", "--no-strict").exit_code == 0


def test_settings_one_level_up_in_pyproject(data: Path) -> None:
    (data.parent / "pyproject.toml").write_text(
        '[tool.dehub.severity]\nDH309 = "off"\nDH307 = "off"\n[tool.dehub.validate]\nstrict = true\n'
    )
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "OK: 5 files valid\n")


def test_unknown_key_is_a_usage_error(data: Path) -> None:
    (data / "dehub.toml").write_text("[validate]\nstrickt = true\n")
    result = run("validate")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {data / 'dehub.toml'}: unknown key 'validate.strickt'\n"
        "hint: did you mean 'strict'?\n"
    )
    assert run("list").exit_code == 2  # every command reads the settings


def test_comments_silence_one_finding_each(data: Path) -> None:
    path = data / "hubs" / "hamburg.yaml"
    text = path.read_text()
    path.write_text(text.replace("name: Hub hamburg", "name: Hub hamburg  # dehub: ignore[DH309]"))
    early = data / "orgs" / "early.yaml"
    early.write_text("# dehub: ignore-file[DH307] the source says 2015\n" + early.read_text())
    result = run("validate", "--strict")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "OK: 5 files valid\n"


def test_unused_and_invalid_suppressions_are_reported(data: Path) -> None:
    berlin = data / "hubs" / "berlin.yaml"
    berlin.write_text(
        berlin.read_text().replace(
            "name: Hub berlin", "name: Hub berlin  # dehub: ignore[DH309, DH3O9, DH104]"
        )
    )
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == (
        "data/hubs/berlin.yaml:2:19: warning: unused suppression: no DH309 finding on line 2; "
        "remove 'DH309' from the comment [DH401]\n"
        "data/hubs/berlin.yaml:2:19: warning: unknown code 'DH3O9' in suppression; "
        "did you mean 'DH309'? [DH402]\n"
        "data/hubs/berlin.yaml:2:19: warning: DH104 cannot be suppressed: a record with it is "
        "left out of every answer; fix the finding instead; dehub codes DH104 explains how "
        "[DH402]\n" + HAMBURG + EARLY
    )


def test_statistics(data: Path) -> None:
    (data / "orgs" / "late.yaml").write_text(
        (data / "orgs" / "early.yaml").read_text().replace("early", "late")
    )
    result = run("validate", "--statistics")
    assert result.stdout == (
        "2  DH307  warning  membership starts before the hub was announced\n"
        "1  DH309  warning  hub without an operator\n"
    )
    assert result.stderr == "OK: 6 files valid, 3 warnings\n"
    as_json = run("validate", "--statistics", "--format", "json")
    assert json.loads(as_json.stdout) == [
        {
            "code": "DH307",
            "severity": "warning",
            "count": 2,
            "summary": "membership starts before the hub was announced",
        },
        {"code": "DH309", "severity": "warning", "count": 1, "summary": "hub without an operator"},
    ]
    assert as_json.stderr == ""
    refused = run("validate", "--statistics", "--format", "sarif")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "error: --statistics cannot be written as sarif\n"
        "hint: use --format text, json, yaml, csv or markdown with --statistics\n",
    )


SARIF_REQUIRED: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {"$ref": "#/$defs/rule"},
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "message": {
            "type": "object",
            "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}},
        },
        "rule": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "shortDescription": {"$ref": "#/$defs/message"},
                "fullDescription": {"$ref": "#/$defs/message"},
                "help": {"$ref": "#/$defs/message"},
                "defaultConfiguration": {
                    "type": "object",
                    "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/message"},
                "locations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "anyOf": [
                                    {"required": ["artifactLocation"]},
                                    {"required": ["address"]},
                                ],
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "properties": {
                                            "uri": {"type": "string", "format": "uri-reference"}
                                        },
                                    },
                                    "region": {
                                        "type": "object",
                                        "anyOf": [
                                            {"required": ["startLine"]},
                                            {"required": ["charOffset"]},
                                            {"required": ["byteOffset"]},
                                        ],
                                        "properties": {
                                            "startLine": {"type": "integer", "minimum": 1},
                                            "startColumn": {"type": "integer", "minimum": 1},
                                        },
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}
"""The parts of the SARIF 2.1.0 schema that dehub's log uses: required keys and value ranges."""


def test_sarif_for_code_scanning(data: Path) -> None:
    (data / "orgs" / "bad name.yaml").write_text("name: [unclosed\n")
    result = run("validate", "--format", "sarif")
    assert result.exit_code == 1
    assert result.stderr == ""
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_REQUIRED)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert sarif_run["tool"]["driver"]["name"] == "dehub"
    assert [rule["id"] for rule in rules][:3] == ["DH100", "DH101", "DH102"]
    rule_309 = next(rule for rule in rules if rule["id"] == "DH309")
    assert rule_309["shortDescription"] == {"text": "hub without an operator"}
    assert rule_309["defaultConfiguration"] == {"level": "warning"}
    assert rule_309["help"]["text"].startswith("Every hub has an operator")
    by_rule = {entry["ruleId"]: entry for entry in sarif_run["results"]}
    assert by_rule["DH309"] == {
        "ruleId": "DH309",
        "ruleIndex": [rule["id"] for rule in rules].index("DH309"),
        "level": "warning",
        "message": {
            "text": "hub 'hamburg' has no operator; add a membership with 'role: operator' "
            "to the organisation that runs it"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "data/hubs/hamburg.yaml"},
                    "region": {"startLine": 2, "startColumn": 7},
                }
            }
        ],
    }
    errors = [entry for entry in sarif_run["results"] if entry["level"] == "error"]
    uris = {e["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for e in errors}
    assert uris == {"data/orgs/bad%20name.yaml"}


def test_config_chooses_the_default_format(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data / "dehub.toml").write_text('[validate]\nformat = "sarif"\n')
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert json.loads(run("validate").stdout)["version"] == "2.1.0"
    assert run("validate", "--format", "text").stdout == HAMBURG + EARLY
