"""The shipped registry exports in every format, with the counts ``dehub list --all`` gives."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from tests.helpers import run

DATA = Path(__file__).resolve().parents[2] / "data"


def listed(what: str) -> list[str]:
    result = run("list", what, "--all", "--format", "json", "--data", str(DATA))
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_shipped_data_exports(tmp_path: Path) -> None:
    hubs, orgs = listed("hubs"), listed("orgs")
    assert hubs
    assert orgs

    database = tmp_path / "dehub.db"
    for output_format, target in (
        ("sqlite", database),
        ("json", tmp_path / "api"),
        ("csv", tmp_path / "csv"),
    ):
        result = run("export", "-f", output_format, "-o", str(target), "--data", str(DATA))
        assert result.exit_code == 0, result.stderr

    connection = sqlite3.connect(database)
    assert [row[0] for row in connection.execute("SELECT id FROM hubs ORDER BY id")] == sorted(hubs)
    assert [
        row[0] for row in connection.execute("SELECT id FROM organisations ORDER BY id")
    ] == sorted(orgs)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()

    index = json.loads((tmp_path / "api" / "index.json").read_text(encoding="utf-8"))
    assert index["counts"]["hubs"] == len(hubs)
    assert index["counts"]["organisations"] == len(orgs)
    assert len(list((tmp_path / "api" / "orgs").glob("*.json"))) == len(orgs)

    with (tmp_path / "csv" / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        assert sorted(row["id"] for row in csv.DictReader(handle)) == sorted(orgs)
