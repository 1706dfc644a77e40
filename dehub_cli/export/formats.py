"""The export formats by name, and what each writes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dehub_cli.export import ExportError

if TYPE_CHECKING:
    from dehub_cli.export.dataset import Dataset

EXPORT_FORMATS = ("sqlite", "json", "csv")
"""``sqlite``: one file (and ``metadata.json`` beside it); ``json``, ``csv``: a directory."""


def check_target(output_format: str, output: Path) -> None:
    """Refuse, before any work, a target that would overwrite something not ours."""
    from dehub_cli.export.output import check_parent, is_sqlite_file

    check_parent(output)
    if output_format == "sqlite":
        from dehub_cli.export.datasette import METADATA_NAME, database_name, is_our_metadata

        if output.is_dir():
            raise ExportError(
                f"cannot write {output}: it is a directory",
                hint="give the database's file name, e.g. -o dehub.db",
            )
        if output.is_file() and not is_sqlite_file(output):
            raise ExportError(
                f"refusing to overwrite {output}: it is not a SQLite database",
                hint="choose another file name for -o, or remove the file first",
            )
        metadata = output.parent / METADATA_NAME
        if metadata.exists() and not is_our_metadata(metadata, database_name(output)):
            raise ExportError(
                f"refusing to overwrite {metadata}: it is not Datasette metadata for "
                f"{output.name} written by dehub",
                hint="export into another directory, or remove the file first",
            )
    elif output.exists() and not output.is_dir():
        raise ExportError(
            f"cannot write {output}: it exists and is not a directory",
            hint=f"--format {output_format} writes a directory of files; choose a directory",
        )


def write_export(dataset: Dataset, output_format: str, output: Path) -> list[Path]:
    """Write ``dataset`` in ``output_format`` to ``output``; return the paths written."""
    if output_format not in EXPORT_FORMATS:
        raise ExportError(
            f"unknown export format '{output_format}'",
            hint=f"choose one of: {', '.join(EXPORT_FORMATS)}",
        )
    check_target(output_format, output)
    if output_format == "sqlite":
        from dehub_cli.atomic import write_text
        from dehub_cli.export.datasette import METADATA_NAME, database_name, metadata_text
        from dehub_cli.export.sqlite import write_sqlite

        write_sqlite(dataset, output)
        metadata = output.parent / METADATA_NAME
        write_text(metadata, metadata_text(dataset, database_name(output)))
        return [output, metadata]
    if output_format == "json":
        from dehub_cli.export.jsonapi import write_json_api

        write_json_api(dataset, output)
        return [output]
    from dehub_cli.export.csvfiles import write_csv

    write_csv(dataset, output)
    return [output]
