"""``dehub codes [CODE]``: every diagnostic code, or one explained in full."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import format_flag
from dehub_cli.cli.complete import complete_code


def codes(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A code to explain in full: DH309, dh309 or its name (no-operator).",
            metavar="CODE",
            show_default=False,
            autocompletion=complete_code,
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Explain every code in full after the list.")
    ] = False,
    fmt: Annotated[str | None, format_flag("tables", "data")] = None,
) -> None:
    """List the diagnostic codes that validate reports, or explain one.

    An explanation says what the code checks, why, how to fix it, and shows YAML that
    reports it and YAML that passes. docs/CODES.md is 'dehub codes --full -f markdown'.
    """
    from dehub_cli.cli.common import choose_format, emit
    from dehub_cli.explain import explain, explain_all

    chosen = choose_format(fmt, "tables", "data")
    emit(explain(code) if code is not None else explain_all(full=full), chosen)
