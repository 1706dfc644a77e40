"""The ``dehub`` script: it begins a large registry's scan before importing the command line.

Importing Typer, Rich and pydantic and parsing the arguments take a quarter of a second,
during which the second core would idle. For a command that loads the registry, the
registry is found here from the arguments as the command will find it, and a child
process starts the scan at once (:func:`dehub_cli.discovery.begin_scan`; only for a
large registry). The command takes the scan over if it loads that same
registry; otherwise the child is stopped. Nothing else is decided here.
"""

from __future__ import annotations

import sys
from pathlib import Path

LOADING_COMMANDS = frozenset(("validate", "list", "show", "search", "links", "report", "export"))
"""Commands that load the registry (from the cache when it is current)."""
_NO_EARLY_SCAN = frozenset(("--help", "-h", "--version"))


def main() -> None:
    """Entry point of the ``dehub`` script."""
    root = registry_to_scan(sys.argv[1:])
    if root is not None:
        from dehub_cli.discovery import begin_scan

        begin_scan(root, stamped="--no-cache" not in sys.argv[1:])
    from dehub_cli.cli import main as run

    run()


def registry_to_scan(arguments: list[str]) -> Path | None:
    """The registry a loading command will read (``--data``/``-d``, else as
    :func:`~dehub_cli.discovery.find_data_dir` finds it); ``None`` for any other command,
    for ``--help`` or ``--version``, or when no registry is found."""
    if not arguments or arguments[0] not in LOADING_COMMANDS:
        return None
    explicit: str | None = None
    for index, argument in enumerate(arguments):
        if argument in _NO_EARLY_SCAN or argument == "--":
            return None
        if argument in ("--data", "-d") and index + 1 < len(arguments):
            explicit = arguments[index + 1]
        elif argument.startswith("--data="):
            explicit = argument[len("--data=") :]
        elif argument.startswith("-d") and len(argument) > 2 and not argument.startswith("--"):
            explicit = argument[2:]
    from dehub_cli.discovery import RegistryNotFoundError, find_data_dir

    try:
        return find_data_dir(Path(explicit) if explicit else None)
    except (RegistryNotFoundError, OSError):
        return None
