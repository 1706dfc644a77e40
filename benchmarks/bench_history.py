"""Benchmark ``dehub diff`` and ``dehub log`` on a git repository of a synthetic registry.

    python -m benchmarks.bench_history [--orgs 10000] [--changed 100] [--repeat 5]

Builds a repository in a temporary directory (never in data/): the synthetic registry
committed once, then ``--changed`` files changed (values, memberships ended, sources added,
renames, removals, additions) and committed. Times whole CLI runs as a user would see them.
Git runs without system or user configuration.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
from pathlib import Path

from benchmarks.bench import FLOOR, child_env, dehub_command, median_time
from benchmarks.synth import write_synthetic_registry

GOAL_SECONDS = 2.0


def git_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Benchmark",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="Benchmark",
        GIT_COMMITTER_EMAIL="bench@example.org",
    )
    return env


def git(root: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)


def change_files(orgs: Path, count: int) -> dict[str, int]:
    """Change ``count`` org files in several ways; returns how many of each."""
    files = sorted(orgs.glob("*.yaml"))
    step = max(1, len(files) // count)
    chosen = files[::step][:count]
    done = {"values": 0, "ended": 0, "sources": 0, "renamed": 0, "removed": 0, "added": 0}
    for index, path in enumerate(chosen):
        text = path.read_text(encoding="utf-8")
        kind = index % 10
        if kind in (0, 1, 2):
            text = re.sub(r"founded: \d+", "founded: 1999", text)
            path.write_text(text.replace('name: "', 'name: "Neue ', 1), encoding="utf-8")
            done["values"] += 1
        elif kind in (3, 4):
            ended = re.sub(
                r"(    since: [0-9-]+\n)(?!    until)", r"\1    until: 2026\n", text, count=1
            )
            path.write_text(ended, encoding="utf-8")
            done["ended"] += 1
        elif kind in (5, 6):
            extra = "  - url: https://example.org/press/2026\n    title: Press release 2026\n"
            path.write_text(text + extra, encoding="utf-8")
            done["sources"] += 1
        elif kind == 7:
            new_id = path.stem + "-gmbh"
            (orgs / f"{new_id}.yaml").write_text(
                text.replace(f"id: {path.stem}\n", f"id: {new_id}\n"), encoding="utf-8"
            )
            path.unlink()
            done["renamed"] += 1
        elif kind == 8:
            path.unlink()
            done["removed"] += 1
        else:
            new_id = path.stem + "-neu"
            (orgs / f"{new_id}.yaml").write_text(
                text.replace(f"id: {path.stem}\n", f"id: {new_id}\n").replace(
                    'name: "', 'name: "Ganz Neu ', 1
                ),
                encoding="utf-8",
            )
            done["added"] += 1
    return done


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=10_000, help="organisations to generate")
    parser.add_argument("--changed", type=int, default=100, help="files to change")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dehub-bench-history-") as tmp:
        base = Path(tmp)
        root = base / "registry"
        root.mkdir()
        home = base / "home"
        home.mkdir()
        env = git_env(home)
        write_synthetic_registry(root / "data", args.orgs)
        git(root, env, "init", "-q", "-b", "main")
        git(root, env, "add", "-A")
        git(root, env, "commit", "-q", "-m", "synthetic registry")
        done = change_files(root / "data" / "orgs", args.changed)
        git(root, env, "add", "-A")
        git(root, env, "commit", "-q", "-m", f"{args.changed} files changed")

        run_env = child_env(base / "cache") | {
            key: value for key, value in env.items() if key.startswith(("GIT_", "HOME", "XDG"))
        }
        dehub = dehub_command()
        on_data = ["--data", str(root / "data")]
        rows: list[tuple[str, float, float | None]] = [
            (
                "floor: python + import typer, rich, pydantic, yaml",
                median_time(FLOOR, run_env, args.repeat),
                None,
            ),
            ("dehub --help", median_time([*dehub, "--help"], run_env, args.repeat), None),
        ]
        for label, command, goal in (
            ("diff HEAD~1 HEAD (json)", ["diff", "HEAD~1", "HEAD", "-f", "json"], GOAL_SECONDS),
            ("diff HEAD~1 HEAD (markdown)", ["diff", "HEAD~1", "HEAD", "-f", "markdown"], None),
            ("diff HEAD~1 HEAD (github)", ["diff", "HEAD~1", "HEAD", "-f", "github"], None),
            ("diff HEAD (working tree, clean)", ["diff", "HEAD", "-f", "json"], None),
            ("log --limit 1", ["log", "--limit", "1", "-f", "json"], None),
        ):
            seconds = median_time(
                [*dehub, command[0], *on_data, *command[1:]], run_env, args.repeat
            )
            rows.append((label, seconds, goal))

    changes = ", ".join(f"{count} {kind}" for kind, count in done.items())
    print(
        f"dehub history benchmark: {args.orgs:,} organisations, {args.changed} files changed "
        f"({changes}); median of {args.repeat}, {os.cpu_count()} cores"
    )
    width = max(len(label) for label, *_ in rows)
    for label, seconds, goal in rows:
        verdict = "" if goal is None else ("PASS" if seconds < goal else "FAIL")
        goal_text = "" if goal is None else f"< {goal:.1f} s"
        print(f"{label.ljust(width)}  {seconds:6.3f}s  {goal_text:<10} {verdict}")


if __name__ == "__main__":
    main()
