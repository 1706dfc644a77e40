"""dehub fmt: --check and --diff for CI, rewriting in place, idempotence, broken files left
alone, and nothing outside the registry touched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SHIPPED, RegistryFactory, hub, run

MESSY = (
    "\ufeff# Acme, from the 2018 member list.\r\n"
    "memberships:\r\n"
    "    # Joined at the opening.\r\n"
    "    -   {since: '2017-04-21', hub: koeln}\r\n"
    "kind: startup   # checked 2019\r\n"
    "name: ACME\r\n"
    "sectors: [iot]\r\n"
    "sources:\r\n"
    "- url: https://example.org/acme\r\n"
    '  title: "ACME"\r\n'
    "id: acme\r\n"
)
CANONICAL = (
    "# Acme, from the 2018 member list.\n"
    "id: acme\n"
    "name: ACME\n"
    "kind: startup   # checked 2019\n"
    "sectors:\n"
    "  - iot\n"
    "memberships:\n"
    "  # Joined at the opening.\n"
    "  - hub: koeln\n"
    "    since: 2017-04-21\n"
    "sources:\n"
    "  - url: https://example.org/acme\n"
    '    title: "ACME"\n'
)


@pytest.fixture
def data(make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A hub and the messy acme.yaml; run from the registry's parent directory."""
    directory = make_registry(hubs=[hub("koeln")])
    (directory / "orgs" / "acme.yaml").write_bytes(MESSY.encode("utf-8"))
    monkeypatch.chdir(directory.parent)
    return directory


def canonical_registry(data: Path) -> None:
    """Format the files the fixture wrote with PyYAML, so that only acme.yaml differs."""
    for path in [*data.glob("hubs/*.yaml"), data / "sectors.yaml"]:
        assert run("fmt", str(path), "--data", str(data)).exit_code == 0


def test_check_lists_the_files_that_would_change_and_writes_nothing(data: Path) -> None:
    canonical_registry(data)
    result = run("fmt", "--check", "--data", str(data))
    assert result.exit_code == 1
    assert result.stdout == "data/orgs/acme.yaml\n"
    assert result.stderr == "1 of 3 files would be reformatted\n"
    assert (data / "orgs" / "acme.yaml").read_bytes() == MESSY.encode("utf-8")


def test_fmt_rewrites_keeping_comments_and_is_idempotent(data: Path) -> None:
    canonical_registry(data)
    first = run("fmt", "--data", str(data))
    assert first.exit_code == 0, first.stderr
    assert (data / "orgs" / "acme.yaml").read_bytes() == CANONICAL.encode("utf-8")
    assert first.stderr == "reformatted data/orgs/acme.yaml\n1 file reformatted, 2 unchanged\n"
    before = {path: path.read_bytes() for path in data.rglob("*.yaml")}
    second = run("fmt", "--data", str(data))
    assert (second.exit_code, second.stdout) == (0, "")
    assert second.stderr == "0 files reformatted, 3 unchanged\n"
    assert {path: path.read_bytes() for path in data.rglob("*.yaml")} == before
    check = run("fmt", "--check", "--data", str(data))
    assert (check.exit_code, check.stdout) == (0, "")
    assert check.stderr == "0 of 3 files would be reformatted\n"


def test_a_file_that_does_not_parse_is_reported_and_left_alone(data: Path) -> None:
    broken = data / "orgs" / "broken.yaml"
    broken.write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    result = run("fmt", "--data", str(data))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "data/orgs/broken.yaml:3: error: YAML syntax error: while parsing a flow sequence: "
        "did not find expected ',' or ']'; left as it is\n"
        "reformatted data/sectors.yaml\n"
        "reformatted data/hubs/koeln.yaml\n"
        "reformatted data/orgs/acme.yaml\n"
        "3 files reformatted, 0 unchanged, 1 left as they are (errors above)\n"
    )
    assert broken.read_text(encoding="utf-8") == "id: broken\nname: [unclosed\n"
    assert (data / "orgs" / "acme.yaml").read_bytes() == CANONICAL.encode("utf-8")


def test_check_fails_on_a_broken_file_too(data: Path) -> None:
    canonical_registry(data)
    (data / "orgs" / "acme.yaml").write_text("id: acme\nid: again\n", encoding="utf-8")
    result = run("fmt", "--check", "--data", str(data))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "data/orgs/acme.yaml:2: error: duplicate key 'id'; left as it is\n"
        "0 of 3 files would be reformatted, 1 cannot be read\n"
    )
    assert (data / "orgs" / "acme.yaml").read_text(encoding="utf-8") == "id: acme\nid: again\n"


def test_files_and_directories_as_arguments(data: Path) -> None:
    canonical_registry(data)
    result = run("fmt", str(data / "orgs"), str(data / "orgs" / "acme.yaml"), "--data", str(data))
    assert (result.exit_code, result.stdout) == (0, "")
    assert (data / "orgs" / "acme.yaml").read_bytes() == CANONICAL.encode("utf-8")
    assert result.stderr == ("reformatted data/orgs/acme.yaml\n1 file reformatted, 0 unchanged\n")


def test_a_file_that_is_not_utf8_is_reported(data: Path) -> None:
    path = data / "orgs" / "latin.yaml"
    path.write_bytes("id: latin\nname: Köln\n".encode("cp1252"))
    result = run("fmt", "--check", str(path), "--data", str(data))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "data/orgs/latin.yaml: error: byte 17 is not UTF-8; left as it is\n"
        "0 of 1 file would be reformatted, 1 cannot be read\n"
    )
    assert path.read_bytes() == "id: latin\nname: Köln\n".encode("cp1252")


def test_fmt_on_a_copy_of_the_shipped_registry(tmp_path: Path) -> None:
    if not (SHIPPED / "orgs").is_dir():
        pytest.skip("no shipped registry")
    shipped = SHIPPED
    copy = tmp_path / "shipped"
    shutil.copytree(shipped, copy)
    first = run("fmt", "--data", str(copy))
    assert first.exit_code == 0, first.stderr
    after_first = {path: path.read_bytes() for path in copy.rglob("*.yaml")}
    second = run("fmt", "--data", str(copy))
    assert second.exit_code == 0
    assert {path: path.read_bytes() for path in copy.rglob("*.yaml")} == after_first
    check = run("fmt", "--check", "--data", str(copy))
    assert (check.exit_code, check.stdout) == (0, "")
    assert check.stderr.startswith("0 of ")
    validated = run("validate", "--data", str(copy), "--format", "json")
    errors = [d for d in json.loads(validated.stdout)["diagnostics"] if d["severity"] == "error"]
    assert (validated.exit_code, errors) == (0, [])
    comments = [
        line.strip()
        for line in (shipped / "orgs" / "hpa.yaml").read_text("utf-8").splitlines()
        if line.strip().startswith("#")
    ]
    formatted = (copy / "orgs" / "hpa.yaml").read_text(encoding="utf-8")
    assert all(comment in formatted for comment in comments)


# --- only the registry is touched -------------------------------------------------------

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE = "tests/cases/valid/bom-and-crlf/data/orgs/windows.yaml"
WORKFLOW = "docs/examples/github-workflow.yml"


@pytest.fixture
def checkout(data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout: the registry in data/, a test fixture and a workflow file beside it."""
    root = data.parent
    for name in (FIXTURE, WORKFLOW):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPOSITORY / name, root / name)
    canonical_registry(data)
    monkeypatch.chdir(root)
    return root


def test_fmt_dot_formats_the_registry_and_skips_everything_else(checkout: Path) -> None:
    """``dehub fmt .`` once stripped the BOM and CRLF a test case exists to test."""
    before = {name: (checkout / name).read_bytes() for name in (FIXTURE, WORKFLOW)}
    assert b"\r\n" in before[FIXTURE]
    result = run("fmt", ".")
    assert result.exit_code == 0, result.stderr
    assert (checkout / "data" / "orgs" / "acme.yaml").read_bytes() == CANONICAL.encode("utf-8")
    assert {name: (checkout / name).read_bytes() for name in (FIXTURE, WORKFLOW)} == before
    assert result.stderr == (
        f"skipped {WORKFLOW}: not a file of the registry\n"
        f"skipped {FIXTURE}: not a file of the registry\n"
        "reformatted data/orgs/acme.yaml\n"
        "1 file reformatted, 2 unchanged\n"
    )


def test_paths_outside_the_registry_only_are_a_usage_error(checkout: Path) -> None:
    before = (checkout / WORKFLOW).read_bytes()
    result = run("fmt", WORKFLOW, "tests", "missing.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"skipped {WORKFLOW}: not a file of the registry\n"
        f"skipped {FIXTURE}: not a file of the registry\n"
        "skipped missing.yaml: does not exist\n"
        "error: nothing to format: no path given is a file of the registry data\n"
        "hint: fmt formats only the registry's hubs/, orgs/, sectors.yaml and initiative.yaml; "
        "pass --data DIR for another registry\n"
    )
    assert (checkout / WORKFLOW).read_bytes() == before
    assert (checkout / "data" / "orgs" / "acme.yaml").read_bytes() == MESSY.encode("utf-8")


def test_files_below_the_registry_that_it_does_not_read_are_skipped(checkout: Path) -> None:
    nested = checkout / "data" / "orgs" / "drafts" / "x.yaml"
    nested.parent.mkdir()
    nested.write_text("b: [1]\na: 1\n", encoding="utf-8")
    result = run("fmt", "data/orgs/drafts/x.yaml", "data/orgs/acme.yaml")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "skipped data/orgs/drafts/x.yaml: not a file of the registry\n"
        "reformatted data/orgs/acme.yaml\n"
        "1 file reformatted, 0 unchanged\n"
    )
    assert nested.read_text(encoding="utf-8") == "b: [1]\na: 1\n"
    assert (checkout / "data" / "orgs" / "acme.yaml").read_bytes() == CANONICAL.encode("utf-8")


def test_diff_shows_the_change_and_writes_nothing(checkout: Path) -> None:
    result = run("fmt", "--diff")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- data/orgs/acme.yaml\n"
        "+++ data/orgs/acme.yaml (formatted)\n"
        "@@ -1,11 +1,13 @@\n"
        "-\\ufeff# Acme, from the 2018 member list.\\r\n"
        "-memberships:\\r\n"
        "-    # Joined at the opening.\\r\n"
        "-    -   {since: '2017-04-21', hub: koeln}\\r\n"
        "-kind: startup   # checked 2019\\r\n"
        "-name: ACME\\r\n"
        "-sectors: [iot]\\r\n"
        "-sources:\\r\n"
        "-- url: https://example.org/acme\\r\n"
        '-  title: "ACME"\\r\n'
        "-id: acme\\r\n"
        "+# Acme, from the 2018 member list.\n"
        "+id: acme\n"
        "+name: ACME\n"
        "+kind: startup   # checked 2019\n"
        "+sectors:\n"
        "+  - iot\n"
        "+memberships:\n"
        "+  # Joined at the opening.\n"
        "+  - hub: koeln\n"
        "+    since: 2017-04-21\n"
        "+sources:\n"
        "+  - url: https://example.org/acme\n"
        '+    title: "ACME"\n'
    )
    assert result.stderr == "1 of 3 files would be reformatted\n"
    assert (checkout / "data" / "orgs" / "acme.yaml").read_bytes() == MESSY.encode("utf-8")
    assert run("fmt").exit_code == 0
    clean = run("fmt", "--diff")
    assert clean.exit_code == 0
    assert clean.stdout == ""


def test_diff_marks_a_missing_final_newline(checkout: Path) -> None:
    path = checkout / "data" / "orgs" / "acme.yaml"
    path.write_text(CANONICAL.rstrip("\n"), encoding="utf-8")
    result = run("fmt", "--diff", "data/orgs/acme.yaml")
    assert result.exit_code == 1
    assert result.stdout.endswith(
        '-    title: "ACME"\n\\ No newline at end of file\n+    title: "ACME"\n'
    )


def test_fmt_writes_text_in_nfc(checkout: Path) -> None:
    """A name typed in decomposed form (``Mu`` + U+0308) becomes ``Mü`` in the file."""
    path = checkout / "data" / "orgs" / "acme.yaml"
    path.write_text(CANONICAL.replace("name: ACME", "name: Mu\u0308ller # Mu\u0308ller"), "utf-8")
    check = run("fmt", "--check")
    assert check.exit_code == 1
    assert check.stdout == "data/orgs/acme.yaml\n"
    formatted = run("fmt")
    assert (formatted.exit_code, formatted.stdout) == (0, "")
    assert formatted.stderr == "reformatted data/orgs/acme.yaml\n1 file reformatted, 2 unchanged\n"
    text = path.read_text(encoding="utf-8")
    assert "name: Müller # Müller\n" in text
    assert "\u0308" not in text
