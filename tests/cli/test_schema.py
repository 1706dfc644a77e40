"""dehub schema: the committed schema/ files match the models, are draft-07, accept the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dehub_cli.schema_export import DRAFT_07, SCHEMA_FILES, export_schemas, to_draft07
from dehub_cli.yamlparse import parse_yaml
from tests.helpers import REPO, RegistryFactory, hub, member, org, run, snapshot

COMMITTED = REPO / "schema"


def walk(node: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair at any depth."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            pairs.append((key, value))
            pairs.extend(walk(value))
    elif isinstance(node, list):
        for item in node:
            pairs.extend(walk(item))
    return pairs


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_a_fresh_export(name: str) -> None:
    committed = COMMITTED / name
    assert committed.exists(), f"run 'dehub schema' to create {committed}"
    assert committed.read_text(encoding="utf-8") == export_schemas()[name], (
        f"{committed} is out of date: run 'dehub schema' and commit the result"
    )


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schemas_are_draft_07_with_resolvable_refs(name: str) -> None:
    schema = json.loads(export_schemas()[name])
    assert schema["$schema"] == DRAFT_07
    assert "$defs" not in json.dumps(schema)
    definitions = schema.get("definitions", {})
    for key, value in walk(schema):
        if key == "$ref":
            assert value.startswith("#/definitions/")
            assert value.removeprefix("#/definitions/") in definitions
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft7Validator.check_schema(schema)


def test_to_draft07_moves_defs_and_rewrites_refs() -> None:
    converted = to_draft07(
        {
            "$defs": {"A": {"type": "string", "description": "``x`` value"}},
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "title": "T",
        }
    )
    assert converted == {
        "$schema": DRAFT_07,
        "title": "T",
        "properties": {"a": {"$ref": "#/definitions/A"}},
        "definitions": {"A": {"type": "string", "description": "x value"}},
    }


def _validator(name: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft7Validator(json.loads(export_schemas()[name]))


def _read(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8")).value


def test_the_shipped_records_pass_their_schema() -> None:
    data = REPO / "data"
    if not (data / "orgs").is_dir():
        pytest.skip("no shipped registry")
    checks = [("hub.schema.json", path) for path in sorted(data.glob("hubs/*.yaml"))]
    checks += [("org.schema.json", path) for path in sorted(data.glob("orgs/*.yaml"))]
    checks.append(("sectors.schema.json", data / "sectors.yaml"))
    for name, path in checks:
        errors = [error.message for error in _validator(name).iter_errors(_read(path))]
        assert errors == [], f"{path}: {errors}"


def test_the_schema_rejects_what_validate_rejects(make_registry: RegistryFactory) -> None:
    data = make_registry(
        hubs=[hub("koeln", sectors=["iot", {"sector": "fintech", "since": "2018"}])],
        orgs=[
            org("good", memberships=[member("koeln", "2017-04")]),
            org("bad", kind="unicorn", colour="red", memberships=[member("koeln", "April")]),
        ],
    )
    orgs = _validator("org.schema.json")
    assert list(orgs.iter_errors(_read(data / "orgs" / "good.yaml"))) == []
    problems = sorted(
        error.validator for error in orgs.iter_errors(_read(data / "orgs" / "bad.yaml"))
    )
    assert problems == ["additionalProperties", "anyOf", "enum"]
    hubs = _validator("hub.schema.json")
    assert list(hubs.iter_errors(_read(data / "hubs" / "koeln.yaml"))) == []


def written_lines(directory: Path) -> str:
    return "".join(f"wrote {directory / name}\n" for name in sorted(SCHEMA_FILES))


def test_schema_command_writes_then_finds_nothing_to_do(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    written = run("schema", "--out", str(out))
    assert (written.exit_code, written.stdout) == (0, "")
    assert written.stderr == written_lines(out)
    assert {path.name: path.read_text("utf-8") for path in out.iterdir()} == export_schemas()
    again = run("schema", "--out", str(out))
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == f"schemas in {out} are up to date\n"


def test_check_passes_on_fresh_schemas_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run("schema", "--out", str(out)).exit_code == 0
    before = snapshot(out)
    check = run("schema", "--out", str(out), "--check")
    assert (check.exit_code, check.stdout) == (0, "")
    assert check.stderr == "0 schema files differ from the models\n"
    assert snapshot(out) == before


def test_check_lists_stale_and_missing_files_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run("schema", "--out", str(out)).exit_code == 0
    (out / "org.schema.json").write_text("{}\n", encoding="utf-8")
    (out / "sectors.schema.json").unlink()
    before = snapshot(out)
    stale = run("schema", "--out", str(out), "--check")
    assert stale.exit_code == 1
    assert stale.stdout == f"{out / 'org.schema.json'}\n{out / 'sectors.schema.json'}\n"
    assert stale.stderr == (
        "2 schema files differ from the models; run 'dehub schema' to update them\n"
    )
    assert snapshot(out) == before


def test_check_says_one_file_in_the_singular(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run("schema", "--out", str(out)).exit_code == 0
    (out / "org.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run("schema", "--out", str(out), "--check")
    assert stale.stderr.startswith("1 schema file ")


def test_schema_goes_next_to_the_registry_by_default(make_registry: RegistryFactory) -> None:
    data = make_registry()
    default = run("schema", "--data", str(data))
    assert (default.exit_code, default.stdout) == (0, "")
    assert default.stderr == written_lines(data.parent / "schema")
    assert {
        path.name: path.read_text("utf-8") for path in (data.parent / "schema").iterdir()
    } == export_schemas()
