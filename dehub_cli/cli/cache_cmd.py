"""``dehub cache info|clear``: where the cache is, how big, and emptying it."""

from __future__ import annotations

from typing import Annotated

import typer

from dehub_cli.cli.common import format_flag, handles_errors, say

app = typer.Typer(
    help="Inspect or empty the cache of checked files (never needed for correct answers).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("info")
@handles_errors
def info(fmt: Annotated[str | None, format_flag("tables", "data")] = None) -> None:
    """Show the cache directory, each registry's cache file and the total size."""
    from dehub_cli.cache import cache_info
    from dehub_cli.cli.common import choose_format, emit

    emit(cache_info(), choose_format(fmt, "tables", "data"))


@app.command("clear")
@handles_errors
def clear() -> None:
    """Remove every cache file dehub wrote; the next command reads the registry afresh."""
    from dehub_cli.cache import clear_cache
    from dehub_cli.cachepath import cache_dir
    from dehub_cli.textnorm import plural

    removed = clear_cache()
    say(f"removed {plural(len(removed), 'cache file')} from {cache_dir()}")
