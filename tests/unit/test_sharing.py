"""Runs shared with a forked worker: every run done once, in order, whatever the worker does."""

from __future__ import annotations

import os
import time

import msgspec
import pytest

from dehub_cli import sharing
from dehub_cli.sharing import share_runs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

Done = tuple[int, int]
"""(run, process id of the process that did it)."""


def slow_run(run: int) -> Done:
    time.sleep(0.02)  # long enough for the worker to start while this process works
    return run, os.getpid()


def encode(result: Done) -> bytes:
    return msgspec.msgpack.encode(result)


def decode(data: bytes) -> Done:
    return msgspec.msgpack.decode(data, type=tuple[int, int])


def test_every_run_is_done_once_in_order_by_both_processes() -> None:
    finished: list[int] = []
    results = share_runs(30, slow_run, encode, decode, finished.append)
    assert [run for run, _ in results] == list(range(30))
    assert sorted(finished) == list(range(30))
    doers = [pid for _, pid in results]
    assert doers[0] == os.getpid() != doers[-1]  # this process from the first, the worker back
    switch = doers.index(doers[-1])
    assert doers == [os.getpid()] * switch + [doers[-1]] * (30 - switch)


def test_large_results_come_back_whole() -> None:
    def big(run: int) -> bytes:
        time.sleep(0.02)
        return bytes([run]) * 300_000 + os.getpid().to_bytes(4)  # more than a pipe holds

    results = share_runs(8, big, bytes, bytes)
    assert [result[:-4] for result in results] == [bytes([run]) * 300_000 for run in range(8)]
    assert int.from_bytes(results[-1][-4:]) != os.getpid()  # the worker's, through the file


def test_a_worker_that_dies_leaves_its_runs_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def die_after_claiming(
        runs: int, do_run: object, encode: object, lock: object, slots: object, descriptor: int
    ) -> None:
        sharing._claim(lock, slots, runs - 1, sharing._WORKER)  # type: ignore[arg-type]
        os._exit(3)  # mid-run: the run is claimed, never finished

    monkeypatch.setattr(sharing, "_work", die_after_claiming)
    finished: list[int] = []
    results = share_runs(6, slow_run, encode, decode, finished.append)
    assert results == [(run, os.getpid()) for run in range(6)]
    assert sorted(finished) == list(range(6))


def test_runs_a_dead_worker_finished_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    real_work = sharing._work

    def finish_then_die(
        runs: int,
        do_run: object,
        encode: object,
        lock: object,
        slots: object,
        descriptor: int,
    ) -> None:
        real_work(runs, do_run, encode, lock, slots, descriptor)  # type: ignore[arg-type]
        os._exit(3)  # after its runs, before a clean exit

    monkeypatch.setattr(sharing, "_work", finish_then_die)
    results = share_runs(12, slow_run, encode, decode)
    assert [run for run, _ in results] == list(range(12))
    assert results[-1][1] != os.getpid()  # the worker's result was kept


def test_without_a_fork_every_run_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # EAGAIN: no process left

    monkeypatch.setattr("dehub_cli.sharing.os.fork", no_fork)
    finished: list[int] = []
    results = share_runs(5, slow_run, encode, decode, finished.append)
    assert results == [(run, os.getpid()) for run in range(5)]
    assert finished == list(range(5))


def test_without_record_locks_every_run_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(*_: object) -> None:
        raise OSError(37, "No locks available")  # ENOLCK

    monkeypatch.setattr("dehub_cli.sharing.fcntl.lockf", no_locks)
    results = share_runs(3, slow_run, encode, decode)
    assert results == [(run, os.getpid()) for run in range(3)]


def test_a_run_whose_result_is_none_is_done_once() -> None:
    def nothing(run: int) -> None:
        time.sleep(0.02)

    finished: list[int] = []
    results = share_runs(
        12, nothing, msgspec.msgpack.encode, msgspec.msgpack.decode, finished.append
    )
    assert results == [None] * 12
    assert sorted(finished) == list(range(12))  # never done again as if missing


def test_a_result_that_cannot_be_read_is_done_here() -> None:
    def decode_all_but_the_last(data: bytes) -> Done:
        run, pid = decode(data)
        if run == 11:
            raise msgspec.DecodeError("damaged")
        return run, pid

    finished: list[int] = []
    results = share_runs(12, slow_run, encode, decode_all_but_the_last, finished.append)
    assert [run for run, _ in results] == list(range(12))
    assert results[11] == (11, os.getpid())  # the worker's answer was unreadable: redone here
    assert results[10][1] != os.getpid()  # the worker's others were kept
    assert sorted(finished) == list(range(12))
