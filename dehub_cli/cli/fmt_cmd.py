"""``dehub fmt [--check] [FILES]``: every record in its one canonical form."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, DataOption


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; directories -> their YAML files, recursively, by name."""
    from dehub_cli.discovery import YAML_SUFFIXES

    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(
                sorted(
                    found
                    for found in path.rglob("*")
                    if found.is_file()
                    and found.name.endswith(YAML_SUFFIXES)
                    and not any(part.startswith(".") for part in found.relative_to(path).parts)
                )
            )
        else:
            result.append(path)
    return list(dict.fromkeys(result))


def fmt(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories to format. Default: every file of the registry.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; list the files that would change and exit 1 if there are any.",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Put records in canonical form: key order, indentation, dates, lists; comments kept.

    Keys follow the order of the model's fields, lists are written one '- item' per line,
    dates are unquoted ISO, files are UTF-8 with LF line ends. A file that does not parse
    is reported and left as it is (exit 1). Running fmt twice changes nothing the second
    time.
    """
    from dehub_cli.atomic import write_changed
    from dehub_cli.cli.common import find_registry
    from dehub_cli.discovery import display_path, list_registry_files
    from dehub_cli.edit.canonical import FormatError, canonical_text, shape_for_path
    from dehub_cli.errors import DehubError
    from dehub_cli.textnorm import plural

    paths = _expand(files) if files else list_registry_files(find_registry(data)).all()
    changed: list[tuple[Path, bytes, str]] = []
    failed = 0
    for path in paths:
        shown = display_path(path)
        try:
            original = path.read_bytes()
            text = original.decode("utf-8-sig")
        except OSError as error:
            sys.stderr.write(f"{shown}: error: cannot read: {error.strerror or error}\n")
            failed += 1
            continue
        except UnicodeDecodeError as error:
            sys.stderr.write(f"{shown}: error: byte {error.start} is not UTF-8; left as it is\n")
            failed += 1
            continue
        try:
            result = canonical_text(text, shape_for_path(path))
        except FormatError as error:
            where = f"{shown}:{error.line}" if error.line else shown
            sys.stderr.write(f"{where}: error: {error.message}; left as it is\n")
            failed += 1
            continue
        if result.encode("utf-8") != original:
            changed.append((path, original, result))
    unchanged = len(paths) - len(changed) - failed
    if check:
        for path, _, _ in changed:
            sys.stdout.write(display_path(path) + "\n")
        sys.stderr.write(
            f"{len(changed)} of {len(paths)} files would be reformatted"
            + (f", {failed} cannot be read" if failed else "")
            + "\n"
        )
        raise typer.Exit(EXIT_DATA if changed or failed else EXIT_OK)
    try:
        write_changed(changed)
    except (DehubError, OSError) as error:
        sys.stderr.write(f"error: nothing reformatted: {error}\n")
        raise typer.Exit(EXIT_DATA) from None
    for path, _, _ in changed:
        sys.stderr.write(f"reformatted {display_path(path)}\n")
    sys.stderr.write(
        f"{plural(len(changed), 'file')} reformatted, {unchanged} unchanged"
        + (f", {failed} left as they are (errors above)" if failed else "")
        + "\n"
    )
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)
