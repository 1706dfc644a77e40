"""One editor at a time: reading, checking and replacing registry files under a lock.

Without it, two ``dehub add membership`` run at once can both read a file, both pass
their checks and both replace it: one reports success and its change is lost. Every
editing command holds an exclusive lock (``fcntl.flock`` through the filelock library)
on ``.dehub-lock`` beside the registry directory (``data/``'s parent, the repository's
root) from loading to the last rename; the file stays out of the registry itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dehub_cli.edit import EditError

LOCK_NAME = ".dehub-lock"
WAIT_SECONDS = 30.0
"""How long a command waits for another editing command to finish."""


def lock_path(root: Path) -> Path:
    """The lock file of the registry at ``root``: beside it, not in it."""
    return Path(root).resolve().parent / LOCK_NAME


@contextmanager
def registry_lock(root: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the registry's edit lock; :class:`EditError` if it cannot be had."""
    import filelock

    path = lock_path(root)
    lock = filelock.FileLock(str(path), timeout=wait)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise EditError(
            f"another dehub command has been editing {root} for {wait:.0f} s",
            f"try again when it has finished (or remove a stale {path})",
        ) from None
    except OSError as error:
        raise EditError(
            f"cannot lock {root} for editing: {error.strerror or error}",
            "check that the registry directory exists and is writable",
        ) from None
    try:
        yield
    finally:
        lock.release()
