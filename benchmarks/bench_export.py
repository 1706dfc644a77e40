"""Benchmark ``dehub export`` on a synthetic registry and print the figures next to the goal.

    python -m benchmarks.bench_export [--orgs 10000] [--repeat 5]

Writes a synthetic registry to a temporary directory (never into data/) and times whole
CLI runs, as ``benchmarks.bench`` does, then where an export's time goes, in-process.
Goal (issue 13): ``export --format sqlite`` of 10,000 organisations under 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench import child_env, dehub_command, time_once
from benchmarks.synth import write_synthetic_registry

GOAL = 3.0


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_times(command: list[str], env: dict[str, str], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``command`` after one warm-up run.

    CPU time (user + system of the child) hardly changes when other processes share
    the machine; wall-clock time is what a user waits for, and what the goal is about.
    """
    time_once(command, env)
    walls, cpus = [], []
    for _ in range(repeat):
        before = child_cpu()
        walls.append(time_once(command, env))
        cpus.append(child_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def phases(data: Path, out: Path) -> list[tuple[str, float, float]]:
    """Wall and CPU seconds per phase of one SQLite export, in this process (no cache)."""
    import dehub_cli
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.export.formats import write_export
    from dehub_cli.loadresult import gc_paused

    marks = [("start", time.perf_counter(), time.process_time())]
    registry = dehub_cli.load(data, use_cache=False).registry
    marks.append(("load and validate (no cache)", time.perf_counter(), time.process_time()))
    with gc_paused():  # as the command does
        dataset = build_dataset(registry, today=dt.date(2026, 11, 28))
        marks.append(
            ("build the dataset (documents, counts)", time.perf_counter(), time.process_time())
        )
        (out / "phases").mkdir()
        write_export(dataset, "sqlite", out / "phases" / "dehub.db")
        marks.append(("write SQLite + metadata.json", time.perf_counter(), time.process_time()))
    return [
        (label, wall - marks[index][1], cpu - marks[index][2])
        for index, (label, wall, cpu) in enumerate(marks[1:])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=10_000, help="organisations to generate")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dehub-bench-export-") as tmp:
        base = Path(tmp)
        data = write_synthetic_registry(base / "data", args.orgs)
        out = base / "out"
        out.mkdir()
        env = child_env(base / "cache")
        dehub = [*dehub_command(), "export", "--data", str(data)]
        rows: list[tuple[str, float, float | None, str, bool | None]] = []

        sqlite = [*dehub, "--format", "sqlite", "-o", str(out / "dehub.db")]
        goal = f"< {GOAL:.0f} s"
        cold, cold_cpu = median_times([*sqlite, "--no-cache"], env, max(3, args.repeat // 2))
        label = f"export --format sqlite, {args.orgs:,} orgs, cold"
        rows.append((label, cold, cold_cpu, goal, cold < GOAL))
        warm, warm_cpu = median_times(sqlite, env, args.repeat)
        rows.append(("export --format sqlite, registry cached", warm, warm_cpu, goal, warm < GOAL))
        for name in ("json", "csv"):
            command = [*dehub, "--format", name, "-o", str(out / name)]
            seconds, cpu = median_times(command, env, args.repeat)
            rows.append((f"export --format {name}, registry cached", seconds, cpu, "", None))
        size = (out / "dehub.db").stat().st_size
        rows += [(f"  {label}", wall, cpu, "", None) for label, wall, cpu in phases(data, out)]
        shutil.rmtree(out, ignore_errors=True)

    width = max(len(label) for label, *_ in rows)
    load = os.getloadavg()[0]
    print(
        f"dehub export benchmark: {args.orgs:,} organisations, median of {args.repeat}, "
        f"{os.cpu_count()} cores, load average {load:.1f}; dehub.db {size / 1e6:.1f} MB"
    )
    print("wall = seconds waited, cpu = user + system seconds of the command")
    print("in-process phases of one SQLite export are indented (cpu: this process only)")
    for label, wall, cpu_seconds, goal, passed in rows:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        cpu_text = f"{cpu_seconds:6.3f}s" if cpu_seconds is not None else " " * 7
        print(f"{label.ljust(width)}  {wall:6.3f}s  {cpu_text}  {goal:<8} {verdict}")


if __name__ == "__main__":
    main()
