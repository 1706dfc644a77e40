"""Whether a second process may be forked to share work."""

from __future__ import annotations

import contextlib
import os
import signal
import threading


def can_fork() -> bool:
    """A second process helps only with a second core, and is safe only without threads.

    ``DEHUB_JOBS=1`` keeps all work in this process.
    """
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and os.environ.get("DEHUB_JOBS") != "1"
        and threading.active_count() == 1
    )


def stop_child(pid: int) -> None:
    """Kill a forked child whose work is no longer wanted, and reap it."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
