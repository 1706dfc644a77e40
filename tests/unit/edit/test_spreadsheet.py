"""Reading member lists: encodings, delimiters, German headers, --map, XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dehub_cli.edit.spreadsheet import (
    SpreadsheetError,
    decode_csv,
    parse_mapping,
    read_csv_text,
    read_sheet,
)

GERMAN = "Name;Art;Stadt;Webseite;seit;Branchen\nMüller GmbH;Startup;Köln;www.mueller.de;21.04.2017;IoT, FinTech\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8-sig"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8-sig"),
        (GERMAN.encode("cp1252"), "cp1252"),
        (GERMAN.encode("utf-16"), "utf-16"),
    ],
)
def test_common_encodings_are_read(data: bytes, encoding: str) -> None:
    text, used = decode_csv(data)
    assert used == encoding
    assert text.lstrip("\ufeff") == GERMAN


def test_undecodable_bytes_are_an_error() -> None:
    with pytest.raises(SpreadsheetError, match="neither UTF-8 nor Windows-1252"):
        decode_csv(b"name\n\x81\x8d\n")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found(delimiter: str) -> None:
    text = delimiter.join(["name", "kind", "city"]) + "\n"
    text += delimiter.join(['"Acme, Inc"', "sme", "Berlin"]) + "\n"
    sheet = read_csv_text(text)
    assert sheet.delimiter == delimiter
    assert sheet.rows[0].values == {"name": "Acme, Inc", "kind": "sme", "city": "Berlin"}


def test_german_headers_map_to_fields() -> None:
    sheet = read_csv_text(GERMAN)
    assert sheet.columns == {
        "name": "Name",
        "kind": "Art",
        "city": "Stadt",
        "website": "Webseite",
        "since": "seit",
        "sectors": "Branchen",
    }
    assert sheet.rows[0].number == 2
    assert sheet.rows[0].values["sectors"] == "IoT, FinTech"


def test_map_names_other_columns_and_unknown_headers_are_ignored() -> None:
    text = "Firmenname,Bemerkung,Kategorie\nAcme,call back,KMU\n"
    sheet = read_csv_text(text, parse_mapping(["name=Firmenname"]))
    assert sheet.rows[0].values == {"name": "Acme", "kind": "KMU"}
    assert sheet.ignored == ["Bemerkung"]


def test_empty_rows_are_skipped_and_row_numbers_kept() -> None:
    sheet = read_csv_text("name\nA\n\n,\nB\n")
    assert [(row.number, row.values["name"]) for row in sheet.rows] == [(2, "A"), (5, "B")]


def test_a_missing_name_column_is_an_error_with_the_columns_found() -> None:
    with pytest.raises(SpreadsheetError, match="no name column") as caught:
        read_csv_text("Betrieb;Ort\nAcme;Berlin\n")
    assert caught.value.hint is not None
    assert "Betrieb" in caught.value.hint


@pytest.mark.parametrize(
    ("items", "message"),
    [(["name"], "not FIELD=HEADER"), (["nmae=Firma"], "unknown field 'nmae'")],
)
def test_bad_map_options_are_errors(items: list[str], message: str) -> None:
    with pytest.raises(SpreadsheetError, match=message):
        parse_mapping(items)


def test_map_to_a_missing_column_is_an_error() -> None:
    with pytest.raises(SpreadsheetError, match="no column 'Firmname'"):
        read_csv_text("Firmenname\nAcme\n", parse_mapping(["name=Firmname"]))


def test_xlsx_is_read_with_dates_and_numbers_as_text(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([None])
    sheet.append(["Name", "Art", "seit", "Gründung"])
    sheet.append(["Acme GmbH", "KMU", dt.datetime(2017, 4, 21), 2001.0])
    sheet.append([None, None, None, None])
    sheet.append(["Beta AG", "Konzern", 2018, None])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    result = read_sheet(path)
    assert [(row.number, row.values) for row in result.rows] == [
        (3, {"name": "Acme GmbH", "kind": "KMU", "since": "2017-04-21"}),
        (5, {"name": "Beta AG", "kind": "Konzern", "since": "2018"}),
    ]
    assert result.ignored == ["Gründung"]


def test_xlsx_worksheet_by_name(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["other"])
    second = workbook.create_sheet("Mitglieder")
    second.append(["Name"])
    second.append(["Acme"])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    assert read_sheet(path, sheet="Mitglieder").rows[0].values == {"name": "Acme"}
    with pytest.raises(SpreadsheetError, match="no worksheet 'Mitglieder2'"):
        read_sheet(path, sheet="Mitglieder2")


def test_csv_file_from_german_excel(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(GERMAN.replace("\n", "\r\n").encode("cp1252"))
    result = read_sheet(path)
    assert result.encoding == "cp1252"
    assert result.rows[0].values["city"] == "Köln"


def test_old_excel_files_are_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "members.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SpreadsheetError, match="cannot be read") as caught:
        read_sheet(path)
    assert caught.value.hint == "save the sheet as .xlsx or CSV"


def test_a_broken_xlsx_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SpreadsheetError, match=r"cannot read members\.xlsx"):
        read_sheet(path)
