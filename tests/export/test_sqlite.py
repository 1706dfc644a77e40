"""The SQLite export: schema, keys, indexes, search, views, and safe writing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dehub_cli.cli import common
from dehub_cli.export import ExportError
from dehub_cli.export.dataset import Dataset
from dehub_cli.export.sqlite import write_sqlite
from dehub_cli.export.tables import TABLES
from tests.export.small_registry import FORMULA, TODAY
from tests.helpers import run


@pytest.fixture
def db(dataset: Dataset, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "dehub.db"
    write_sqlite(dataset, path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def names(db: sqlite3.Connection, kind: str) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE '%_fts_%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name",
        (kind,),
    )
    return [name for (name,) in rows]


def test_tables_and_views(db: sqlite3.Connection) -> None:
    assert names(db, "table") == [
        "export_info",
        "hub_sectors",
        "hubs",
        "hubs_fts",
        "memberships",
        "organisation_sectors",
        "organisations",
        "organisations_fts",
        "published_figures",
        "report_years",
        "sectors",
        "sources",
    ]
    assert names(db, "view") == ["active_memberships", "yearly_counts"]


def test_memberships_columns(db: sqlite3.Connection) -> None:
    columns = [(row[1], row[2]) for row in db.execute("PRAGMA table_info(memberships)")]
    assert columns == [
        ("id", "INTEGER"),
        ("organisation_id", "TEXT"),
        ("hub_id", "TEXT"),
        ("role", "TEXT"),
        ("start_date", "TEXT"),
        ("start_stated", "INTEGER"),
        ("start_day", "TEXT"),
        ("end_date", "TEXT"),
        ("end_stated", "INTEGER"),
        ("end_day", "TEXT"),
        ("active", "INTEGER"),
        ("source_url", "TEXT"),
        ("sources_from", "TEXT"),
    ]


def test_foreign_keys(db: sqlite3.Connection) -> None:
    found = {
        (table, row[3], row[2], row[4])
        for table in ("memberships", "hub_sectors", "organisation_sectors", "sources")
        for row in db.execute(f"PRAGMA foreign_key_list({table})")
    }
    assert found == {
        ("memberships", "organisation_id", "organisations", "id"),
        ("memberships", "hub_id", "hubs", "id"),
        ("hub_sectors", "hub_id", "hubs", "id"),
        ("hub_sectors", "sector_id", "sectors", "id"),
        ("organisation_sectors", "organisation_id", "organisations", "id"),
        ("organisation_sectors", "sector_id", "sectors", "id"),
        ("sources", "hub_id", "hubs", "id"),
        ("sources", "organisation_id", "organisations", "id"),
        ("sources", "membership_id", "memberships", "id"),
        ("sources", "published_figure_id", "published_figures", "id"),
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_foreign_key_leads_an_index(db: sqlite3.Connection) -> None:
    for spec in TABLES:
        leading = set()
        for index in db.execute(f"PRAGMA index_list({spec.name})"):
            columns = [row[2] for row in db.execute(f"PRAGMA index_info({index[1]})")]
            leading.add(columns[0])
        for row in db.execute(f"PRAGMA foreign_key_list({spec.name})"):
            assert row[3] in leading, f"{spec.name}.{row[3]} has no index"


def test_membership_rows(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT * FROM memberships ORDER BY id").fetchall()
    source = "https://example.org/source"
    assert rows == [
        (1, "acme", "alpha", "member", "2017-03", 1, "2017-03-01", None, None, None, 1,
         "https://example.org/claim", "membership"),
        (2, "acme", "beta", "member", "2018", 0, "2018-01-01", "2018-06", 0, "2018-06-30", 0,
         source, "organisation"),
        (3, "formula", "alpha", "operator", "2018-01-01", 1, "2018-01-01", "2020", 1,
         "2020-12-31", 1, source, "organisation"),
        (4, "multiline", "beta", "partner", None, None, None, None, None, None, 0,
         source, "organisation"),
        (5, "uni", "beta", "member", "2017-04", 1, "2017-04-01", "2018-12-31", 1,
         "2018-12-31", 0, source, "organisation"),
    ]  # fmt: skip


def test_hubs_carry_first_city_coordinates(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT id, city, latitude, longitude, cities, laender, sectors FROM hubs ORDER BY id"
    ).fetchall()
    assert rows == [
        ("alpha", "Köln", 50.93333, 6.95, '["Köln"]', '["DE-NW"]', '["fintech"]'),
        ("beta", "Beta", None, None, '["Beta"]', "[]", '["fintech"]'),
    ]


def test_sources_belong_to_one_record_each(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT subject, hub_id, organisation_id, membership_id, published_figure_id, url "
        "FROM sources ORDER BY id"
    ).fetchall()
    source = "https://example.org/source"
    press = "https://example.org/press"
    assert rows == [
        ("hub", "alpha", None, None, None, source),
        ("hub", "beta", None, None, None, source),
        ("organisation", None, "acme", None, None, source),
        ("organisation", None, "formula", None, None, source),
        ("organisation", None, "multiline", None, None, source),
        ("organisation", None, "uni", None, None, source),
        ("membership", None, None, 1, None, "https://example.org/claim"),
        ("published_figure", None, None, None, 1, press),
        ("published_figure", None, None, None, 2, press),
    ]


def test_published_figures(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT * FROM published_figures ORDER BY id").fetchall()
    assert rows == [
        (1, "2018-03-27", "hubs", None, 2, 2, 100.0, "More than 4 startups."),
        (2, "2018-03-27", "startups", "at_least", 4, 1, 25.0, "More than 4 startups."),
    ]


def test_full_text_search_finds_an_organisation(db: sqlite3.Connection) -> None:
    def search(text: str) -> list[str]:
        rows = db.execute(
            "SELECT id FROM organisations WHERE rowid IN "
            "(SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ?) ORDER BY id",
            (text,),
        )
        return [org_id for (org_id,) in rows]

    assert search("robots") == ["acme"]  # description
    assert search("umlaut") == ["acme"]  # name, accents folded
    assert search("koln") == ["uni"]
    hubs = db.execute("SELECT rowid FROM hubs_fts WHERE hubs_fts MATCH 'fintech'").fetchall()
    assert hubs == [(1,)]


def test_yearly_counts_equal_report_json(
    db: sqlite3.Connection, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "today", lambda: TODAY)
    result = run("report", "--format", "json", "--data", str(data_dir))
    assert result.exit_code == 0, result.stderr
    expected = json.loads(result.stdout)["years"]
    cursor = db.execute("SELECT * FROM yearly_counts")
    columns = [description[0] for description in cursor.description]
    assert [dict(zip(columns, row, strict=True)) for row in cursor] == expected
    assert len(expected) == 3


def test_active_memberships_view(db: sqlite3.Connection, dataset: Dataset) -> None:
    rows = db.execute(
        "SELECT organisation_id, organisation_name, hub_id, hub_name, role "
        "FROM active_memberships ORDER BY id"
    ).fetchall()
    assert rows == [
        ("acme", "Acme Ümlaut GmbH", "alpha", "Hub Alpha", "member"),
        ("formula", FORMULA, "alpha", "Hub Alpha", "operator"),
    ]
    active = db.execute("SELECT id FROM memberships WHERE active = 1").fetchall()
    assert list(db.execute("SELECT id FROM active_memberships")) == active


def test_export_info_and_version(db: sqlite3.Connection) -> None:
    assert dict(db.execute("SELECT key, value FROM export_info")) == {
        "schema_version": "1",
        "title": "de:hub registry",
        "as_of": "2019-03-01",
        "commit": "0123abc",
        "license": None,
        "source": None,
    }
    assert db.execute("PRAGMA user_version").fetchone() == (1,)


def test_replaces_an_earlier_database(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "dehub.db"
    earlier = sqlite3.connect(path)
    earlier.execute("CREATE TABLE earlier (x)")
    earlier.commit()
    earlier.close()
    write_sqlite(dataset, path)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM organisations").fetchone() == (4,)
    assert names(connection, "table").count("earlier") == 0
    connection.close()
    assert sorted(item.name for item in out.iterdir()) == ["dehub.db"]  # no temporary left


def test_refuses_to_overwrite_another_file(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "notes.txt"
    path.write_text("my notes\n")
    with pytest.raises(ExportError, match="not a SQLite database"):
        write_sqlite(dataset, path)
    assert path.read_text() == "my notes\n"
    assert sorted(item.name for item in out.iterdir()) == ["notes.txt"]


def test_a_figure_the_report_gains_becomes_a_column(dataset: Dataset, tmp_path: Path) -> None:
    """yearly_counts follows the report: a new key in its years is a new column."""
    years = [{**row, "first_recorded": index} for index, row in enumerate(dataset.stats["years"])]
    grown = Dataset(**{**dataset.__dict__, "stats": {**dataset.stats, "years": years}})
    path = tmp_path / "grown.db"
    write_sqlite(grown, path)
    connection = sqlite3.connect(path)
    cursor = connection.execute("SELECT * FROM yearly_counts")
    columns = [description[0] for description in cursor.description]
    assert [dict(zip(columns, row, strict=True)) for row in cursor] == years
    connection.close()
