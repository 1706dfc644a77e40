"""Progress bars: on a terminal after a while, never in pipes or around machine output."""

from __future__ import annotations

import io
import sys

import pytest

from dehub_cli.cli import progress as progress_module
from dehub_cli.cli.progress import for_people, progress, progress_of


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """stdout and stderr on a terminal; what is drawn on stderr is returned."""
    monkeypatch.setenv("TERM", "xterm")  # Rich draws no live bar on a dumb terminal
    stderr = Terminal()
    monkeypatch.setattr(progress_module, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(progress_module, "stdout_is_terminal", lambda: True)
    real_bar = progress_module._bar

    def bar_on_the_terminal(description: str) -> object:
        monkeypatch.setattr(sys, "stderr", stderr)  # pytest's capture replaces sys.stderr
        return real_bar(description)

    monkeypatch.setattr(progress_module, "_bar", bar_on_the_terminal)
    return stderr


def test_a_bar_once_the_work_takes_a_while(terminal: Terminal) -> None:
    with progress_of("Checking files", delay=0) as tick:
        tick(1, 4)
        tick(2, 4)
    drawn = terminal.getvalue()  # drawn, then erased when the work is done
    assert "Checking files" in drawn
    assert "2/4" in drawn


def test_steps_counted_in_advance(terminal: Terminal) -> None:
    with progress(400, "Matching rows") as step:
        for _ in range(400):
            step()
    assert "Matching rows" in terminal.getvalue()
    with progress(10, "Few rows") as step:
        step()
    assert "Few rows" not in terminal.getvalue()


def test_no_bar_for_quick_work(terminal: Terminal) -> None:
    with progress_of("Checking files", delay=60) as tick:
        tick(1, 4)
    assert terminal.getvalue() == ""


def test_no_bar_around_machine_output(terminal: Terminal) -> None:
    token = for_people.set(False)
    try:
        with progress_of("Checking files", delay=0) as tick:
            tick(1, 4)
    finally:
        for_people.reset(token)
    assert terminal.getvalue() == ""


def test_no_bar_when_stdout_is_a_pipe(monkeypatch: pytest.MonkeyPatch, terminal: Terminal) -> None:
    monkeypatch.setattr(progress_module, "stdout_is_terminal", lambda: False)  # ... | jq
    with progress_of("Checking files", delay=0) as tick:
        tick(1, 4)
    assert terminal.getvalue() == ""


def test_a_machine_format_turns_the_bar_off() -> None:
    from dehub_cli.cli.common import choose_format

    choose_format("json", "data")
    assert for_people.get() is False
    choose_format("table", "tables")
    assert for_people.get() is True
