"""Files dehub creates get the permissions the umask allows; files it rewrites keep theirs.

``report -o FILE`` once created its file with mode 0600 (the mode of a temporary file),
unlike the files ``add`` wrote. Every command that creates a file is checked under two
umasks: 022 (0644, readable by the team) and 077 (0600, private).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dehub_cli.edit.lock import lock_path
from tests.helpers import RegistryFactory, hub, member, org, run

SOURCE = ["--source-url", "https://example.org/list"]


@pytest.fixture(params=[(0o022, 0o644), (0o077, 0o600)], ids=["umask022", "umask077"])
def expected_mode(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a umask; yields the mode a new file must get."""
    umask, mode = request.param
    previous = os.umask(umask)
    try:
        yield mode
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
        hubs=[hub("koeln", cities=["Köln"])],
        orgs=[org("op", name="Operator", memberships=[member("koeln", role="operator")])],
    )


def test_report_output_file(data: Path, tmp_path: Path, expected_mode: int) -> None:
    out = tmp_path / "report.html"
    result = run("report", "--data", str(data), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert mode_of(out) == expected_mode


def test_report_output_file_that_exists_keeps_its_mode(
    data: Path, tmp_path: Path, expected_mode: int
) -> None:
    out = tmp_path / "report.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    written = run("report", "--data", str(data), "-f", "csv", "-o", str(out))
    assert (written.exit_code, written.stdout, written.stderr) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == run("report", "--data", str(data), "-f", "csv").stdout
    assert mode_of(out) == 0o640


def test_add_org_add_hub_and_the_lock_file(data: Path, expected_mode: int) -> None:
    added = run(
        "add", "org", "Neue Firma GmbH", "--kind", "startup", "--hub", "koeln",
        "--since", "2019", *SOURCE, "--yes", "--data", str(data),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert mode_of(data / "orgs" / "neue-firma.yaml") == expected_mode
    assert mode_of(lock_path(data)) == expected_mode
    new_hub = run(
        "add", "hub", "Digital Hub Nordwest", "--city", "Bremen", "--sector", "logistics",
        "--announced", "2024-09-17", *SOURCE, "--yes", "--data", str(data),
    )  # fmt: skip
    assert new_hub.exit_code == 0, new_hub.stderr
    [written] = (data / "hubs").glob("bremen*.yaml")
    assert mode_of(written) == expected_mode


def test_import_creates_files_under_the_umask_and_keeps_edited_ones(
    data: Path, tmp_path: Path, expected_mode: int
) -> None:
    edited = data / "orgs" / "op.yaml"
    edited.chmod(0o664)
    sheet = tmp_path / "members.csv"
    sheet.write_text("name,kind,since\nNeue Firma,startup,2019\nOperator,,2019\n", "utf-8")
    result = run("import", str(sheet), "--hub", "koeln", *SOURCE, "--yes", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert mode_of(data / "orgs" / "neue-firma.yaml") == expected_mode
    assert mode_of(edited) == 0o664


def test_end_membership_and_fmt_keep_the_mode_of_the_file(data: Path, expected_mode: int) -> None:
    path = data / "orgs" / "op.yaml"
    path.chmod(0o660)
    result = run(
        "end", "membership", "op", "--hub", "koeln", "--until", "2020", "--data", str(data)
    )
    assert result.exit_code == 0, result.stderr
    assert mode_of(path) == 0o660
    path.write_text(path.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    assert run("fmt", "--data", str(data)).exit_code == 0
    assert mode_of(path) == 0o660


def test_schema_files(tmp_path: Path, expected_mode: int) -> None:
    out = tmp_path / "schemas"
    result = run("schema", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert mode_of(out) == {0o644: 0o755, 0o600: 0o700}[expected_mode]
    for path in out.iterdir():
        assert mode_of(path) == expected_mode
