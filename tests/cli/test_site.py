"""``dehub site build``: options, exit codes and messages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dehub_cli.cli import common
from tests.helpers import hub, org, run, write_registry
from tests.site.conftest import site_registry


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: dt.date(2026, 11, 28))


def test_builds_the_site(tmp_path: Path) -> None:
    data = site_registry(tmp_path)
    out = tmp_path / "_site"
    result = run("site", "build", str(out), "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(
        rf"wrote {re.escape(str(out))}: 43 pages in en, de \(66 files, 0\.2 MB; home page \d\d KB\) "
        r"as of 2026-11-28 in \d+\.\d s\n",
        result.stderr,
    ), result.stderr
    assert (out / "en/hubs/dortmund/index.html").is_file()
    assert '"as_of": "2026-11-28"' in (out / "api/index.json").read_text()


def test_options(tmp_path: Path) -> None:
    data = site_registry(tmp_path)
    out = tmp_path / "site"
    result = run(
        "site",
        "build",
        str(out),
        "--data",
        str(data),
        "--lang",
        "de",
        "--as-of",
        "2019",
        "--base-url",
        "https://example.org/dehub/",
        "--license",
        "CC0-1.0",
        "--source-url",
        "https://example.org/repo",
    )
    assert result.exit_code == 0, result.stderr
    assert not (out / "en").exists()
    page = (out / "de/index.html").read_text(encoding="utf-8")
    assert "Datenstand: 31.12.2019." in page
    assert "Lizenz: CC0-1.0." in page
    assert '<li><a href="https://example.org/repo">Quelle</a></li>' in page
    assert "https://example.org/dehub/feed.xml" in (out / "feed.xml").read_text()


def test_default_output_is_site_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = site_registry(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("site", "build", "--data", str(data), "--lang", "en,de")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "_site/.dehub-site").is_file()


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--lang", "fr"], "error: unknown language 'fr'", "hint: choose one of: en, de"),
        (["--lang", "dee"], "error: unknown language 'dee'", "hint: did you mean 'de'?"),
        (
            ["--base-url", "example.org"],
            "error: --base-url must be an http(s) address, not 'example.org'",
            "hint: e.g. --base-url https://example.org/dehub/",
        ),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str, hint: str) -> None:
    data = site_registry(tmp_path)
    result = run("site", "build", str(tmp_path / "out"), "--data", str(data), *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message, hint]
    assert not (tmp_path / "out").exists()


def test_refuses_a_directory_that_is_not_a_site(tmp_path: Path) -> None:
    data = site_registry(tmp_path)
    result = run("site", "build", str(data), "--data", str(data))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: refusing to replace {data}: it is not a site built by dehub (no .dehub-site file)",
        "hint: choose a new or empty directory, or remove this one yourself",
    ]
    assert (data / "hubs/dortmund.yaml").is_file()


def test_a_registry_with_errors_builds_no_site(tmp_path: Path) -> None:
    data = write_registry(tmp_path, hubs=[hub("koeln")], orgs=[org("acme", kind="spaceship")])
    result = run("site", "build", str(tmp_path / "out"), "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: the registry has 1 error; no site built",
        "hint: run dehub validate and fix them: the site publishes only a valid registry",
    ]
    assert not (tmp_path / "out").exists()
