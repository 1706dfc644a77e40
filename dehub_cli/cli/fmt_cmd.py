"""``dehub fmt [--check | --diff] [FILES]``: every record of the registry in its canonical form.

Only the registry's own files are touched (``hubs/*.yaml``, ``orgs/*.yaml``,
``sectors.yaml``, ``initiative.yaml``): ``dehub fmt .`` in a checkout, the habit ``ruff
format .`` teaches, once rewrote test fixtures and a workflow file. Anything else given is
listed as skipped and left as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dehub_cli.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, DataOption, say

Location = tuple[Path, str]
"""A file by its real directory and its name (a symlink itself is not followed)."""


def _location(path: Path) -> Location:
    return path.parent.resolve(), path.name


def _expand(path: Path) -> list[Path]:
    """A file as given; a directory -> its YAML files, recursively, by name, none hidden."""
    from dehub_cli.discovery import YAML_SUFFIXES

    if not path.is_dir():
        return [path]
    return sorted(
        found
        for found in path.rglob("*")
        if found.name.endswith(YAML_SUFFIXES)
        and not any(part.startswith(".") for part in found.relative_to(path).parts)
        and found.is_file()
    )


def select_registry_files(
    given: list[Path], registry: list[Path]
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files of ``registry`` that ``given`` names (directories expanded), and the rest.

    Returns the files to format, in the order given, and ``(path, reason)`` for each path
    skipped: missing, or not one of the registry's files.
    """
    known = {_location(path) for path in registry}
    chosen: dict[Location, Path] = {}
    skipped: list[tuple[Path, str]] = []
    for path in given:
        if not path.exists() and not path.is_symlink():
            skipped.append((path, "does not exist"))
            continue
        for found in _expand(path):
            location = _location(found)
            if location in known:
                chosen.setdefault(location, found)
            else:
                skipped.append((found, "not a file of the registry"))
    return list(chosen.values()), skipped


def _diff_lines(text: str) -> list[str]:
    """Lines of a file for a diff: control characters (a CR, a BOM) shown, not sent."""
    from dehub_cli.textnorm import escape_controls

    lines = [escape_controls(line) for line in text.split("\n")]
    if lines[-1] == "":
        return lines[:-1]
    lines[-1] += "\n\\ No newline at end of file"  # as git shows it, under that line
    return lines


def unified_diff(shown: str, before: str, after: str) -> str:
    """The change ``fmt`` would make to one file, as a unified diff (safe for a terminal)."""
    import difflib

    lines = difflib.unified_diff(
        _diff_lines(before), _diff_lines(after), f"{shown}", f"{shown} (formatted)", lineterm=""
    )
    return "".join(line + "\n" for line in lines)


def fmt(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories of the registry to format. Default: every file of the "
            "registry. Files outside it are skipped.",
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
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Write nothing; show what would change as a unified diff and exit 1 if "
            "anything would.",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Put records in canonical form: key order, indentation, dates, lists; comments kept.

    Keys follow the order of the model's fields, lists are written one '- item' per line,
    dates are unquoted ISO, files are UTF-8 (NFC) with LF line ends. Only the registry's
    files are formatted (hubs/, orgs/, sectors.yaml, initiative.yaml); other paths are
    skipped (exit 2 when no path given is in the registry). A file that does not parse is
    reported and left as it is (exit 1). Running fmt twice changes nothing the second time.
    """
    from dehub_cli.atomic import write_changed
    from dehub_cli.cli.common import fail, find_registry
    from dehub_cli.discovery import display_path, list_registry_files
    from dehub_cli.edit.canonical import FormatError, canonical_text, shape_for_path
    from dehub_cli.errors import DehubError
    from dehub_cli.textnorm import escape_controls, plural

    root = find_registry(data)
    registry = list_registry_files(root).all()
    paths = registry
    if files:
        paths, skipped = select_registry_files(files, registry)
        for path, reason in skipped:
            sys.stderr.write(f"skipped {escape_controls(display_path(path))}: {reason}\n")
        if not paths:
            fail(
                f"nothing to format: no path given is a file of the registry {display_path(root)}",
                hint="fmt formats only the registry's hubs/, orgs/, sectors.yaml and "
                "initiative.yaml; pass --data DIR for another registry",
                code=EXIT_USAGE,
            )
    changed: list[tuple[Path, bytes, str]] = []
    failed = 0
    for path in paths:
        shown = escape_controls(display_path(path))
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
            sys.stderr.write(f"{where}: error: {escape_controls(error.message)}; left as it is\n")
            failed += 1
            continue
        if result.encode("utf-8") != original:
            changed.append((path, original, result))
    unchanged = len(paths) - len(changed) - failed
    if check or diff:
        for path, original, result in changed:
            shown = escape_controls(display_path(path))
            if diff:
                sys.stdout.write(unified_diff(shown, original.decode("utf-8"), result))
            else:
                sys.stdout.write(shown + "\n")
        sys.stderr.write(
            f"{len(changed):,} of {plural(len(paths), 'file')} would be reformatted"
            + (f", {failed} cannot be read" if failed else "")
            + "\n"
        )
        raise typer.Exit(EXIT_DATA if changed or failed else EXIT_OK)
    try:
        write_changed(changed)
    except (DehubError, OSError) as error:
        say(f"error: nothing reformatted: {error}")
        raise typer.Exit(EXIT_DATA) from None
    for path, _, _ in changed:
        sys.stderr.write(f"reformatted {escape_controls(display_path(path))}\n")
    sys.stderr.write(
        f"{plural(len(changed), 'file')} reformatted, {unchanged} unchanged"
        + (f", {failed} left as they are (errors above)" if failed else "")
        + "\n"
    )
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)
