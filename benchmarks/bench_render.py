"""Time the render layer alone, in-process: the registry is loaded once, then each result
is rendered in each format (median of ``--repeat``), so load time hides nothing.

    python -m benchmarks.bench_render --data /tmp/big/data [--repeat 5] [--save DIR]

Results: ``list orgs --sector fintech``, ``report`` (yearly), ``report --year`` (the
tables of one day), ``show org-00042``, ``search Nuernberg``. ``table`` is rendered as on
a pipe (unlimited width) and at 100 and 60 columns. ``--save DIR`` writes every rendering
to ``DIR`` (to compare before and after a change byte for byte).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from dehub_cli.render import RenderOptions
from dehub_cli.render.formats import capabilities_of, find_format

SHOW_ID = "org-00042"
WIDTHS: tuple[int | None, ...] = (None, 100, 60)


def results(data: Path) -> dict[str, Any]:
    """The results of the benchmarked commands, built once."""
    from dehub_cli import load
    from dehub_cli.query import OrgQuery, list_orgs, org_detail
    from dehub_cli.query.resolve import resolve_sector
    from dehub_cli.query.search import search
    from dehub_cli.report import build_day_report, build_yearly_report

    registry = load(data).registry
    today = dt.date.today()
    listing = list_orgs(registry, OrgQuery(today, sector=resolve_sector(registry, "fintech")))
    return {
        "list": listing,
        "report": build_yearly_report(registry, today),
        "report-year": build_day_report(registry, dt.date(today.year - 1, 12, 31)),
        "show": org_detail(registry, SHOW_ID, today),
        "search": search(registry, "Nuernberg"),
    }


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the registry directory")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--save", type=Path, help="write every rendering into this directory")
    args = parser.parse_args()

    built = results(args.data)
    print(f"render times, median of {args.repeat} ({len(built['list'].rows):,} listed rows)")
    for name, result in built.items():
        capabilities = capabilities_of(type(result))
        for fmt in ("table", "csv", "json", "yaml", "markdown"):
            chosen = find_format(fmt, capabilities)
            for width in WIDTHS if fmt == "table" else (None,):
                options = RenderOptions(width=width)
                label = f"{name} -f {fmt}" + (f" width {width}" if width else "")
                seconds = median_seconds(partial(chosen.render, result, options), args.repeat)
                print(f"  {label:<32} {seconds * 1000:9.1f} ms")
                if args.save is not None:
                    args.save.mkdir(parents=True, exist_ok=True)
                    stem = label.replace(" ", "_").replace("-f_", "")
                    (args.save / f"{stem}.txt").write_text(
                        chosen.render(result, options), encoding="utf-8"
                    )


if __name__ == "__main__":
    main()
