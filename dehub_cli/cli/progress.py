"""A progress bar on stderr for long imports: only on a terminal, never in a pipe or a log."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PROGRESS_MIN_STEPS = 300
"""Fewer steps than this finish too quickly for a bar to help."""

Step = Callable[[], None]


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal that can redraw a line (not ``TERM=dumb``)."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _nothing() -> None:
    return None


@contextmanager
def progress(total: int, description: str) -> Iterator[Step]:
    """A callback to call once per step; it advances a Rich bar on stderr.

    The bar is shown only for at least :data:`PROGRESS_MIN_STEPS` steps and only when
    stderr is a terminal; it disappears when done. Otherwise the callback does nothing.
    """
    if total < PROGRESS_MIN_STEPS or not stderr_is_terminal():
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(description, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    console = Console(
        file=sys.stderr, force_terminal=True, markup=False, highlight=False, emoji=False
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
