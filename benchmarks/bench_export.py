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
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.bench import child_env, dehub_command, median_time
from benchmarks.synth import write_synthetic_registry

GOAL = 3.0


def phases(data: Path, out: Path) -> list[tuple[str, float]]:
    """Seconds per phase of one SQLite export, in this process, registry read without cache."""
    import dehub_cli
    from dehub_cli.export.dataset import build_dataset
    from dehub_cli.export.formats import write_export
    from dehub_cli.loadresult import gc_paused

    marks = [("start", time.perf_counter())]
    registry = dehub_cli.load(data, use_cache=False).registry
    marks.append(("load and validate (no cache)", time.perf_counter()))
    with gc_paused():  # as the command does
        dataset = build_dataset(registry, today=dt.date(2026, 11, 28))
        marks.append(("build the dataset (documents, counts)", time.perf_counter()))
        (out / "phases").mkdir()
        write_export(dataset, "sqlite", out / "phases" / "dehub.db")
        marks.append(("write SQLite + metadata.json", time.perf_counter()))
    return [(label, end - marks[index][1]) for index, (label, end) in enumerate(marks[1:])]


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
        rows: list[tuple[str, float, str, bool | None]] = []

        sqlite = [*dehub, "--format", "sqlite", "-o", str(out / "dehub.db")]
        cold = median_time([*sqlite, "--no-cache"], env, max(3, args.repeat // 2))
        rows.append(
            (
                f"export --format sqlite, {args.orgs:,} orgs, cold",
                cold,
                f"< {GOAL:.0f} s",
                cold < GOAL,
            )
        )
        warm = median_time(sqlite, env, args.repeat)
        rows.append(
            ("export --format sqlite, registry cached", warm, f"< {GOAL:.0f} s", warm < GOAL)
        )
        for name in ("json", "csv"):
            target = out / name
            seconds = median_time([*dehub, "--format", name, "-o", str(target)], env, args.repeat)
            rows.append((f"export --format {name}, registry cached", seconds, "", None))
        size = (out / "dehub.db").stat().st_size
        rows += [(f"  {label}", seconds, "", None) for label, seconds in phases(data, out)]
        shutil.rmtree(out, ignore_errors=True)

    width = max(len(label) for label, *_ in rows)
    print(
        f"dehub export benchmark: {args.orgs:,} organisations, median of {args.repeat}, "
        f"{os.cpu_count()} cores; dehub.db {size / 1e6:.1f} MB"
    )
    print("in-process phases of one SQLite export are indented")
    for label, value, goal, passed in rows:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        print(f"{label.ljust(width)}  {value:6.3f}s  {goal:<8} {verdict}")


if __name__ == "__main__":
    main()
