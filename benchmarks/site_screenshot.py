"""Take the screenshot of the home page shown in README.md (docs/site-home.png).

    python -m benchmarks.site_screenshot [--out docs/site-home.png] [--width 1280]

Builds the site of the shipped registry (data/) into a temporary directory, serves it on
127.0.0.1 and photographs en/index.html with headless Chromium (Debian's ``chromium``,
driven by playwright, as the browser tests do). Not run by the tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.site.browser import chromium, serve

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "site-home.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1400, help="the part of the page shown")
    parser.add_argument("--page", default="en/index.html")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dehub-screenshot-") as tmp:
        site = Path(tmp) / "_site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dehub_cli",
                "site",
                "build",
                str(site),
                "--data",
                str(REPO / "data"),
            ],
            check=True,
        )
        with serve(site) as base, chromium() as browser:
            page = browser.new_page()
            page.set_viewport_size({"width": args.width, "height": args.height})
            page.goto(base + args.page)
            page.screenshot(path=str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
