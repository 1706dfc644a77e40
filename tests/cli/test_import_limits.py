"""Large input: ``import`` refuses files over its limits before reading them, shows progress
only on a terminal.

A 50 MB CSV once ran for minutes and took a gigabyte of memory. Files over 10 MB, sheets
of more than 20,000 rows and XLSX archives that unpack to more than 100 MB are refused
with a clear error (exit 2); the generated files live in the test's temporary directory.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from dehub_cli.edit.spreadsheet import MAX_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, read_sheet
from tests.helpers import RegistryFactory, hub, run


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(hubs=[hub("koeln", cities=["Köln"])])


def rows_csv(path: Path, count: int) -> Path:
    lines = ["name,kind,since", *(f"Firma {i} GmbH,startup,2019" for i in range(count))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_args(sheet: Path, data: Path, *extra: str) -> list[str]:
    return ["import", str(sheet), "--hub", "koeln", "--dry-run", "--data", str(data), *extra]


def test_a_file_over_10_mb_is_refused_before_it_is_read(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "huge.csv"
    with sheet.open("wb") as stream:
        stream.write(b"name,kind,since\n")
        stream.truncate(MAX_BYTES + 1)

    read_bytes = Path.read_bytes

    def never_the_sheet(self: Path) -> bytes:
        assert self != sheet, "the sheet was read"
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", never_the_sheet)
    result = run(*import_args(sheet, data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: huge.csv is larger than 10 MB (10,485,761 bytes)\n"
        "hint: split it into files of at most 20,000 rows, or leave out the columns import "
        "does not read\n"
    )


def test_more_than_20000_rows_are_refused(data: Path, tmp_path: Path) -> None:
    sheet = rows_csv(tmp_path / "long.csv", MAX_ROWS + 1)
    result = run(*import_args(sheet, data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: long.csv has more than 20,000 rows\n"
        "hint: split it into files of at most 20,000 rows and import them one after another\n"
    )


def test_20000_rows_are_read(tmp_path: Path) -> None:
    sheet = read_sheet(rows_csv(tmp_path / "full.csv", MAX_ROWS))
    assert len(sheet.rows) == MAX_ROWS
    assert sheet.rows[-1].number == MAX_ROWS + 1


def test_a_long_xlsx_is_refused(data: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet()
    worksheet.append(["name", "kind", "since"])
    for i in range(MAX_ROWS + 1):
        worksheet.append([f"Firma {i}", "startup", 2019])
    sheet = tmp_path / "long.xlsx"
    workbook.save(sheet)
    result = run(*import_args(sheet, data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: long.xlsx has more than 20,000 rows\n"
        "hint: split it into files of at most 20,000 rows and import them one after another\n"
    )


def test_an_xlsx_that_unpacks_too_large_is_not_opened(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "bomb.xlsx"
    zeros = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as member,
    ):
        for _ in range(MAX_UNPACKED_BYTES // len(zeros) + 1):
            member.write(zeros)
    assert sheet.stat().st_size < MAX_BYTES
    result = run(*import_args(sheet, data))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: bomb.xlsx unpacks to more than 100 MB (105,906,176 bytes)\n"
        "hint: split it into files of at most 20,000 rows\n"
    )


def test_no_progress_bar_in_a_pipe(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheet = rows_csv(tmp_path / "members.csv", 400)
    result = run(*import_args(sheet, data, "--format", "json"))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["rows"]) == 400
    assert result.stderr == (
        "members.csv: 400 new organisations, 0 new memberships, 0 unchanged, 0 conflicts\n"
        "dry run: 400 files would be written; nothing written\n"
        "note: new organisations need a source: pass --source-url URL when importing\n"
    )


def test_a_progress_bar_on_a_terminal(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehub_cli.cli import progress

    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(progress, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    sheet = rows_csv(tmp_path / "members.csv", 400)
    result = run(*import_args(sheet, data))
    assert result.exit_code == 0, result.stderr
    assert "Matching rows" not in result.stdout  # the bar is on stderr only
    assert "Matching rows" in result.stderr
    assert "Checking records" in result.stderr
    machine = run(*import_args(sheet, data, "--format", "json"))
    assert len(json.loads(machine.stdout)["rows"]) == 400
    assert "Matching rows" not in machine.stderr  # never around machine output
    short = run(*import_args(rows_csv(tmp_path / "short.csv", 10), data))
    assert "Matching rows" not in short.stderr
