"""JSON Schema (draft-07) of the record files, generated from the models.

Editors use these for completion and checks while a record is typed (yaml-language-server,
VS Code's YAML extension, JetBrains IDEs). pydantic writes JSON Schema 2020-12; draft-07 is
what those tools read everywhere, so ``$defs`` becomes ``definitions`` and every
``$ref`` follows.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["DRAFT_07", "SCHEMA_FILES", "export_schemas", "schema_text", "to_draft07"]

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

SCHEMA_FILES: dict[str, tuple[str, str]] = {
    "hub.schema.json": ("Hub", "de:hub registry: one hub (data/hubs/<id>.yaml)"),
    "org.schema.json": ("Org", "de:hub registry: one organisation (data/orgs/<id>.yaml)"),
    "sectors.schema.json": (
        "SectorsFile",
        "de:hub registry: the sector vocabulary (data/sectors.yaml)",
    ),
}
"""File name -> (model name in :mod:`dehub_cli.models`, title)."""


def _rewrite_refs(node: Any) -> Any:
    """``$ref`` to ``#/definitions/``; docstring markup (````x````) out of descriptions."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                result[key] = value.replace("#/$defs/", "#/definitions/")
            elif key == "description" and isinstance(value, str):
                result[key] = value.replace("``", "")
            else:
                result[key] = _rewrite_refs(value)
        return result
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def to_draft07(schema: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    """A pydantic (2020-12) schema as draft-07: ``$schema`` first, ``definitions``, refs rewritten."""
    body = _rewrite_refs(schema)
    definitions = body.pop("$defs", None)
    result: dict[str, Any] = {"$schema": DRAFT_07}
    if title is not None:
        body["title"] = title
    for key in ("title", "description"):
        if key in body:
            result[key] = body.pop(key)
    result.update(body)
    if definitions:
        result["definitions"] = definitions
    return result


def _hub_sectors_accept_ids(schema: dict[str, Any]) -> None:
    """A hub's ``sectors`` may list plain sector ids as well as ``{sector, since, until}``."""
    sectors = schema["properties"]["sectors"]
    span = sectors["items"]
    sectors["items"] = {
        "anyOf": [
            {"type": "string", "pattern": _id_pattern(), "description": "a sector id"},
            span,
        ]
    }


def _hub_cities_accept_names(schema: dict[str, Any]) -> None:
    """A hub's ``cities`` may list plain names as well as ``{name, land, latitude, longitude}``."""
    cities = schema["properties"]["cities"]
    cities["items"] = {
        "anyOf": [
            {"type": "string", "minLength": 1, "description": "a city name"},
            cities["items"],
        ]
    }


def _id_pattern() -> str:
    from dehub_cli.models import ID_PATTERN

    return ID_PATTERN


def schema_of(file_name: str) -> dict[str, Any]:
    """The draft-07 schema for one of :data:`SCHEMA_FILES`."""
    from dehub_cli import models

    model_name, title = SCHEMA_FILES[file_name]
    model = getattr(models, model_name)
    schema = model.model_json_schema()
    if model_name == "Hub":
        _hub_sectors_accept_ids(schema)
        _hub_cities_accept_names(schema)
    return to_draft07(schema, title)


def schema_text(file_name: str) -> str:
    """The file contents: two-space JSON, UTF-8 as is, a final newline."""
    return json.dumps(schema_of(file_name), indent=2, ensure_ascii=False) + "\n"


def export_schemas() -> dict[str, str]:
    """Every schema file's name and contents."""
    return {name: schema_text(name) for name in SCHEMA_FILES}
