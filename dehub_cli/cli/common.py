"""What every command shares: options, console settings, loading the registry or exiting."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from dehub_cli.loadresult import LoadResult
    from dehub_cli.render import OutputFormat, Result

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Registry directory (holding hubs/ and orgs/). Default: $DEHUB_DATA, else ./data "
        "in this directory or a parent.",
        show_default=False,
        file_okay=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read every file afresh; neither use nor update the cache."),
]


def stdout_is_color_terminal() -> bool:
    """Colour and box drawing only on a terminal and when NO_COLOR is unset."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int | None:
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def fail(message: str, *, hint: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``error: message`` (and a hint) to stderr and exit with ``code``."""
    sys.stderr.write(f"error: {message}\n")
    if hint:
        sys.stderr.write(f"hint: {hint}\n")
    raise typer.Exit(code)


def find_registry(data: Path | None) -> Path:
    from dehub_cli.discovery import RegistryNotFoundError, find_data_dir

    try:
        return find_data_dir(data)
    except RegistryNotFoundError as error:
        fail(
            "no dehub registry found; looked in:\n  " + "\n  ".join(error.searched),
            hint="run dehub inside a checkout of the registry, or pass --data DIR or set DEHUB_DATA",
        )


def load(data: Path | None, *, no_cache: bool = False, warn_invalid: bool = True) -> LoadResult:
    """The registry with its diagnostics, from the cache when no file changed."""
    from dehub_cli.cache import load_cached

    root = find_registry(data)
    result = load_cached(root, use_cache=not no_cache)
    if warn_invalid:
        _warn_about_errors(result)
    return result


def _warn_about_errors(result: LoadResult) -> None:
    """Say on stderr when the answer may be incomplete because of errors in the data."""
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if not errors:
        return
    left_out = {d.file for d in errors if d.code.leaves_record_out}
    if left_out:
        files = f"{len(left_out)} file{'s' if len(left_out) != 1 else ''}"
        sys.stderr.write(
            f"warning: {files} with errors left out of this answer; run 'dehub validate'\n"
        )
    else:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        sys.stderr.write(f"warning: the registry has {count}; run 'dehub validate'\n")


def emit(result: Result, output_format: OutputFormat | None) -> None:
    """Render ``result`` to stdout; the default is a table on a terminal."""
    from dehub_cli.render import OutputFormat, render

    chosen = output_format or OutputFormat.TABLE
    color = chosen is OutputFormat.TABLE and stdout_is_color_terminal()
    sys.stdout.write(render(result, chosen, color=color, width=terminal_width()))


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default on a terminal), json, csv, yaml or markdown.",
        show_default=False,
        metavar="[table|json|csv|yaml|markdown]",
    ),
]


def output_format(value: str | None) -> OutputFormat:
    """The chosen format; an unknown name is a usage error (exit 2) with a did-you-mean."""
    from dehub_cli.render import OutputFormat

    if value is None:
        return OutputFormat.TABLE
    try:
        return OutputFormat(value.lower())
    except ValueError:
        from dehub_cli.textnorm import suggestion

        choices = [member.value for member in OutputFormat]
        fail(
            f"unknown format '{value}'",
            hint=suggestion(value, choices) or f"choose one of: {', '.join(choices)}",
        )
