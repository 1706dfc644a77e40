"""``dehub export``: options, exit codes, messages, the registry's commit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from dehub_cli.cli import common
from dehub_cli.export import output
from tests.export.small_registry import TODAY
from tests.helpers import org, run, write_registry


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)


def test_sqlite_and_metadata(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "dehub.db"
    result = run("export", "--format", "sqlite", "-o", str(target), "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"wrote {target} and {tmp_path / 'metadata.json'}: 2 hubs, 4 organisations, "
        "5 memberships (active as of 2019-03-01)\n"
    )
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["dehub"]
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT value FROM export_info WHERE key = 'as_of'").fetchone() == (
        "2019-03-01",
    )
    connection.close()


def wrote(out: Path, as_of: str = "2019-03-01") -> str:
    return f"wrote {out}: 2 hubs, 4 organisations, 5 memberships (active as of {as_of})\n"


def test_as_of_month_means_its_last_day(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "api"
    result = run(
        "export", "-f", "json", "-o", str(out), "--as-of", "2018-06", "--data", str(data_dir)
    )
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", wrote(out, "2018-06-30"))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["as_of"] == "2018-06-30"
    hubs = json.loads((out / "hubs.json").read_text(encoding="utf-8"))
    assert [hub["members"] for hub in hubs] == [2, 2]  # acme still first-seen in beta, uni


def test_license_and_source_url(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "api"
    result = run(
        "export",
        "-f",
        "json",
        "-o",
        str(out),
        "--license",
        "CC BY 4.0",
        "--source-url",
        "https://example.org/registry",
        "--data",
        str(data_dir),
    )
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", wrote(out))
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert (index["license"], index["source"]) == ("CC BY 4.0", "https://example.org/registry")


def test_csv(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = run("export", "-f", "csv", "-o", str(out), "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", wrote(out))
    assert sorted(path.name for path in out.iterdir()) == [
        "export_info.csv",
        "hub_sectors.csv",
        "hubs.csv",
        "memberships.csv",
        "organisation_sectors.csv",
        "organisations.csv",
        "published_figures.csv",
        "report_years.csv",
        "sectors.csv",
        "sources.csv",
    ]
    assert (out / "memberships.csv").read_text(encoding="utf-8").startswith("id,organisation_id,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.db"], "error: give --format\nhint: choose one of: sqlite, json, csv\n"),
        (["-f", "sqlit", "-o", "x.db"], "error: unknown format 'sqlit'\nhint: did you mean 'sqlite'?\n"),
        (["-f", "sqlite"], "error: give -o/--output: where to write the export\nhint: e.g. -o dehub.db\n"),
        (["-f", "json"], "error: give -o/--output: where to write the export\nhint: e.g. -o export-json\n"),
    ],
)  # fmt: skip
def test_usage_errors(data_dir: Path, args: list[str], message: str) -> None:
    result = run("export", *args, "--data", str(data_dir))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message


def test_bad_as_of(data_dir: Path, tmp_path: Path) -> None:
    result = run(
        "export", "-f", "json", "-o", str(tmp_path / "a"), "--as-of", "31.12.2018",
        "--data", str(data_dir),
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --as-of: '31.12.2018' is not a date: write 2017-04-21, 2017-04 or 2017 "
        "(ISO order)\n"
        "hint: dates are ISO: 2018-12-31, 2018-12 or 2018\n"
    )
    assert not (tmp_path / "a").exists()


def test_missing_directory(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "dehub.db"
    result = run("export", "-f", "sqlite", "-o", str(target), "--data", str(data_dir))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot write {target}: directory {target.parent} does not exist\n"
        f"hint: create it first (mkdir -p {target.parent}) or choose another -o\n"
    )


def test_directory_not_writable(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere (CI): deny as the mode would for a user
        monkeypatch.setattr(output, "writable", lambda directory: directory != locked)
    try:
        result = run("export", "-f", "sqlite", "-o", str(locked / "x.db"), "--data", str(data_dir))
    finally:
        locked.chmod(0o700)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: cannot write {locked / 'x.db'}: no permission to write in {locked}\n"
        "hint: choose another -o\n"
    )


def test_refuses_to_overwrite_a_non_sqlite_file(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"PK\x03\x04 not sqlite")
    result = run("export", "-f", "sqlite", "-o", str(target), "--data", str(data_dir))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: refusing to overwrite {target}: it is not a SQLite database\n"
        "hint: choose another file name for -o, or remove the file first\n"
    )
    assert target.read_bytes() == b"PK\x03\x04 not sqlite"
    assert not (tmp_path / "metadata.json").exists()


def test_refuses_foreign_metadata(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text('{"title": "someone else"}')
    result = run("export", "-f", "sqlite", "-o", str(tmp_path / "d.db"), "--data", str(data_dir))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: refusing to overwrite {tmp_path / 'metadata.json'}: it is not Datasette "
        "metadata for d.db written by dehub\n"
        "hint: export into another directory, or remove the file first\n"
    )
    assert not (tmp_path / "d.db").exists()
    assert (tmp_path / "metadata.json").read_text() == '{"title": "someone else"}'


def test_json_output_that_is_a_file(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "api.json"
    target.write_text("{}")
    result = run("export", "-f", "json", "-o", str(target), "--data", str(data_dir))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: cannot write {target}: it exists and is not a directory\n"
        "hint: --format json writes a directory of files; choose a directory\n"
    )
    assert target.read_text() == "{}"


def test_registry_with_errors_is_not_exported(tmp_path: Path) -> None:
    data = write_registry(
        tmp_path, orgs=[org("acme", memberships=[{"hub": "nowhere", "since": "2018"}])]
    )
    target = tmp_path / "d.db"
    result = run("export", "-f", "sqlite", "-o", str(target), "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the registry has 1 error; nothing exported\n"
        "hint: run dehub validate and fix them: an export publishes only a valid registry\n"
    )
    assert not target.exists()


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    completed = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def test_commit_of_a_registry_in_git(data_dir: Path, tmp_path: Path) -> None:
    git("init", "-q", cwd=data_dir.parent)
    git("add", ".", cwd=data_dir.parent)
    git("commit", "-qm", "registry", cwd=data_dir.parent)
    head = git("rev-parse", "HEAD", cwd=data_dir.parent)
    out = tmp_path / "api"
    result = run("export", "-f", "json", "-o", str(out), "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", wrote(out))
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["commit"] == head
    assert len(head) == 40


def test_no_commit_outside_git(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "api"
    result = run("export", "-f", "json", "-o", str(out), "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["commit"] is None


def test_directory_without_write_permission(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a user without write access sees (the tests may run as root, who has it)."""
    monkeypatch.setattr("dehub_cli.export.output.writable", lambda _: False)
    target = tmp_path / "x.db"
    result = run("export", "-f", "sqlite", "-o", str(target), "--data", str(data_dir))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot write {target}: no permission to write in {tmp_path}\n"
        "hint: choose another -o\n"
    )
