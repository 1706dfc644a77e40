"""Benchmark dehub on a synthetic registry and print the figures next to their goals.

    python -m benchmarks.bench [--orgs 10000] [--repeat 5] [--skip-jsonschema]

Writes a synthetic registry to a temporary directory (never into data/), then times
whole CLI runs as a user would see them. PYTHONDONTWRITEBYTECODE is unset for the
children and each command runs once before it is timed, so bytecode is written as on
a user's machine. The floor is the time Python takes to start and import typer,
rich, pydantic and yaml.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.synth import write_synthetic_registry

FLOOR = [sys.executable, "-c", "import typer, rich.table, pydantic, yaml"]


def dehub_command() -> list[str]:
    script = Path(sys.executable).with_name("dehub")
    if script.exists():
        return [str(script)]
    found = shutil.which("dehub")
    return [found] if found else [sys.executable, "-m", "dehub_cli"]


def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["DEHUB_CACHE_DIR"] = str(cache)
    env["NO_COLOR"] = "1"
    return env


def time_once(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        message = completed.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"{' '.join(command)} exited {completed.returncode}: {message}")
    return elapsed


def median_time(
    command: Sequence[str], env: dict[str, str], repeat: int, *, warm: bool = True
) -> float:
    if warm:
        time_once(command, env)
    return statistics.median(time_once(command, env) for _ in range(repeat))


def has_command(name: str) -> bool:
    completed = subprocess.run(
        [*dehub_command(), name, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return completed.returncode == 0


def jsonschema_time(data: Path, env: dict[str, str]) -> float | None:
    tool = Path(sys.executable).with_name("check-jsonschema")
    if not tool.exists():
        found = shutil.which("check-jsonschema")
        if found is None:
            return None
        tool = Path(found)
    from dehub_cli.models import Org

    schema = data.parent / "org.schema.json"
    schema.write_text(json.dumps(Org.model_json_schema()), encoding="utf-8")
    files = sorted(str(path) for path in (data / "orgs").glob("*.yaml"))
    return time_once([str(tool), "--schemafile", str(schema), *files], env)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=10_000, help="organisations to generate")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--skip-jsonschema", action="store_true", help="skip the slow comparison")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dehub-bench-") as tmp:
        base = Path(tmp)
        data = write_synthetic_registry(base / "data", args.orgs)
        cache = base / "cache"
        env = child_env(cache)
        dehub = dehub_command()
        on_data = ["--data", str(data)]
        rows: list[tuple[str, float, str, bool | None]] = []

        floor = median_time(FLOOR, env, args.repeat)
        rows.append(("floor: python + import typer, rich, pydantic, yaml", floor, "", None))
        help_time = median_time([*dehub, "--help"], env, args.repeat)
        rows.append(("dehub --help", help_time, "< 0.25 s", help_time < 0.25))

        cold = median_time(
            [*dehub, "validate", *on_data, "--no-cache"], env, max(3, args.repeat // 2)
        )
        rows.append(
            (f"validate {args.orgs:,} orgs, cold (--no-cache)", cold, "< 1.5 s", cold < 1.5)
        )

        first_runs = []
        for _ in range(3):
            shutil.rmtree(cache, ignore_errors=True)
            first_runs.append(time_once([*dehub, "validate", *on_data], env))
        first = statistics.median(first_runs)
        rows.append(("validate, first run (reads all, writes cache)", first, "", None))

        cached_goal = 3 * floor
        cached = median_time([*dehub, "validate", *on_data], env, args.repeat)
        rows.append(
            (
                "validate, no file changed (cache)",
                cached,
                f"< {cached_goal:.2f} s (3x floor)",
                cached < cached_goal,
            )
        )
        queries = [
            (
                "list orgs --sector fintech",
                ["list", "orgs", "--sector", "fintech", "--format", "json"],
            ),
            ("show org-00042", ["show", "org-00042", "--format", "json"]),
            ("show berlin", ["show", "berlin", "--format", "json"]),
            ("search 'Nuernberg'", ["search", "Nuernberg", "--format", "json"]),
            ("report", ["report", "--format", "json"]),
            ("report --year 2020", ["report", "--year", "2020", "--format", "json"]),
        ]
        for label, command in queries:
            if not has_command(command[0]):
                rows.append((f"{label} (command not available)", float("nan"), "", None))
                continue
            seconds = median_time([*dehub, *command[:1], *on_data, *command[1:]], env, args.repeat)
            if command[0] == "search":  # issue 3 asks "well under a second" of search
                rows.append((f"{label} (cache)", seconds, "< 1 s", seconds < 1.0))
            else:
                goal = f"< {cached_goal:.2f} s (3x floor)"
                rows.append((f"{label} (cache)", seconds, goal, seconds < cached_goal))

        if not args.skip_jsonschema:
            reference = jsonschema_time(data, env)
            if reference is None:
                rows.append(
                    (
                        "check-jsonschema (not installed: pip install -e '.[bench]')",
                        float("nan"),
                        "",
                        None,
                    )
                )
            else:
                rows.append(("check-jsonschema, same org files (schema only)", reference, "", None))
                ratio = reference / cold
                rows.append((f"  dehub cold is {ratio:.1f}x faster", ratio, ">= 8x", ratio >= 8))

    width = max(len(label) for label, *_ in rows)
    print(
        f"dehub benchmark: {args.orgs:,} organisations, median of {args.repeat}, {os.cpu_count()} cores"
    )
    for label, value, goal, passed in rows:
        figure = (
            "   n/a "
            if value != value
            else (
                f"{value:6.1f}x" if label.strip().startswith("dehub cold is") else f"{value:6.3f}s"
            )
        )
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        print(f"{label.ljust(width)}  {figure}  {goal:<24} {verdict}")


if __name__ == "__main__":
    main()
