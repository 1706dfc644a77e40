"""Benchmark dehub on synthetic registries of several sizes; print figures, ratios and goals.

    python -m benchmarks.bench [--sizes 1000,10000,100000] [--repeat 5] [--skip-jsonschema]

Writes synthetic registries to a temporary directory (never into data/), then times
whole CLI runs as a user would see them, median of ``--repeat`` runs. PYTHONDONTWRITEBYTECODE
is unset for the children and each command runs once before it is timed, so bytecode is
written as on a user's machine. The floor is Python starting and importing typer, rich,
pydantic and yaml; warm validate is compared with it by alternating their runs (see
:func:`alternated_ratio`). Goals are issue 10's; a ratio column shows how each figure grows from
one size to the next (linear growth is the size ratio, 10x).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.synth import write_synthetic_registry

FLOOR = [sys.executable, "-c", "import typer, rich.table, pydantic, yaml"]
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


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
    command: Sequence[str],
    env: dict[str, str],
    repeat: int,
    *,
    warm: bool = True,
    before: Callable[[], None] | None = None,
) -> float:
    if warm:
        time_once(command, env)
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        times.append(time_once(command, env))
    return statistics.median(times)


def alternated_ratio(
    command: Sequence[str], reference: Sequence[str], env: dict[str, str], repeat: int
) -> float:
    """Median time of ``command`` over that of ``reference``, their runs alternated.

    A ratio of two timings taken minutes apart means little on a host whose speed
    moves by a factor of two within the hour (the floor measured at the start took
    0.118 s in one run and 0.216 s in another); alternating their runs compares them
    under the same conditions.
    """
    time_once(command, env)
    time_once(reference, env)
    times: list[float] = []
    references: list[float] = []
    for _ in range(repeat):
        references.append(time_once(reference, env))
        times.append(time_once(command, env))
    return statistics.median(times) / statistics.median(references)


def peak_mb(command: Sequence[str], env: dict[str, str]) -> float:
    completed = subprocess.run(
        [sys.executable, "-c", PEAK, *command], env=env, capture_output=True, text=True, check=True
    )
    return int(completed.stdout.strip()) / 1024


@dataclass
class Row:
    """One figure measured at every size."""

    label: str
    values: dict[int, float] = field(default_factory=dict)
    unit: str = "s"
    goals: dict[int, tuple[str, bool]] = field(default_factory=dict)
    """Size -> (goal text, met)."""


def measure(size: int, base: Path, repeat: int, rows: dict[str, Row]) -> Path:
    data = write_synthetic_registry(base / f"data-{size}", size)
    cache = base / f"cache-{size}"
    env = child_env(cache)
    dehub = [*dehub_command()]
    on_data = ["--data", str(data)]

    def row(key: str, label: str, unit: str = "s") -> Row:
        return rows.setdefault(key, Row(label, unit=unit))

    cold = median_time([*dehub, "validate", *on_data, "--no-cache"], env, repeat)
    row("cold", "validate, cold (--no-cache)").values[size] = cold
    shutil.rmtree(cache, ignore_errors=True)
    first = time_once([*dehub, "validate", *on_data], env)
    row("first", "validate, first run (writes the cache)").values[size] = first
    warm = median_time([*dehub, "validate", *on_data], env, repeat)
    row("warm", "validate, no file changed").values[size] = warm

    edited = data / "orgs" / "org-00007.yaml"
    original = edited.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def edit_one() -> None:
        edited.write_text(original.replace("name: ", f"name: Edit{next(counter)} ", 1), "utf-8")

    after_edit = median_time(
        [*dehub, "validate", *on_data], env, repeat, warm=False, before=edit_one
    )
    edited.write_text(original, encoding="utf-8")
    row("edit", "validate after editing one file").values[size] = after_edit
    queries = {
        "list": ("list orgs --sector fintech", ["list", "orgs", "--sector", "fintech"]),
        "show": ("show org-00042", ["show", "org-00042"]),
        "report": ("report", ["report"]),
        "search": ("search Nuernberg", ["search", "Nuernberg"]),
    }
    for key, (label, command) in queries.items():
        seconds = median_time([*dehub, *command, *on_data, "--format", "json"], env, repeat)
        row(key, f"{label} (cache)").values[size] = seconds
    row("peak", "peak memory, cold validate", unit="MB").values[size] = peak_mb(
        [*dehub, "validate", *on_data, "--no-cache"], env
    )
    if size == 10_000:
        ratio = alternated_ratio([*dehub, "validate", *on_data], FLOOR, env, max(repeat, 7))
        rows["warm"].goals[size] = (f"< 2x floor: {ratio:.2f}x, runs alternated", ratio < 2)
    if size == 100_000:
        rows["cold"].goals[size] = ("< 6 s", cold < 6)
        rows["edit"].goals[size] = ("< 1.2 s", after_edit < 1.2)
        for key in ("list", "show", "report"):
            rows[key].goals[size] = ("< 1 s", rows[key].values[size] < 1)
        rows["peak"].goals[size] = ("< 600 MB", rows["peak"].values[size] < 600)
    return data


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


def print_table(rows: dict[str, Row], sizes: list[int], floor: float) -> None:
    header = ["figure", *(f"{size:,} orgs" for size in sizes)]
    header += [f"x{b // a} growth" for a, b in itertools.pairwise(sizes)]
    header += ["goal", "verdict"]
    lines = [header]
    lines.append(["floor: python + import typer, rich, pydantic, yaml", f"{floor:.3f} s"])
    for row in rows.values():
        cells = [row.label]
        for size in sizes:
            value = row.values.get(size)
            cells.append("n/a" if value is None else f"{value:.3f} {row.unit}")
        for a, b in itertools.pairwise(sizes):
            if a in row.values and b in row.values and row.values[a] > 0:
                cells.append(f"{row.values[b] / row.values[a]:.1f}x")
            else:
                cells.append("")
        goal_texts = [f"{size:,}: {text}" for size, (text, _) in sorted(row.goals.items())]
        verdicts = [("PASS" if met else "FAIL") for _, met in row.goals.values()]
        cells += ["; ".join(goal_texts), " ".join(verdicts)]
        lines.append(cells)
    widths = [
        max(len(line[index]) for line in lines if index < len(line)) for index in range(len(header))
    ]
    for line in lines:
        print("  ".join(cell.ljust(widths[index]) for index, cell in enumerate(line)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="organisations, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--skip-jsonschema", action="store_true", help="skip the slow comparison")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    with tempfile.TemporaryDirectory(prefix="dehub-bench-") as tmp:
        base = Path(tmp)
        env = child_env(base / "cache")
        floor = median_time(FLOOR, env, args.repeat)
        help_time = median_time([*dehub_command(), "--help"], env, args.repeat)
        rows: dict[str, Row] = {}
        datas = {size: measure(size, base, args.repeat, rows) for size in sizes}
        reference = None
        if not args.skip_jsonschema and 10_000 in datas:
            reference = jsonschema_time(datas[10_000], env)

    print(f"dehub benchmark: median of {args.repeat}, {os.cpu_count()} cores, {os.uname().machine}")
    print(
        f"dehub --help: {help_time:.3f} s (goal < 0.25 s: {'PASS' if help_time < 0.25 else 'FAIL'})"
    )
    print_table(rows, sizes, floor)
    if reference is not None:
        ratio = reference / rows["cold"].values[10_000]
        verdict = "PASS" if ratio >= 20 else "FAIL"
        print(
            f"check-jsonschema on the same 10,000 org files: {reference:.2f} s; "
            f"dehub cold validate is {ratio:.1f}x faster (goal >= 20x: {verdict})"
        )
    elif not args.skip_jsonschema:
        print("check-jsonschema: not installed (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
