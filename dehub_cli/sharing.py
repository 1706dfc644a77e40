"""Runs of work shared with one forked worker: taken from both ends, results through a file.

The parent takes runs from the first on, the worker from the last back; each claims a
run under a lock, so they meet wherever the work is balanced, whatever else either
process spends time on. The worker writes each run's encoded result to a file only the
two share (``memfd``, else an unlinked temporary file) and says where in shared memory;
the parent reads them as they are done. The lock is a POSIX record lock on that file
(importing ``multiprocessing`` for one would cost 20 ms). Nothing large goes through a pipe: a pipe of
64 KiB stalled the worker until the parent's thread, waiting for the GIL, drained it,
and a process pool dispatched its next run before it was asked for (0.2-0.5 s lost at
100,000 files). A worker that dies leaves its unfinished runs to the parent.
"""

from __future__ import annotations

import contextlib
import fcntl
import mmap
import os
import struct
from collections.abc import Callable, Iterator
from typing import TypeVar

from dehub_cli.forking import stop_child
from dehub_cli.loadresult import gc_paused

Result = TypeVar("Result")

_FREE, _PARENT, _WORKER, _DONE = 0, 1, 2, 3
_SLOT = struct.Struct("<QQQ")
"""One run in shared memory: state, offset of its result in the file, its length."""


def share_runs(
    runs: int,
    do_run: Callable[[int], Result],
    encode: Callable[[Result], bytes],
    decode: Callable[[bytes], Result],
    on_done: Callable[[int], None] | None = None,
) -> list[Result]:
    """``do_run(i)`` for every ``i`` in ``range(runs)``, shared with a forked worker.

    ``on_done(i)`` is called in this process as each run's result arrives. The caller
    makes sure a fork is safe (:func:`dehub_cli.forking.can_fork`).
    """
    results: dict[int, Result] = {}
    try:
        with _results_file() as descriptor:
            _share(runs, do_run, encode, decode, on_done, results, descriptor)
    except _NoWorker:
        pass  # no memory to share, no file, no process left: every run is done here
    for run in range(runs):
        if run not in results:  # the worker died before finishing it, or never was
            results[run] = do_run(run)
            if on_done is not None:
                on_done(run)
    return [results[run] for run in range(runs)]


class _NoWorker(Exception):
    """A worker could not be set up."""


def _share(
    runs: int,
    do_run: Callable[[int], Result],
    encode: Callable[[Result], bytes],
    decode: Callable[[bytes], Result],
    on_done: Callable[[int], None] | None,
    results: dict[int, Result],
    descriptor: int,
) -> None:
    """Fill in ``results`` with this process's runs and the worker's."""
    lock = _Lock(descriptor)
    try:
        with lock:  # a file system without record locks says so here
            slots = mmap.mmap(-1, _SLOT.size * runs)
        pid = os.fork()
    except OSError as error:
        raise _NoWorker from error
    if pid == 0:  # pragma: no cover - the worker; its runs are checked by the parent's tests
        status = 1
        try:
            _work(runs, do_run, encode, lock, slots, descriptor)
            status = 0
        finally:
            os._exit(status)
    reaped = False
    try:
        for run in range(runs):
            if not _claim(lock, slots, run, _PARENT):
                break
            results[run] = do_run(run)
            if on_done is not None:
                on_done(run)
            _take_done(slots, descriptor, decode, results, on_done, lock, after=run, runs=runs)
        os.waitpid(pid, 0)
        reaped = True
    finally:
        if not reaped:
            stop_child(pid)
    _take_done(slots, descriptor, decode, results, on_done, lock, after=-1, runs=runs)


def _work(
    runs: int,
    do_run: Callable[[int], Result],
    encode: Callable[[Result], bytes],
    lock: _Lock,
    slots: mmap.mmap,
    descriptor: int,
) -> None:  # pragma: no cover - runs in the worker
    offset = 0
    with gc_paused():
        for run in reversed(range(runs)):
            if not _claim(lock, slots, run, _WORKER):
                return
            data = memoryview(encode(do_run(run)))
            written = 0
            while written < len(data):
                written += os.pwrite(descriptor, data[written:], offset + written)
            with lock:
                _SLOT.pack_into(slots, run * _SLOT.size, _DONE, offset, len(data))
            offset += len(data)


class _Lock:
    """An exclusive POSIX record lock on a file: held by one process at a time (a
    forked child is another process), and a full memory barrier for the shared slots."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor

    def __enter__(self) -> None:
        fcntl.lockf(self._descriptor, fcntl.LOCK_EX, 1)

    def __exit__(self, *_: object) -> None:
        fcntl.lockf(self._descriptor, fcntl.LOCK_UN, 1)


def _claim(lock: _Lock, slots: mmap.mmap, run: int, by: int) -> bool:
    """Claim ``run`` for ``by`` if nobody has it yet."""
    at = run * _SLOT.size
    with lock:
        if slots[at] != _FREE:
            return False
        slots[at] = by
        return True


def _take_done(
    slots: mmap.mmap,
    descriptor: int,
    decode: Callable[[bytes], Result],
    results: dict[int, Result],
    on_done: Callable[[int], None] | None,
    lock: _Lock,
    *,
    after: int,
    runs: int,
) -> None:
    """Read the runs after ``after`` that the worker has finished, from the last back
    (the order it does them in), so reading them is shared out with the work."""
    for run in range(runs - 1, after, -1):
        if run in results:
            continue
        with lock:
            state, offset, length = _SLOT.unpack_from(slots, run * _SLOT.size)
        if state != _DONE:
            if after >= 0:
                return
            continue
        try:
            results[run] = decode(_read_exactly(descriptor, length, offset))
        except Exception:  # a result that cannot be read: the run is done here
            continue
        if on_done is not None:
            on_done(run)


def _read_exactly(descriptor: int, length: int, offset: int) -> bytes:
    chunks = []
    while length > 0:
        chunk = os.pread(descriptor, length, offset)
        if not chunk:  # pragma: no cover - the worker said it wrote more than the file holds
            raise OSError("result file cut short")
        chunks.append(chunk)
        length -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)


@contextlib.contextmanager
def _results_file() -> Iterator[int]:
    """A file descriptor for the worker's results, gone when closed."""
    if hasattr(os, "memfd_create"):
        try:
            descriptor = os.memfd_create("dehub-results", getattr(os, "MFD_CLOEXEC", 0))
        except OSError:
            descriptor = -1
    else:  # pragma: no cover - not Linux
        descriptor = -1
    if descriptor < 0:  # pragma: no cover - no memfd
        import tempfile

        try:
            with tempfile.TemporaryFile() as stream:  # unlinked: gone with the last descriptor
                descriptor = os.dup(stream.fileno())
        except OSError as error:
            raise _NoWorker from error
    try:
        yield descriptor
    finally:
        os.close(descriptor)
