"""The CSV export: exact files, and cells a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dehub_cli.export import ExportError
from dehub_cli.export.csvfiles import cell, neutralise, write_csv
from dehub_cli.export.dataset import Dataset
from dehub_cli.export.tables import TABLES
from tests.export.small_registry import FORMULA


@pytest.fixture
def out(dataset: Dataset, tmp_path: Path) -> Path:
    target = tmp_path / "csv"
    write_csv(dataset, target)
    return target


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_file_per_table(out: Path) -> None:
    assert sorted(path.name for path in out.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)


def test_organisations_file_exactly(out: Path) -> None:
    assert (out / "organisations.csv").read_text(encoding="utf-8") == (
        "id,name,kind,city,founded,website,description,sectors,hubs,active,identifiers\n"
        "acme,Acme Ümlaut GmbH,startup,Köln,,,Payments for robots.,fintech; iot,alpha,true,"
        "wikidata:Q95\n"
        """formula,"'=HYPERLINK(""https://evil.example"",""click"")",sme,,,,,fintech,alpha,"""
        "true,\n"
        'multiline,Line one Line two,university,,,,"Line one\nLine two",,,false,\n'
        "uni,Uni Köln,university,,1388,https://uni.example.org,,,,false,\n"
    )


def test_formula_and_newline_survive_a_csv_reader(out: Path) -> None:
    rows = {row["id"]: row for row in read(out / "organisations.csv")}
    assert rows["formula"]["name"] == "'" + FORMULA
    assert rows["multiline"]["description"] == "Line one\nLine two"


def test_membership_dates_with_stated_columns(out: Path) -> None:
    rows = read(out / "memberships.csv")
    acme_beta = rows[1]
    assert {key: acme_beta[key] for key in ("organisation_id", "hub_id")} == {
        "organisation_id": "acme",
        "hub_id": "beta",
    }
    assert [acme_beta[key] for key in ("start_date", "start_stated", "end_date", "end_stated")] == [
        "2018",
        "false",
        "2018-06",
        "false",
    ]
    unknown = rows[3]
    assert [unknown[key] for key in ("start_date", "start_stated", "active")] == ["", "", "false"]


def test_hubs_file_keeps_coordinates_as_numbers(out: Path) -> None:
    rows = read(out / "hubs.csv")
    assert [(row["id"], row["latitude"], row["longitude"]) for row in rows] == [
        ("alpha", "50.93333", "6.95"),
        ("beta", "", ""),
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\\rcmd"),  # a carriage return is shown, not kept
        ("Acme =1", "Acme =1"),
        ("", ""),
    ],
)
def test_neutralise(text: str, written: str) -> None:
    assert neutralise(text) == written


def test_numbers_are_not_neutralised() -> None:
    assert [cell(-3.5), cell(-2), cell(None), cell(True), cell(["=a", "b"])] == [
        "-3.5",
        "-2",
        "",
        "true",
        "'=a; b",
    ]


def test_every_cell_of_every_file_is_safe(out: Path) -> None:
    for path in out.iterdir():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for value in row:
                    assert not value.startswith(("=", "+", "@", "\t", "\r")), (path.name, value)


def test_refuses_a_directory_of_other_files(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.tex").write_text("x")
    with pytest.raises(ExportError, match="not a dehub export"):
        write_csv(dataset, target)
    assert [path.name for path in target.iterdir()] == ["thesis.tex"]


def test_replaces_an_earlier_export(dataset: Dataset, out: Path) -> None:
    (out / "hubs.csv").write_text("stale\n")
    write_csv(dataset, out)
    assert (out / "hubs.csv").read_text(encoding="utf-8").startswith("id,name,city,")
    assert not any(path.name.startswith(".") for path in out.parent.iterdir())


def test_csv_text_is_valid_utf8_csv(out: Path) -> None:
    text = (out / "sources.csv").read_bytes().decode("utf-8")
    assert next(iter(csv.reader(io.StringIO(text)))) == [
        "id",
        "subject",
        "hub_id",
        "organisation_id",
        "membership_id",
        "published_figure_id",
        "url",
        "title",
        "date",
    ]
