"""Running the CLI in tests."""

from __future__ import annotations

from collections.abc import Sequence

from typer.testing import CliRunner, Result

from dehub_cli.cli import app


def run(*args: str, input: str | None = None) -> Result:
    """Invoke ``dehub args...`` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=input)


def run_args(args: Sequence[str]) -> Result:
    return run(*args)
