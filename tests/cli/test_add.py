"""dehub add org|membership|hub and dehub end membership: exact files, exit codes, nothing damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dehub_cli.edit.canonical import canonical_text, shape_for_path
from tests.helpers import SHIPPED, RegistryFactory, hub, org, run, snapshot

COMMENTED = """\
# Header comment.
id: acme
name: "ACME GmbH"   # quoted on purpose
kind: startup

memberships:
  # Founding member.
  - hub: koeln
    role: partner
    since: 2017-04-21

# Where we read it.
sources:
  - url: https://example.org/acme
    title: 'ACME page'
"""


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    directory = make_registry(
        hubs=[hub("koeln", cities=["Köln"]), hub("berlin")],
        orgs=[org("beta", name="Beta AG", website="https://beta.de")],
    )
    (directory / "orgs" / "acme.yaml").write_text(COMMENTED, encoding="utf-8")
    return directory


def assert_valid(data: Path) -> None:
    result = run("validate", "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.stdout


def assert_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert canonical_text(text, shape_for_path(path)) == text


# --- add org ----------------------------------------------------------------------------------


def test_add_org_writes_a_valid_canonical_record(data: Path) -> None:
    result = run(
        "add", "org", "Müller & Söhne GmbH",
        "--kind", "startup", "--hub", "Köln", "--since", "2018-05", "--role", "partner",
        "--city", "Köln", "--sector", "FinTech", "--sector", "IoT",
        "--website", "https://mueller-soehne.de",
        "--source-url", "https://www.example.org/members", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = data / "orgs" / "mueller-soehne.yaml"
    assert path.read_text(encoding="utf-8") == (
        "id: mueller-soehne\n"
        "name: Müller & Söhne GmbH\n"
        "kind: startup\n"
        "city: Köln\n"
        "website: https://mueller-soehne.de\n"
        "sectors:\n"
        "  - fintech\n"
        "  - iot\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    role: partner\n"
        "    since: 2018-05\n"
        "    sources:\n"
        "      - url: https://www.example.org/members\n"
        "sources:\n"
        "  - url: https://www.example.org/members\n"
    )
    assert f"created {path}" in result.stderr
    assert "dehub validate" in result.stderr
    assert result.stdout == ""
    assert_valid(data)
    assert_canonical(path)


def test_add_org_refuses_a_name_that_exists(data: Path) -> None:
    before = snapshot(data)
    result = run(
        "add", "org", "Acme", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--source-url", "https://x.org", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "looks like" in result.stderr
    assert "acme.yaml" in result.stderr
    assert "dehub add membership acme --hub berlin --since 2019" in result.stderr
    assert snapshot(data) == before


def test_add_org_refuses_a_website_that_exists(data: Path) -> None:
    result = run(
        "add", "org", "Beta Deutschland", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--website", "https://www.beta.de/de", "--source-url", "https://x.org", "--yes",
        "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "beta.yaml ('Beta AG')" in result.stderr


def test_add_org_never_overwrites_an_invalid_file_with_that_id(data: Path) -> None:
    broken = data / "orgs" / "gamma.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    result = run(
        "add", "org", "Gamma", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--source-url", "https://x.org", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "the id 'gamma' is taken" in result.stderr
    assert broken.read_text(encoding="utf-8") == "name: [unclosed\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hub", "berlin", "--since", "2019"], "missing --kind"),
        (["--kind", "sme", "--since", "2019"], "missing --hub"),
        (["--kind", "sme", "--hub", "berlin"], "missing --since"),
        (["--kind", "smee", "--hub", "berlin", "--since", "2019"], "unknown kind 'smee'"),
        (["--kind", "sme", "--hub", "Kln", "--since", "2019"], "unknown hub 'Kln'"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019-13"], "--since: '2019-13'"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--role", "boss"], "role"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--sector", "Food"], "sector"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--id", "Bad Id"], "not an id"),
    ],
)
def test_add_org_usage_errors_exit_2_and_write_nothing(
    data: Path, args: list[str], message: str
) -> None:
    before = snapshot(data)
    result = run(
        "add", "org", "Delta", *args, "--source-url", "https://x.org", "--yes",
        "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert snapshot(data) == before


def test_add_org_without_a_source_is_an_error_when_not_asked(data: Path) -> None:
    result = run(
        "add", "org", "Delta", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "missing --source-url" in result.stderr


def test_add_org_invalid_values_exit_1_and_write_nothing(data: Path) -> None:
    before = snapshot(data)
    result = run(
        "add", "org", "Delta", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--website", "delta .de", "--source-url", "https://x.org", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "would not be valid" in result.stderr
    assert "website: 'https://delta .de' is not a web address" in result.stderr
    assert snapshot(data) == before


def test_add_org_asks_for_missing_values_on_a_terminal(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehub_cli.cli import editing

    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    answers = "Delta KG\nstartup\nBerlin\n2019-02\nhttps://delta.example/news\n"
    result = run("add", "org", "--data", str(data), input=answers)
    assert result.exit_code == 0, result.stderr
    record = (data / "orgs" / "delta.yaml").read_text(encoding="utf-8")
    assert "name: Delta KG\nkind: startup\n" in record
    assert "  - hub: berlin\n    since: 2019-02\n" in record
    assert record.endswith("sources:\n  - url: https://delta.example/news\n")


# --- add membership / end membership ----------------------------------------------------------


def test_add_membership_keeps_comments_quotes_and_blank_lines(data: Path) -> None:
    result = run(
        "add", "membership", "ACME GmbH", "--hub", "berlin", "--since", "2019-01-02",
        "--role", "mentor", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "acme.yaml").read_text(encoding="utf-8") == COMMENTED.replace(
        "    since: 2017-04-21\n",
        "    since: 2017-04-21\n  - hub: berlin\n    role: mentor\n    since: 2019-01-02\n",
    )
    assert "updated" in result.stderr
    assert_valid(data)


def test_add_membership_keeps_windows_line_ends(data: Path) -> None:
    path = data / "orgs" / "acme.yaml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    result = run(
        "add", "membership", "acme", "--hub", "berlin", "--since", "2019", "--data", str(data)
    )
    assert result.exit_code == 0, result.stderr
    expected = COMMENTED.replace(
        "    since: 2017-04-21\n", "    since: 2017-04-21\n  - hub: berlin\n    since: 2019\n"
    )
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")


def test_add_membership_to_an_org_without_memberships(data: Path) -> None:
    result = run(
        "add", "membership", "beta", "--hub", "koeln", "--since", "2020", "--data", str(data)
    )
    assert result.exit_code == 0, result.stderr
    text = (data / "orgs" / "beta.yaml").read_text(encoding="utf-8")
    assert "memberships:\n  - hub: koeln\n    since: 2020\nsources:\n" in text
    assert_valid(data)


def test_add_membership_refuses_an_overlap(data: Path) -> None:
    before = snapshot(data)
    result = run(
        "add", "membership", "acme", "--hub", "koeln", "--since", "2020", "--data", str(data)
    )
    assert result.exit_code == 1
    assert "is a member of 'koeln' since 2017-04-21 already" in result.stderr
    assert "dehub end membership acme --hub koeln" in result.stderr
    assert snapshot(data) == before


def test_add_membership_unknown_org_is_a_usage_error(data: Path) -> None:
    result = run(
        "add", "membership", "acmee", "--hub", "koeln", "--since", "2020", "--data", str(data)
    )
    assert result.exit_code == 2
    assert "unknown organisation 'acmee'" in result.stderr
    assert "did you mean 'acme'?" in result.stderr


def test_end_membership_writes_until_after_since(data: Path) -> None:
    result = run(
        "end", "membership", "acme", "--hub", "Köln", "--until", "2019-06", "--data", str(data)
    )
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "acme.yaml").read_text(encoding="utf-8") == COMMENTED.replace(
        "    since: 2017-04-21\n", "    since: 2017-04-21\n    until: 2019-06\n"
    )
    assert_valid(data)


def test_end_membership_before_its_start_writes_nothing(data: Path) -> None:
    before = snapshot(data)
    result = run(
        "end", "membership", "acme", "--hub", "koeln", "--until", "2016", "--data", str(data)
    )
    assert result.exit_code == 1
    assert "until 2016 is before since 2017-04-21" in result.stderr
    assert snapshot(data) == before


def test_end_membership_without_an_open_one(data: Path) -> None:
    result = run(
        "end", "membership", "acme", "--hub", "berlin", "--until", "2019", "--data", str(data)
    )
    assert result.exit_code == 1
    assert "no open membership in 'berlin'" in result.stderr


# --- add hub ----------------------------------------------------------------------------------


def test_add_hub_writes_a_valid_canonical_record(data: Path) -> None:
    result = run(
        "add", "hub", "Digital Hub Nordwest", "--city", "Bremen", "--city", "Oldenburg",
        "--sector", "Logistik", "--announced", "2024-09-17", "--twin", "Köln",
        "--source-url", "https://example.org/hubs", "--source-title", "New hubs",
        "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = data / "hubs" / "bremen-oldenburg.yaml"
    assert path.read_text(encoding="utf-8") == (
        "id: bremen-oldenburg\n"
        "name: Digital Hub Nordwest\n"
        "cities:\n"
        "  - Bremen\n"
        "  - Oldenburg\n"
        "sectors:\n"
        "  - logistics\n"
        "announced: 2024-09-17\n"
        "twins:\n"
        "  - koeln\n"
        "sources:\n"
        "  - url: https://example.org/hubs\n"
        "    title: New hubs\n"
    )
    assert "twins:\n  - bremen-oldenburg\n" in (data / "hubs" / "koeln.yaml").read_text("utf-8")
    assert f"updated {data / 'hubs' / 'koeln.yaml'}" in result.stderr
    assert_valid(data)
    assert_canonical(path)


def test_add_hub_refuses_an_existing_id(data: Path) -> None:
    result = run(
        "add", "hub", "Another", "--city", "Berlin", "--sector", "iot", "--announced", "2024",
        "--source-url", "https://x.org", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "the id 'berlin' is taken" in result.stderr


# --- on a copy of the shipped registry --------------------------------------------------------


def test_add_membership_on_a_copy_of_the_shipped_data_changes_only_that_entry(
    tmp_path: Path,
) -> None:
    shipped = SHIPPED
    if not (shipped / "orgs" / "hpa.yaml").exists():
        pytest.skip("the shipped registry has no hpa.yaml")
    copy = tmp_path / "shipped"
    shutil.copytree(shipped, copy)
    before = (copy / "orgs" / "hpa.yaml").read_text(encoding="utf-8")
    result = run(
        "add", "membership", "hpa", "--hub", "berlin", "--since", "2019", "--data", str(copy)
    )
    assert result.exit_code == 0, result.stderr
    after = (copy / "orgs" / "hpa.yaml").read_text(encoding="utf-8")
    before_lines, after_lines = before.splitlines(), after.splitlines()
    added = [line for line in after_lines if line not in before_lines]
    assert added == ["  - hub: berlin", "    since: 2019"]
    assert [line for line in after_lines if line not in added] == before_lines
    assert run("validate", "--data", str(copy)).exit_code == 0
