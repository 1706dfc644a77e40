"""Progress bars on stderr for long work: only on a terminal, never in a pipe or a log.

A bar is drawn only when stdout and stderr are both terminals (``dehub list -f json | jq``
would otherwise redraw a line under jq's output), ``TERM`` is not ``dumb``, and the output
is for people, not a machine format (``choose_format`` says which). It disappears when the
work is done. Two shapes of callback for the library:

- :func:`progress` for work counted in advance: ``step()`` once per row or record (import);
- :func:`progress_of` for work that reports ``(done, total)`` itself (the loader), shown
  only once it has taken :data:`DELAY` seconds.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

PROGRESS_MIN_STEPS = 300
"""Fewer steps than this finish too quickly for a bar to help."""
DELAY = 1.0
"""Seconds of work before a bar is worth showing (:func:`progress_of`)."""

Step = Callable[[], None]
Tick = Callable[[int, int], None]
"""Called with (units done, units in all)."""

for_people: ContextVar[bool] = ContextVar("for_people", default=True)
"""False while a command writes a machine format (``choose_format`` sets it)."""


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal that can redraw a line (not ``TERM=dumb``)."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (not a pipe or a file)."""
    return sys.stdout.isatty()


def wanted() -> bool:
    """Whether a bar may be drawn now."""
    return for_people.get() and stderr_is_terminal() and stdout_is_terminal()


def _nothing(*_: int) -> None:
    return None


def _bar(description: str) -> Any:
    """A started, transient Rich progress bar on stderr."""
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
    bar = Progress(*columns, console=console, transient=True)
    bar.start()
    return bar


@contextmanager
def progress(total: int, description: str) -> Iterator[Step]:
    """A callback to call once per step; it advances a bar on stderr.

    The bar is shown only for at least :data:`PROGRESS_MIN_STEPS` steps and only when
    :func:`wanted`; otherwise the callback does nothing.
    """
    if total < PROGRESS_MIN_STEPS or not wanted():
        yield _nothing
        return
    bar = _bar(description)
    task = bar.add_task(description, total=total)
    try:
        yield lambda: bar.advance(task)
    finally:
        bar.stop()


@contextmanager
def progress_of(description: str, *, delay: float = DELAY) -> Iterator[Tick]:
    """A ``(done, total)`` callback drawing a bar once the work has taken ``delay`` seconds."""
    if not wanted():
        yield _nothing
        return
    started = time.monotonic()
    bar: Any = None
    task: Any = None

    def tick(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if time.monotonic() - started < delay or done >= total:
                return
            bar = _bar(description)
            task = bar.add_task(description, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.stop()
