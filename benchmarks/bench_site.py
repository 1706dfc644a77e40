"""Benchmark ``dehub site build`` on a synthetic registry and print the figures next to the goal.

    python -m benchmarks.bench_site [--orgs 10000] [--repeat 3]

Writes a synthetic registry to a temporary directory (never into data/), times whole CLI
runs as ``benchmarks.bench`` does, then shows where a build's time goes, in-process.
Goal (issue 13): ``site build`` of 10,000 organisations (20,000 organisation pages in
two languages, the JSON API, feed and badges) under 10 s; the home page under 200 KB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench import child_env, dehub_command, time_once
from benchmarks.bench_export import child_cpu
from benchmarks.synth import write_synthetic_registry

GOAL = 10.0
HOME_GOAL = 200 * 1024


def phases(data: Path, out: Path) -> list[tuple[str, float, float]]:
    """Wall and CPU seconds (workers included) per phase of one build, in this process."""
    import dehub_cli
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.site.build import SiteOptions, build_site

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime + child_cpu()

    marks = [("start", time.perf_counter(), cpu())]
    registry = dehub_cli.load(data, use_cache=False).registry
    marks.append(("load and validate (no cache)", time.perf_counter(), cpu()))
    with gc_paused():  # as the command does
        dataset = build_dataset(registry, today=dt.date(2026, 11, 28))
        marks.append(("build the dataset", time.perf_counter(), cpu()))
        build_site(dataset, out, SiteOptions())
        marks.append(("render and write the site", time.perf_counter(), cpu()))
    return [
        (label, wall - marks[index][1], used - marks[index][2])
        for index, (label, wall, used) in enumerate(marks[1:])
    ]


def timed_builds(
    command: list[str], out: Path, env: dict[str, str], repeat: int, *, fresh: bool
) -> tuple[float, float]:
    """Median wall and CPU seconds of ``command OUT``. ``fresh``: each run into a new
    directory (none is deleted between runs: on this machine's disk, the kernel's work for
    a tree just deleted lands on the next build); else replacing the previous site at
    ``out``, its removal timed too."""
    time_once([*command, str(out)], env)
    walls, cpus = [], []
    for run in range(repeat):
        target = out.with_name(f"{out.name}-{'fresh' if fresh else 'same'}-{run}") if fresh else out
        before = child_cpu()
        walls.append(time_once([*command, str(target)], env))
        cpus.append(child_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


WIDTH = 44


def row(label: str, wall: float, cpu: float, passed: bool | None) -> None:
    """One figure, printed as soon as it is measured."""
    goal = f"< {GOAL:.0f} s" if passed is not None else ""
    verdict = "" if passed is None else ("PASS" if passed else "FAIL")
    print(f"{label.ljust(WIDTH)}  {wall:6.2f}s  {cpu:6.2f}s  {goal:<8} {verdict}", flush=True)


def tree_size(root: Path) -> tuple[int, int]:
    """(files, bytes) under ``root``."""
    files = size = 0
    for directory, _, names in os.walk(root):
        files += len(names)
        size += sum(os.path.getsize(os.path.join(directory, name)) for name in names)
    return files, size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=10_000, help="organisations to generate")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dehub-bench-site-") as tmp:
        base = Path(tmp)
        data = write_synthetic_registry(base / "data", args.orgs)
        out = base / "_site"
        env = child_env(base / "cache")
        build = [*dehub_command(), "site", "build", "--data", str(data)]
        print(
            f"dehub site benchmark: {args.orgs:,} organisations, median of {args.repeat}, "
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start"
        )
        print(f"{'':{WIDTH}}     wall      CPU  goal", flush=True)

        wall, cpu = timed_builds(
            [*build, "--no-cache"], base / "cold", env, args.repeat, fresh=True
        )
        row(f"site build, {args.orgs:,} orgs, cold", wall, cpu, wall < GOAL)
        wall, cpu = timed_builds(build, base / "cached", env, args.repeat, fresh=True)
        row("site build, registry cached", wall, cpu, wall < GOAL)
        wall, cpu = timed_builds(build, out, env, args.repeat, fresh=False)
        row("site build, replacing the previous site", wall, cpu, None)
        files, size = tree_size(out)
        pages = sum(1 for _ in out.rglob("*.html"))
        home = sum(
            (out / path).stat().st_size
            for path in ("en/index.html", "assets/site.css", "assets/site.js", "assets/favicon.svg")
        )
        for label, wall, cpu in phases(data, base / "phases"):
            row(f"  in-process: {label}", wall, cpu, None)

    print(f"site: {pages:,} HTML pages, {files:,} files, {size / 1_048_576:.1f} MB")
    verdict = "PASS" if home < HOME_GOAL else "FAIL"
    print(
        f"home page (HTML + CSS + JS + icon): {home / 1024:.1f} KB  < {HOME_GOAL // 1024} KB  "
        f"{verdict}"
    )


if __name__ == "__main__":
    main()
