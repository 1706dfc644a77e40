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
import tempfile
import time
from pathlib import Path

from benchmarks.bench import child_env, dehub_command, median_time
from benchmarks.synth import write_synthetic_registry

GOAL = 10.0
HOME_GOAL = 200 * 1024


def phases(data: Path, out: Path) -> list[tuple[str, float]]:
    """Seconds per phase of one build, in this process, the registry read without cache."""
    import dehub_cli
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.loadresult import gc_paused
    from dehub_cli.site.build import SiteOptions, build_site

    marks = [("start", time.perf_counter())]
    registry = dehub_cli.load(data, use_cache=False).registry
    marks.append(("load and validate (no cache)", time.perf_counter()))
    with gc_paused():  # as the command does
        dataset = build_dataset(registry, today=dt.date(2026, 11, 28))
        marks.append(("build the dataset", time.perf_counter()))
        build_site(dataset, out, SiteOptions())
        marks.append(("render and write the site", time.perf_counter()))
    return [(label, end - marks[index][1]) for index, (label, end) in enumerate(marks[1:])]


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
        build = [*dehub_command(), "site", "build", str(out), "--data", str(data)]
        rows: list[tuple[str, float, str, bool | None]] = []

        cold = median_time([*build, "--no-cache"], env, args.repeat)
        rows.append((f"site build, {args.orgs:,} orgs, cold", cold, f"< {GOAL:.0f} s", cold < GOAL))
        warm = median_time(build, env, args.repeat)
        rows.append(("site build, registry cached", warm, f"< {GOAL:.0f} s", warm < GOAL))
        files, size = tree_size(out)
        pages = sum(1 for _ in out.rglob("*.html"))
        home = sum(
            (out / path).stat().st_size
            for path in ("en/index.html", "assets/site.css", "assets/site.js", "assets/favicon.svg")
        )
        for label, seconds in phases(data, base / "phases"):
            rows.append((f"  {label}", seconds, "", None))

    width = max(len(label) for label, *_ in rows)
    print(
        f"dehub site benchmark: {args.orgs:,} organisations, median of {args.repeat}, "
        f"{os.cpu_count()} cores"
    )
    for label, value, goal, passed in rows:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        print(f"{label.ljust(width)}  {value:6.2f}s  {goal:<10} {verdict}")
    print(f"site: {pages:,} HTML pages, {files:,} files, {size / 1_048_576:.1f} MB")
    verdict = "PASS" if home < HOME_GOAL else "FAIL"
    print(
        f"home page (HTML + CSS + JS + icon): {home / 1024:.1f} KB  < {HOME_GOAL // 1024} KB  "
        f"{verdict}"
    )


if __name__ == "__main__":
    main()
