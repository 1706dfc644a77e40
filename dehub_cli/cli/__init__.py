"""The ``dehub`` command: wiring only. Each command lives in its own module.

Command modules import nothing heavy at module level, so ``dehub --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

import typer

from dehub_cli import __version__
from dehub_cli.cli import (
    add_cmd,
    cache_cmd,
    codes_cmd,
    diff_cmd,
    end_cmd,
    export_cmd,
    fmt_cmd,
    import_cmd,
    links_cmd,
    list_cmd,
    log_cmd,
    report_cmd,
    schema_cmd,
    search_cmd,
    show,
    site_cmd,
    validate,
)
from dehub_cli.cli.common import handles_errors, settle
from dehub_cli.cli.style import DehubGroup

app = typer.Typer(
    name="dehub",
    help=(
        "Registry of Germany's Digital Hub Initiative (de:hub): validate, query and report on "
        "the YAML records of hubs and organisations."
    ),
    cls=DehubGroup,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dehub {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Registry of Germany's Digital Hub Initiative (de:hub)."""


# People's commands first, in the order they are usually needed.
COMMANDS = (
    ("validate", validate.validate),
    ("list", list_cmd.list_records),
    ("show", show.show),
    ("search", search_cmd.search_records),
    ("links", links_cmd.links),
    ("report", report_cmd.report),
    ("export", export_cmd.export),
    ("diff", diff_cmd.diff),
    ("log", log_cmd.log),
)
for name, function in COMMANDS:
    app.command(name)(handles_errors(function))
app.add_typer(site_cmd.app, name="site")
app.add_typer(add_cmd.app, name="add")
app.add_typer(end_cmd.app, name="end")
app.command("import")(handles_errors(import_cmd.import_file))
app.command("fmt")(handles_errors(fmt_cmd.fmt))
app.command("schema")(handles_errors(schema_cmd.schema))
app.command("codes")(handles_errors(codes_cmd.codes))
app.add_typer(cache_cmd.app, name="cache")


def only_command(first: list[str]) -> None:
    """Keep only the command named by the first argument, when one is.

    Typer makes every command's options from its signature before it parses anything
    (0.04 s for the twenty commands); the one that runs is enough. Any other first
    argument (an option, ``--help``, a mistyped name) keeps them all, so top-level help,
    ``--version`` and did-you-mean work as ever. Only for the script: the process runs
    one command and ends.
    """
    if not first:
        return
    commands = [command for command in app.registered_commands if command.name == first[0]]
    groups = [group for group in app.registered_groups if group.name == first[0]]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def main() -> None:
    """Entry point of the ``dehub`` script.

    After the command has run and its output is flushed, the process ends with
    ``os._exit``: tearing down a loaded registry object by object (10,000 records are
    several hundred thousand objects) would add a tenth of a second to every command.

    The cyclic garbage collector is off for the command: records, rows and documents
    hold no reference cycles, and its passes over a large registry's objects cost more
    than anything it could free (a fifth of a second in ``list`` at 100,000
    organisations). Memory is still freed by reference counting.
    """
    gc.disable()
    only_command(sys.argv[1:2])
    code: int = 0
    try:
        app()
    except SystemExit as stop:
        if isinstance(stop.code, int):
            code = stop.code
        elif stop.code is not None:
            sys.stderr.write(f"{stop.code}\n")
            code = 1
    with contextlib.suppress(Exception):  # a provisional load nothing was written after
        settle()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (dehub ... | head)
        pass
    discovery = sys.modules.get("dehub_cli.discovery")
    if discovery is not None:  # a scan the script began and no load took over
        discovery.stop_early_scan()
    os._exit(code)
