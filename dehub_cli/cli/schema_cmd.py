"""``dehub schema [--out DIR] [--check]``: JSON Schema files for editors, from the models."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption, say


def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Directory for the schema files. Default: schema/ next to the registry "
            "directory (the repository root).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 listing the files that differ from the models."
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write JSON Schema (draft-07) for hub, organisation and sector files.

    Files: hub.schema.json, org.schema.json, sectors.schema.json. Editors with the YAML
    language server use them for completion and checks (see docs/EDITING.md).
    """
    from dehub_cli.atomic import write_changed
    from dehub_cli.cli.common import find_registry
    from dehub_cli.discovery import display_path
    from dehub_cli.schema_export import export_schemas
    from dehub_cli.textnorm import plural

    directory = out if out is not None else find_registry(data).resolve().parent / "schema"
    differing: list[tuple[Path, str, bytes | None]] = []
    for name, text in export_schemas().items():
        path = directory / name
        try:
            current: bytes | None = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != text.encode("utf-8"):
            differing.append((path, text, current))
    if check:
        for path, _, _ in differing:
            sys.stdout.write(display_path(path) + "\n")
        sys.stderr.write(
            f"{plural(len(differing), 'schema file')} "
            + ("differs" if len(differing) == 1 else "differ")
            + " from the models"
            + ("; run 'dehub schema' to update them" if differing else "")
            + "\n"
        )
        raise typer.Exit(EXIT_DATA if differing else EXIT_OK)
    if not differing:
        say(f"schemas in {display_path(directory)} are up to date")
        raise typer.Exit(EXIT_OK)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_changed([(path, current, text) for path, text, current in differing])
    except OSError as error:
        say(f"error: nothing written: {error}")
        raise typer.Exit(EXIT_DATA) from None
    for path, _, _ in differing:
        say(f"wrote {display_path(path)}")
