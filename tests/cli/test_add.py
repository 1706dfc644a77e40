"""dehub add org|membership|hub and dehub end membership: exact files, exit codes, nothing damaged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dehub_cli.edit.canonical import canonical_text, shape_for_path
from tests.helpers import SHIPPED, RegistryFactory, hub, org, refused, run, snapshot

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
def data(make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two hubs, beta and the commented acme.yaml; run from the registry's parent directory."""
    directory = make_registry(
        hubs=[hub("koeln", cities=["Köln"]), hub("berlin")],
        orgs=[org("beta", name="Beta AG", website="https://beta.de")],
    )
    (directory / "orgs" / "acme.yaml").write_text(COMMENTED, encoding="utf-8")
    monkeypatch.chdir(directory.parent)
    return directory


NO_SOURCE_NOTE = (
    "note: no --source-url: the membership cites no source of its own "
    "(the record's sources stand for it)\n"
)


def next_step(*paths: str) -> str:
    return f"next: run 'dehub validate', then commit: git add {' '.join(paths)} && git commit\n"


def assert_valid(data: Path) -> None:
    result = run("validate", "--data", str(data), "--format", "json")
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    assert errors == []
    assert result.exit_code == 0


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
    assert result.stderr == "created data/orgs/mueller-soehne.yaml\n" + next_step(
        "data/orgs/mueller-soehne.yaml"
    )
    assert result.stdout == ""
    assert_valid(data)
    assert_canonical(path)


def test_add_org_refuses_a_name_that_exists(data: Path) -> None:
    refusal = refused(
        data, 1,
        "add", "org", "Acme", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == (
        "note: 'Acme' is similar to acme ('ACME GmbH')\n"
        "error: 'Acme' looks like data/orgs/acme.yaml ('ACME GmbH')\n"
        "hint: add a membership to it instead: dehub add membership acme --hub berlin --since 2019\n"
    )


def test_add_org_refuses_a_website_that_exists(data: Path) -> None:
    refusal = refused(
        data, 1,
        "add", "org", "Beta Deutschland", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--website", "https://www.beta.de/de", "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == (
        "error: 'Beta Deutschland' looks like data/orgs/beta.yaml ('Beta AG')\n"
        "hint: add a membership to it instead: dehub add membership beta --hub berlin --since 2019\n"
    )


def test_add_org_never_overwrites_an_invalid_file_with_that_id(data: Path) -> None:
    broken = data / "orgs" / "gamma.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    refusal = refused(
        data, 1,
        "add", "org", "Gamma", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == (
        "warning: 1 file with errors left out of this answer; run 'dehub validate'\n"
        "error: the id 'gamma' is taken by data/orgs/gamma.yaml\n"
        "hint: choose another with --id (ids are unique across hubs and organisations)\n"
    )


ASKED_ONLY_ON_A_TERMINAL = "(values are asked for only on a terminal)"
KINDS = "startup, sme, corporate, university, research, investor, accelerator, association, public"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--hub", "berlin", "--since", "2019"],
         f"error: missing --kind\nhint: pass --kind {ASKED_ONLY_ON_A_TERMINAL}\n"),
        (["--kind", "sme", "--since", "2019"],
         f"error: missing --hub\nhint: pass --hub {ASKED_ONLY_ON_A_TERMINAL}\n"),
        (["--kind", "sme", "--hub", "berlin"],
         f"error: missing --since\nhint: pass --since {ASKED_ONLY_ON_A_TERMINAL}\n"),
        (["--kind", "smee", "--hub", "berlin", "--since", "2019"],
         f"error: unknown kind 'smee'\nhint: did you mean 'sme'? (choose one of: {KINDS})\n"),
        (["--kind", "sme", "--hub", "Kln", "--since", "2019"],
         "error: unknown hub 'Kln'\nhint: did you mean 'koeln'?\n"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019-13"],
         "error: --since: '2019-13': month 13 does not exist\n"
         "hint: dates are ISO: 2018-12-31, 2018-12 or 2018\n"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--role", "boss"],
         "error: unknown role 'boss'\n"
         "hint: choose one of: member, operator, partner, mentor, investor\n"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--sector", "Food"],
         "error: unknown sector 'Food'\nhint: known sectors: fintech, insurtech, iot, logistics\n"),
        (["--kind", "sme", "--hub", "berlin", "--since", "2019", "--id", "Bad Id"],
         "error: --id 'Bad Id' is not an id\nhint: lowercase letters, digits, hyphens: 'bad-id'\n"),
    ],
)  # fmt: skip
def test_add_org_usage_errors_exit_2_and_write_nothing(
    data: Path, args: list[str], stderr: str
) -> None:
    refusal = refused(
        data, 2,
        "add", "org", "Delta", *args, "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == stderr


def test_add_org_without_a_source_is_an_error_when_not_asked(data: Path) -> None:
    refusal = refused(
        data, 2,
        "add", "org", "Delta", "--kind", "sme", "--hub", "berlin", "--since", "2019",
    )  # fmt: skip
    assert refusal == (
        f"error: missing --source-url\nhint: pass --source-url {ASKED_ONLY_ON_A_TERMINAL}\n"
    )


def test_add_org_invalid_values_exit_1_and_write_nothing(data: Path) -> None:
    refusal = refused(
        data, 1,
        "add", "org", "Delta", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--website", "delta .de", "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == (
        "error: data/orgs/delta.yaml would not be valid:\n"
        "  - website: 'https://delta .de' is not a web address\n"
        "hint: nothing was written; correct the values and run the command again\n"
    )


def test_add_org_asks_for_missing_values_on_a_terminal(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehub_cli.cli import editing

    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    answers = "Delta KG\nstartup\nBerlin\n2019-02\nhttps://delta.example/news\n"
    result = run("add", "org", "--data", str(data), input=answers)
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "delta.yaml").read_text(encoding="utf-8") == (
        "id: delta\n"
        "name: Delta KG\n"
        "kind: startup\n"
        "memberships:\n"
        "  - hub: berlin\n"
        "    since: 2019-02\n"
        "    sources:\n"
        "      - url: https://delta.example/news\n"
        "sources:\n"
        "  - url: https://delta.example/news\n"
    )
    prompts = [
        "Name:",
        f"Kind ({KINDS}):",
        "Hub (id, name or city):",
        "Member since (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY):",
        "Source URL (where the facts were read):",
    ]
    assert result.stderr == "".join(prompts) + "created data/orgs/delta.yaml\n" + next_step(
        "data/orgs/delta.yaml"
    )


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
    assert result.stderr == (
        NO_SOURCE_NOTE + "updated data/orgs/acme.yaml\n" + next_step("data/orgs/acme.yaml")
    )
    assert result.stdout == ""
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
    assert (data / "orgs" / "beta.yaml").read_text(encoding="utf-8") == (
        "id: beta\n"
        "name: Beta AG\n"
        "kind: startup\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    since: 2020\n"
        "sources:\n"
        "  - url: https://example.org/source\n"
        "    title: Test source\n"
        "    date: '2018-03-27'\n"
        "website: https://beta.de\n"
    )
    assert result.stderr == (
        NO_SOURCE_NOTE + "updated data/orgs/beta.yaml\n" + next_step("data/orgs/beta.yaml")
    )
    assert_valid(data)


def test_add_membership_refuses_an_overlap(data: Path) -> None:
    refusal = refused(data, 1, "add", "membership", "acme", "--hub", "koeln", "--since", "2020")
    assert refusal == NO_SOURCE_NOTE + (
        "error: acme is a member of 'koeln' since 2017-04-21 already\n"
        "hint: to end it first: dehub end membership acme --hub koeln --until DATE\n"
    )


def test_add_membership_unknown_org_is_a_usage_error(data: Path) -> None:
    refusal = refused(data, 2, "add", "membership", "acmee", "--hub", "koeln", "--since", "2020")
    assert refusal == "error: unknown organisation 'acmee'\nhint: did you mean 'acme'?\n"


def test_end_membership_writes_until_after_since(data: Path) -> None:
    result = run(
        "end", "membership", "acme", "--hub", "Köln", "--until", "2019-06", "--data", str(data)
    )
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "acme.yaml").read_text(encoding="utf-8") == COMMENTED.replace(
        "    since: 2017-04-21\n", "    since: 2017-04-21\n    until: 2019-06\n"
    )
    assert result.stderr == (
        NO_SOURCE_NOTE + "updated data/orgs/acme.yaml\n" + next_step("data/orgs/acme.yaml")
    )
    assert_valid(data)


def test_end_membership_before_its_start_writes_nothing(data: Path) -> None:
    refusal = refused(data, 1, "end", "membership", "acme", "--hub", "koeln", "--until", "2016")
    assert refusal == NO_SOURCE_NOTE + (
        "error: data/orgs/acme.yaml would not be valid:\n"
        "  - memberships[0]: until 2016 is before since 2017-04-21\n"
        "hint: nothing was written; correct the values and run the command again\n"
    )


def test_end_membership_without_an_open_one(data: Path) -> None:
    refusal = refused(data, 1, "end", "membership", "acme", "--hub", "berlin", "--until", "2019")
    assert refusal == NO_SOURCE_NOTE + (
        "error: no open membership in 'berlin'\n"
        "hint: only a membership without 'until' or 'last_seen' can be ended; "
        "see the file's memberships\n"
    )


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
    assert (data / "hubs" / "koeln.yaml").read_text("utf-8") == (
        "id: koeln\n"
        "name: Hub koeln\n"
        "cities:\n"
        "  - Köln\n"
        "sectors:\n"
        "  - fintech\n"
        "announced: '2016-11-17'\n"
        "twins:\n"
        "  - bremen-oldenburg\n"
        "sources:\n"
        "  - url: https://example.org/source\n"
        "    title: Test source\n"
        "    date: '2018-03-27'\n"
    )
    assert result.stderr == (
        "created data/hubs/bremen-oldenburg.yaml\n"
        "updated data/hubs/koeln.yaml\n"
        + next_step("data/hubs/bremen-oldenburg.yaml", "data/hubs/koeln.yaml")
    )
    assert_valid(data)
    assert_canonical(path)


def test_add_hub_refuses_an_existing_id(data: Path) -> None:
    refusal = refused(
        data, 1,
        "add", "hub", "Another", "--city", "Berlin", "--sector", "iot", "--announced", "2024",
        "--source-url", "https://x.org", "--yes",
    )  # fmt: skip
    assert refusal == (
        "error: the id 'berlin' is taken by data/hubs/berlin.yaml\n"
        "hint: choose another with --id (ids are unique across hubs and organisations)\n"
    )


# --- on a copy of the shipped registry --------------------------------------------------------


def test_add_membership_on_a_copy_of_the_shipped_data_changes_only_that_entry(
    tmp_path: Path,
) -> None:
    if not (SHIPPED / "orgs" / "hpa.yaml").exists():
        pytest.skip("the shipped registry has no hpa.yaml")
    copy = tmp_path / "shipped"
    shutil.copytree(SHIPPED, copy)
    untouched = {name: body for name, body in snapshot(copy).items() if name != "orgs/hpa.yaml"}
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
    assert {name: body for name, body in snapshot(copy).items() if name != "orgs/hpa.yaml"} == (
        untouched
    )
    assert_valid(copy)
