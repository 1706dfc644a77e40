"""``dehub log`` on real git repositories: renames followed, one hub, windows, feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import hub, member, org, run
from tests.history.gitrepo import AUTHOR, EMAIL, GitRepo

ATOM = "{http://www.w3.org/2005/Atom}"


def log_json(*args: str) -> dict[str, Any]:
    result = run("log", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def outline(document: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """``(subject, summary, [kind change id ...])`` per entry."""
    return [
        (
            entry["subject"],
            entry["summary"],
            [f"{c['kind']} {c['change']} {c['id']}" for c in entry["changes"]],
        )
        for entry in document["entries"]
    ]


@pytest.fixture
def repo(repo_dir: Path) -> GitRepo:
    """acme joins Dortmund, is renamed twice (once as git sees it, once by content), leaves."""
    created = GitRepo.create(
        repo_dir,
        hubs=[hub("dortmund", twins=["hamburg"]), hub("hamburg", twins=["dortmund"])],
        orgs=[
            org("hhla", memberships=[member("hamburg", role="partner")]),
            org("iml", name="Fraunhofer IML", memberships=[member("dortmund", role="operator")]),
        ],
    )
    created.commit("Registry: Dortmund and Hamburg", day="2024-01-10")
    created.write_org(org("acme", name="Acme GmbH", memberships=[member("dortmund", "2024-02")]))
    created.commit("acme joins Dortmund", day="2024-02-10")
    created.remove("data/orgs/acme.yaml")
    created.write_org(
        org("acme-gmbh", name="Acme GmbH", memberships=[member("dortmund", "2024-02")])
    )
    created.commit("acme: the id names the company", day="2024-03-10")
    created.remove("data/orgs/acme-gmbh.yaml")
    created.write_org(
        org(
            "acme-digital",
            name="Acme GmbH",
            kind="sme",
            city="Dortmund",
            website="https://acme.example.org",
            founded=2019,
            sectors=["logistics"],
            memberships=[member("dortmund", "2024-02")],
            sources=[{"url": "https://acme.example.org/about", "title": "About Acme"}],
        )
    )
    created.commit("acme: id after the brand, facts from its page", day="2024-04-10")
    created.write_org(
        org(
            "acme-digital",
            name="Acme GmbH",
            kind="sme",
            city="Dortmund",
            website="https://acme.example.org",
            founded=2019,
            sectors=["logistics"],
            memberships=[member("dortmund", "2024-02", until="2024-05")],
            sources=[{"url": "https://acme.example.org/about", "title": "About Acme"}],
        )
    )
    created.commit("acme leaves Dortmund", day="2024-05-10")
    created.write_org(org("hhla", name="HHLA", memberships=[member("hamburg", role="partner")]))
    created.commit("hhla: short name", day="2024-06-10")
    return created


def test_log_of_a_record_follows_renames(repo: GitRepo) -> None:
    document = log_json("acme-digital")

    assert document["scope"] == {"record": "acme-digital", "hub": None}
    assert outline(document) == [
        ("acme leaves Dortmund", "1 membership ended", ["org changed acme-digital"]),
        (
            "acme: id after the brand, facts from its page",
            "1 organisation renamed, 1 source added, 1 source removed",
            ["org renamed acme-digital"],
        ),
        ("acme: the id names the company", "1 organisation renamed", ["org renamed acme-gmbh"]),
        ("acme joins Dortmund", "1 organisation added in Dortmund", ["org added acme"]),
    ]
    renames = [
        (change["old_id"], change["id"], change["renamed_by"])
        for entry in document["entries"]
        for change in entry["changes"]
        if change["change"] == "renamed"
    ]
    assert renames == [("acme-gmbh", "acme-digital", "content"), ("acme", "acme-gmbh", "git")]


def test_log_entry_document(repo: GitRepo) -> None:
    document = log_json("acme-digital", "--limit", "1")

    head = repo.head()
    assert document == {
        "scope": {"record": "acme-digital", "hub": None},
        "since": None,
        "until": None,
        "entries": [
            {
                "commit": repo.head("HEAD~1"),
                "parents": [repo.head("HEAD~2")],
                "date": "2024-05-10T12:00:00+00:00",
                "authored": "2024-05-10T12:00:00+00:00",
                "author": {"name": AUTHOR, "email": EMAIL},
                "subject": "acme leaves Dortmund",
                "message": "acme leaves Dortmund",
                "summary": "1 membership ended",
                "counts": document["entries"][0]["counts"],
                "boundary": False,
                "changes": [
                    {
                        "kind": "org",
                        "change": "changed",
                        "id": "acme-digital",
                        "old_id": None,
                        "name": "Acme GmbH",
                        "file": "data/orgs/acme-digital.yaml",
                        "old_file": None,
                        "line": 2,
                        "renamed_by": None,
                        "hubs": ["dortmund"],
                        "record": None,
                        "fields": [],
                        "memberships": [
                            {
                                "change": "ended",
                                "hub": "dortmund",
                                "role": "member",
                                "old": {"hub": "dortmund", "role": "member", "since": "2024-02"},
                                "new": {
                                    "hub": "dortmund",
                                    "role": "member",
                                    "since": "2024-02",
                                    "until": "2024-05",
                                },
                                "fields": [
                                    {"field": "until", "old": None, "new": "2024-05", "line": 7}
                                ],
                                "line": 5,
                            }
                        ],
                        "sources": [],
                        "published": [],
                    }
                ],
                "layout_only": [],
                "notes": [],
            }
        ],
        "notes": [],
    }
    assert document["entries"][0]["counts"]["memberships"] == {
        "started": 0,
        "ended": 1,
        "changed": 0,
        "removed": 0,
    }
    assert head != document["entries"][0]["commit"]


def test_log_of_one_hub(repo: GitRepo) -> None:
    document = log_json("--hub", "Dortmund")  # a city names its hub

    assert document["scope"] == {"record": None, "hub": "dortmund"}
    assert outline(document) == [
        ("acme leaves Dortmund", "1 membership ended", ["org changed acme-digital"]),
        (
            "acme: id after the brand, facts from its page",
            "1 organisation renamed",
            ["org renamed acme-digital"],
        ),
        ("acme: the id names the company", "1 organisation renamed", ["org renamed acme-gmbh"]),
        ("acme joins Dortmund", "1 organisation added in Dortmund", ["org added acme"]),
        (
            "Registry: Dortmund and Hamburg",
            "1 organisation added in Dortmund, 1 hub added",
            ["hub added dortmund", "org added iml"],
        ),
    ]


def test_log_of_everything_with_window_and_limit(repo: GitRepo) -> None:
    everything = log_json()
    window = log_json("--since", "2024-03", "--until", "2024-05-10")
    limited = log_json("--since", "2024-03", "--limit", "2")

    assert [entry["subject"] for entry in everything["entries"]] == [
        "hhla: short name",
        "acme leaves Dortmund",
        "acme: id after the brand, facts from its page",
        "acme: the id names the company",
        "acme joins Dortmund",
        "Registry: Dortmund and Hamburg",
    ]
    assert everything["entries"][0]["summary"] == "1 organisation changed"
    assert everything["entries"][-1]["summary"] == (
        "2 organisations added (1 in Dortmund, 1 in Hamburg), 2 hubs added, 4 sectors added"
    )
    assert [entry["subject"] for entry in window["entries"]] == [
        "acme leaves Dortmund",
        "acme: id after the brand, facts from its page",
        "acme: the id names the company",
    ]
    assert (window["since"], window["until"]) == ("2024-03-01", "2024-05-10")
    assert [entry["subject"] for entry in limited["entries"]] == [
        "hhla: short name",
        "acme leaves Dortmund",
    ]


def test_log_table(repo: GitRepo) -> None:
    result = run("log", "acme-digital", "--since", "2024-05")

    assert result.exit_code == 0
    assert result.stdout == (
        f"{repo.head('HEAD~1')[:7]} 2024-05-10 Hub Manager: acme leaves Dortmund\n"
        "  summary                                     1 membership ended\n"
        "  organisation acme-digital membership ended  dortmund (member): until: (none) -> 2024-05\n"
    )


def test_log_markdown(repo: GitRepo) -> None:
    result = run("log", "--hub", "dortmund", "--limit", "1", "--format", "markdown")

    assert result.exit_code == 0
    assert result.stdout == (
        "### Membership changes in Dortmund\n"
        "\n"
        f"#### `{repo.head('HEAD~1')[:7]}` 2024-05-10 Hub Manager: acme leaves Dortmund\n"
        "\n"
        "**1 membership ended**\n"
        "\n"
        "- organisation `acme-digital` (`Acme GmbH`)\n"
        "  - membership ended: `dortmund` (`member`): `until`: `(none)` → `2024-05`\n"
    )


def test_atom_feed(repo: GitRepo) -> None:
    result = run("log", "--hub", "dortmund", "--format", "atom")

    assert result.exit_code == 0
    feed = ET.fromstring(result.stdout)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    assert feed.findtext(f"{ATOM}title") == "Membership changes in Dortmund"
    assert feed.findtext(f"{ATOM}updated") == "2024-05-10T12:00:00+00:00"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "1 membership ended",
        "1 organisation renamed",
        "1 organisation renamed",
        "1 organisation added in Dortmund",
        "1 organisation added in Dortmund, 1 hub added",
    ]
    ids = [entry.findtext(f"{ATOM}id", "") for entry in entries]
    assert len(set(ids)) == 5
    assert all(entry_id.startswith("urn:uuid:") for entry_id in ids)
    first = entries[0]
    assert first.findtext(f"{ATOM}updated") == "2024-05-10T12:00:00+00:00"
    assert first.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
    content = first.find(f"{ATOM}content")
    assert content is not None
    assert content.get("type") == "text"
    assert content.text == (
        "acme leaves Dortmund\n"
        "\n"
        "1 membership ended\n"
        "\n"
        "- organisation acme-digital: membership ended: dortmund (member): until: (none) -> "
        "2024-05\n"
        "\n"
        f"commit {repo.head('HEAD~1')}"
    )
    again = run("log", "--hub", "dortmund", "--format", "atom").stdout
    assert again == result.stdout  # stable ids: a feed reader sees no new entries


def test_atom_escapes_hostile_values(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", 'Mallory & "co" ]]')
    evil = "Evil\n::error::x </content><script>alert(1)</script>\x1b[31m\x00"
    repo.write_org(org("evil", name="Evil </title>", memberships=[member("dortmund")]))
    path = repo.data / "orgs" / "evil.yaml"
    path.write_text(
        path.read_text().replace("name: Evil </title>", f"name: {json.dumps(evil)}"), "utf-8"
    )
    repo.commit("evil </entry> & <script>")

    result = run("log", "evil", "--format", "atom")

    assert result.exit_code == 0
    feed = ET.fromstring(result.stdout)  # still well-formed XML
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == 'Mallory & "co" ]]'
    content = entry.findtext(f"{ATOM}content", "")
    assert content.startswith("evil </entry> & <script>\n")
    assert (
        r"added: Evil\n::error::x </content><script>alert(1)</script>\x1b[31m\x00; in dortmund"
        in content
    )


def test_a_name_in_the_current_registry_names_its_record(repo: GitRepo) -> None:
    by_name = log_json("Acme GmbH")
    assert by_name["scope"] == {"record": "acme-digital", "hub": None}
    assert len(by_name["entries"]) == 4
    by_file = log_json("data/orgs/acme-digital.yaml")
    assert by_file == by_name


def test_unknown_format(repo: GitRepo) -> None:
    result = run("log", "--format", "atm")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: unknown format 'atm'\nhint: did you mean 'atom'?\n"


def test_unknown_id(repo: GitRepo) -> None:
    result = run("log", "acme-digitl")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no commit of the registry's history names a hub or organisation 'acme-digitl'\n"
        "hint: did you mean 'acme-digital'?\n"
    )
    hub_result = run("log", "--hub", "nowhere")
    assert (hub_result.exit_code, hub_result.stdout) == (2, "")
    assert hub_result.stderr == (
        "error: no commit of the registry's history names a hub 'nowhere'\n"
        "hint: ids are file names without .yaml: dehub log bitkom\n"
    )


def test_first_parent_shows_one_entry_per_merge(repo: GitRepo) -> None:
    repo.git("switch", "-q", "-c", "dortmund-2024")
    repo.write_org(org("one", memberships=[member("dortmund")]))
    repo.commit("one", day="2024-07-01")
    repo.write_org(org("two", memberships=[member("dortmund")]))
    repo.commit("two", day="2024-07-02")
    repo.git("switch", "-q", "main")
    repo.git(
        "merge", "-q", "--no-ff", "-m", "Merge pull request #7: Dortmund 2024", "dortmund-2024"
    )

    every = log_json("--limit", "3")
    merges = log_json("--first-parent", "--limit", "2")

    assert [entry["subject"] for entry in every["entries"]] == ["two", "one", "hhla: short name"]
    assert outline(merges)[0] == (
        "Merge pull request #7: Dortmund 2024",
        "2 organisations added in Dortmund",
        ["org added one", "org added two"],
    )
    assert merges["entries"][1]["subject"] == "hhla: short name"


def test_shallow_clone_log(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone))
    monkeypatch.chdir(clone)

    document = log_json()

    assert [(e["subject"], e["boundary"], e["summary"]) for e in document["entries"]] == [
        ("hhla: short name", False, "1 organisation changed"),
        (
            "acme leaves Dortmund",
            True,
            "changes unknown: the parent commit is not in this shallow clone",
        ),
    ]
    assert document["entries"][1]["changes"] == []
    assert document["notes"] == [
        "this clone is shallow: older history is missing; fetch it with 'git fetch --unshallow' "
        "(or 'git fetch --deepen=N' for N more commits)"
    ]


def test_log_outside_git(repo_dir: Path) -> None:
    from tests.helpers import write_registry

    write_registry(repo_dir, orgs=[org("acme")])

    result = run("log")

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {repo_dir / 'data'} is not inside a git repository\n"
        "hint: dehub diff and dehub log read the registry's history from git: run them in a "
        "clone of the registry (git clone URL), or pass --data DIR of one\n"
    )


def test_log_id_and_hub_together(repo: GitRepo) -> None:
    result = run("log", "acme-digital", "--hub", "dortmund")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: give an ID or --hub, not both\nhint: dehub log bitkom, or dehub log --hub dortmund\n"
    )
