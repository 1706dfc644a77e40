"""``dehub diff`` on real git repositories: whole documents, exact lines, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SOURCE, hub, member, org, run
from tests.history.gitrepo import GitRepo

NEW_SOURCE = {"url": "https://example.org/new", "title": "New page"}


def counts(**nonzero: int) -> dict[str, dict[str, int]]:
    """The full ``counts`` object: zeros, except ``group_verb=n``."""
    shape = {
        "organisations": ("added", "removed", "renamed", "changed"),
        "hubs": ("added", "removed", "renamed", "changed"),
        "memberships": ("started", "ended", "changed", "removed"),
        "sources": ("added", "removed", "changed"),
        "sectors": ("added", "removed", "changed"),
        "published": ("added", "removed", "changed"),
        "initiative": ("added", "removed", "changed"),
        "files": ("unreadable",),
    }
    found = {group: dict.fromkeys(verbs, 0) for group, verbs in shape.items()}
    for key, value in nonzero.items():
        group, verb = key.rsplit("_", 1)
        assert verb in found[group]
        found[group][verb] = value
    return found


def change(kind: str, change: str, record_id: str, **fields: Any) -> dict[str, Any]:
    """One entry of ``changes`` with every key; ``fields`` override the defaults."""
    entry: dict[str, Any] = {
        "kind": kind,
        "change": change,
        "id": record_id,
        "old_id": None,
        "name": None,
        "file": f"data/{kind}s/{record_id}.yaml",
        "old_file": None,
        "line": None,
        "renamed_by": None,
        "hubs": [],
        "record": None,
        "fields": [],
        "memberships": [],
        "sources": [],
        "published": [],
    }
    entry.update(fields)
    return entry


def diff_json(*args: str) -> dict[str, Any]:
    result = run("diff", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture
def repo(repo_dir: Path) -> GitRepo:
    """Two hubs, two organisations, committed on main."""
    created = GitRepo.create(
        repo_dir,
        hubs=[hub("dortmund", twins=["hamburg"]), hub("hamburg", twins=["dortmund"])],
        orgs=[
            org("hhla", memberships=[member("hamburg", role="partner")]),
            org("iml", name="Fraunhofer IML", memberships=[member("dortmund", role="operator")]),
        ],
    )
    created.commit("Registry: Dortmund and Hamburg")
    return created


def test_added_removed_and_changed_records(repo: GitRepo) -> None:
    base = repo.head()
    repo.write_org(org("acme", name="Acme GmbH", memberships=[member("dortmund", since="2024-05")]))
    repo.remove("data/orgs/hhla.yaml")
    repo.write_org(
        org(
            "iml", name="Fraunhofer-Institut IML", memberships=[member("dortmund", role="operator")]
        )
    )
    head = repo.commit("Dortmund: members 2024")

    assert diff_json("HEAD~1", "HEAD") == {
        "from": {"revision": "HEAD~1", "commit": base},
        "to": {"revision": "HEAD", "commit": head},
        "summary": "1 organisation added in Dortmund, 1 organisation removed, 1 organisation changed",
        "counts": counts(organisations_added=1, organisations_removed=1, organisations_changed=1),
        "changes": [
            change(
                "org",
                "added",
                "acme",
                name="Acme GmbH",
                line=2,
                hubs=["dortmund"],
                record={
                    "name": "Acme GmbH",
                    "kind": "startup",
                    "memberships": [{"hub": "dortmund", "role": "member", "since": "2024-05"}],
                    "sources": [SOURCE],
                },
            ),
            change(
                "org",
                "removed",
                "hhla",
                name="Org hhla",
                hubs=["hamburg"],
                record={
                    "name": "Org hhla",
                    "kind": "startup",
                    "memberships": [{"hub": "hamburg", "role": "partner", "since": "2017-01-01"}],
                    "sources": [SOURCE],
                },
            ),
            change(
                "org",
                "changed",
                "iml",
                name="Fraunhofer-Institut IML",
                line=2,
                hubs=["dortmund"],
                fields=[
                    {
                        "field": "name",
                        "old": "Fraunhofer IML",
                        "new": "Fraunhofer-Institut IML",
                        "line": 2,
                    }
                ],
            ),
        ],
        "layout_only": [],
        "notes": [],
    }


def test_memberships_started_ended_changed_and_sources(repo: GitRepo) -> None:
    repo.write_org(
        org(
            "hhla",
            memberships=[
                member("hamburg", role="partner", until="2025-12"),
                member("dortmund", since="2024-05", sources=[NEW_SOURCE]),
            ],
            sources=[NEW_SOURCE],
        )
    )
    repo.write_org(
        org("iml", name="Fraunhofer IML", memberships=[member("dortmund", role="partner")])
    )
    repo.commit("Memberships")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == (
        "1 membership started, 1 membership ended, 1 membership changed, "
        "1 source added, 1 source removed"
    )
    assert document["counts"] == counts(
        memberships_started=1,
        memberships_ended=1,
        memberships_changed=1,
        sources_added=1,
        sources_removed=1,
    )
    assert document["changes"] == [
        change(
            "org",
            "changed",
            "hhla",
            name="Org hhla",
            line=2,
            hubs=["hamburg", "dortmund"],
            memberships=[
                {
                    "change": "ended",
                    "hub": "hamburg",
                    "role": "partner",
                    "old": {"hub": "hamburg", "role": "partner", "since": "2017-01-01"},
                    "new": {
                        "hub": "hamburg",
                        "role": "partner",
                        "since": "2017-01-01",
                        "until": "2025-12",
                    },
                    "fields": [{"field": "until", "old": None, "new": "2025-12", "line": 8}],
                    "line": 5,
                },
                {
                    "change": "started",
                    "hub": "dortmund",
                    "role": "member",
                    "old": None,
                    "new": {
                        "hub": "dortmund",
                        "role": "member",
                        "since": "2024-05",
                        "sources": [NEW_SOURCE],
                    },
                    "fields": [],
                    "line": 9,
                },
            ],
            sources=[
                {
                    "change": "added",
                    "url": "https://example.org/new",
                    "old": None,
                    "new": NEW_SOURCE,
                    "membership": None,
                    "published": None,
                    "line": 15,
                },
                {
                    "change": "removed",
                    "url": "https://example.org/source",
                    "old": SOURCE,
                    "new": None,
                    "membership": None,
                    "published": None,
                    "line": 14,
                },
            ],
        ),
        change(
            "org",
            "changed",
            "iml",
            name="Fraunhofer IML",
            line=2,
            hubs=["dortmund"],
            memberships=[
                {
                    "change": "changed",
                    "hub": "dortmund",
                    "role": "partner",
                    "old": {"hub": "dortmund", "role": "operator", "since": "2017-01-01"},
                    "new": {"hub": "dortmund", "role": "partner", "since": "2017-01-01"},
                    "fields": [{"field": "role", "old": "operator", "new": "partner", "line": 7}],
                    "line": 5,
                }
            ],
        ),
    ]


def test_membership_sources_name_their_membership(repo: GitRepo) -> None:
    repo.write_org(
        org("hhla", memberships=[member("hamburg", role="partner", sources=[NEW_SOURCE])])
    )
    repo.commit("Source for the Hamburg membership")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == "1 source added"
    assert document["changes"][0]["memberships"] == []
    assert document["changes"][0]["sources"] == [
        {
            "change": "added",
            "url": "https://example.org/new",
            "old": None,
            "new": NEW_SOURCE,
            "membership": {"hub": "hamburg", "role": "partner"},
            "published": None,
            "line": 9,
        }
    ]


def test_rename_detected_by_git(repo: GitRepo) -> None:
    repo.git("mv", "data/orgs/hhla.yaml", "data/orgs/hhla-ag.yaml")
    record = org("hhla-ag", memberships=[member("hamburg", role="partner")])
    repo.write_org(record)
    repo.commit("hhla: the id names the company")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == "1 organisation renamed"
    assert document["counts"] == counts(organisations_renamed=1)
    assert document["changes"] == [
        change(
            "org",
            "renamed",
            "hhla-ag",
            old_id="hhla",
            old_file="data/orgs/hhla.yaml",
            renamed_by="git",
            name="Org hhla-ag",
            line=2,
            hubs=["hamburg"],
            fields=[{"field": "name", "old": "Org hhla", "new": "Org hhla-ag", "line": 2}],
        )
    ]


def test_rename_matched_by_content_when_git_misses_it(repo: GitRepo) -> None:
    repo.remove("data/orgs/iml.yaml")
    repo.write_org(
        org(
            "fraunhofer-iml",
            name="Fraunhofer IML",
            kind="research",
            city="Dortmund",
            website="https://www.iml.fraunhofer.de",
            memberships=[member("dortmund", role="operator", since="2016-11-17")],
            sources=[NEW_SOURCE],
        )
    )
    repo.commit("iml: full id, facts from the hub's page")
    raw = repo.git("diff", "--name-status", "-M", "HEAD~1", "HEAD")
    assert raw.splitlines() == ["A\tdata/orgs/fraunhofer-iml.yaml", "D\tdata/orgs/iml.yaml"]

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == (
        "1 organisation renamed, 1 membership changed, 1 source added, 1 source removed"
    )
    renamed = document["changes"][0]
    assert {key: renamed[key] for key in ("change", "id", "old_id", "renamed_by", "file")} == {
        "change": "renamed",
        "id": "fraunhofer-iml",
        "old_id": "iml",
        "renamed_by": "content",
        "file": "data/orgs/fraunhofer-iml.yaml",
    }
    assert renamed["fields"] == [
        {"field": "kind", "old": "startup", "new": "research", "line": 3},
        {"field": "city", "old": None, "new": "Dortmund", "line": 11},
        {"field": "website", "old": None, "new": "https://www.iml.fraunhofer.de", "line": 12},
    ]


def test_hub_rename_keeps_memberships_paired(repo: GitRepo) -> None:
    repo.git("mv", "data/hubs/dortmund.yaml", "data/hubs/ruhr.yaml")
    repo.write_hub(hub("ruhr", cities=["Dortmund"], twins=["hamburg"]))
    repo.write_hub(hub("hamburg", twins=["ruhr"]))
    repo.write_org(org("iml", name="Fraunhofer IML", memberships=[member("ruhr", role="operator")]))
    repo.commit("Dortmund is now the Ruhr hub")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == "1 hub renamed, 1 hub changed, 1 membership changed"
    assert [(c["kind"], c["change"], c["id"], c["old_id"]) for c in document["changes"]] == [
        ("hub", "changed", "hamburg", None),
        ("hub", "renamed", "ruhr", "dortmund"),
        ("org", "changed", "iml", None),
    ]
    assert document["changes"][2]["memberships"][0]["fields"] == [
        {"field": "hub", "old": "dortmund", "new": "ruhr", "line": 5}
    ]


def test_sectors_and_published_figures(repo: GitRepo) -> None:
    initiative: dict[str, Any] = {
        "name": "Digital Hub Initiative",
        "published": [
            {
                "date": "2018-03-27",
                "figures": {"hubs": 12, "startups": 350},
                "qualifiers": {"startups": "at_least"},
                "sources": [SOURCE],
            }
        ],
        "sources": [SOURCE],
    }
    repo.write("data/initiative.yaml", json.dumps(initiative))
    repo.commit("Initiative")
    initiative["published"][0]["figures"]["startups"] = 400
    initiative["published"].append(
        {"date": "2019", "figures": {"hubs": 12}, "sources": [NEW_SOURCE]}
    )
    repo.write("data/initiative.yaml", json.dumps(initiative, indent=1))
    sectors = (repo.data / "sectors.yaml").read_text()
    sectors = sectors.replace("name: Logistics", "name: Logistics and Supply Chain")
    repo.write("data/sectors.yaml", sectors + "- id: ai\n  name: AI\n")
    repo.commit("Figures of 2019, sector AI")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == (
        "1 sector added, 1 sector changed, 1 figure publication added, 1 figure publication changed"
    )
    assert document["changes"] == [
        change(
            "initiative",
            "changed",
            "initiative",
            file="data/initiative.yaml",
            name="Digital Hub Initiative",
            line=2,
            published=[
                {
                    "change": "changed",
                    "date": "2018-03-27",
                    "old": initiative["published"][0] | {"figures": {"hubs": 12, "startups": 350}},
                    "new": initiative["published"][0],
                    "fields": [{"field": "figures.startups", "old": 350, "new": 400, "line": 8}],
                    "line": 4,
                },
                {
                    "change": "added",
                    "date": "2019",
                    "old": None,
                    "new": initiative["published"][1],
                    "fields": [],
                    "line": 21,
                },
            ],
        ),
        change(
            "sector",
            "added",
            "ai",
            file="data/sectors.yaml",
            name="AI",
            line=20,
            record={"id": "ai", "name": "AI"},
        ),
        change(
            "sector",
            "changed",
            "logistics",
            file="data/sectors.yaml",
            name="Logistics and Supply Chain",
            line=12,
            fields=[
                {
                    "field": "name",
                    "old": "Logistics",
                    "new": "Logistics and Supply Chain",
                    "line": 14,
                }
            ],
        ),
    ]


def test_range_two_dots_and_three_dots(repo: GitRepo) -> None:
    base = repo.head()
    repo.git("switch", "-q", "-c", "feature")
    repo.write_org(org("acme", memberships=[member("dortmund")]))
    feature = repo.commit("feature: acme")
    repo.git("switch", "-q", "main")
    repo.write_org(org("zeta", memberships=[member("hamburg")]))
    main = repo.commit("main: zeta")

    two = diff_json("main..feature")
    three = diff_json("main...feature")

    assert (two["from"], two["to"]) == (
        {"revision": "main", "commit": main},
        {"revision": "feature", "commit": feature},
    )
    assert two["summary"] == "1 organisation added in Dortmund, 1 organisation removed"
    assert (three["from"], three["to"]) == (
        {"revision": "merge base of main and feature", "commit": base},
        {"revision": "feature", "commit": feature},
    )
    assert three["summary"] == "1 organisation added in Dortmund"
    assert diff_json("main", "feature") == two


def test_default_is_merge_base_against_working_tree(repo: GitRepo) -> None:
    base = repo.head()
    repo.git("switch", "-q", "-c", "dortmund-2024")
    repo.write_org(org("acme", memberships=[member("dortmund")]))
    repo.commit("acme")
    repo.git("switch", "-q", "main")
    repo.write_org(org("zeta", memberships=[member("hamburg")]))
    repo.commit("main moves on")
    repo.git("switch", "-q", "dortmund-2024")
    repo.write_org(org("beta", memberships=[member("dortmund")]))  # not committed, not added
    index = (repo.root / ".git" / "index").read_bytes()
    status = repo.git("status", "--porcelain")

    document = diff_json()

    assert (document["from"], document["to"]) == (
        {"revision": "merge base of main and HEAD", "commit": base},
        {"revision": "working tree", "commit": None},
    )
    assert document["summary"] == "2 organisations added in Dortmund"
    assert [c["id"] for c in document["changes"]] == ["acme", "beta"]
    assert (repo.root / ".git" / "index").read_bytes() == index
    assert repo.git("status", "--porcelain") == status


def test_table_output(repo: GitRepo) -> None:
    repo.write_org(org("hhla", memberships=[member("hamburg", role="partner", until="2025-12")]))

    result = run("diff", "HEAD")

    assert result.exit_code == 0
    assert result.stdout == (
        "Registry changes\n"
        "  from     HEAD (" + repo.head()[:7] + ")\n"
        "  to       working tree\n"
        "  summary  1 membership ended\n"
        "\n"
        "record            | change           | detail\n"
        "------------------+------------------+--------------------------------------------\n"
        "organisation hhla | membership ended | hamburg (partner): until: (none) -> 2025-12\n"
    )


def test_markdown_summary_and_details(repo: GitRepo) -> None:
    for index in range(3):
        repo.write_org(org(f"new-{index}", memberships=[member("dortmund", since="2024")]))
    repo.write_org(
        org(
            "hhla",
            memberships=[member("hamburg", role="partner", until="2025")],
            sources=[SOURCE, NEW_SOURCE, {"url": "https://example.org/third"}],
        )
    )
    repo.commit("Dortmund: three new members")

    result = run("diff", "HEAD~1", "HEAD", "--format", "markdown")

    assert result.exit_code == 0
    assert result.stdout == (
        "### Registry changes\n"
        "\n"
        "**3 organisations added in Dortmund, 1 membership ended, 2 sources added**\n"
        "\n"
        f"From `HEAD~1 ({repo.head('HEAD~1')[:7]})` to `HEAD ({repo.head()[:7]})`.\n"
        "\n"
        "- organisation `hhla` (`Org hhla`)\n"
        "  - membership ended: `hamburg` (`partner`): `until`: `(none)` → `2025`\n"
        "  - source added: `https://example.org/new`\n"
        "  - source added: `https://example.org/third`\n"
        "- organisation `new-0` **added**: `Org new-0`; in `dortmund` (`member`, since `2024`)\n"
        "- organisation `new-1` **added**: `Org new-1`; in `dortmund` (`member`, since `2024`)\n"
        "- organisation `new-2` **added**: `Org new-2`; in `dortmund` (`member`, since `2024`)\n"
    )


def test_github_annotations_on_new_lines(repo: GitRepo) -> None:
    repo.write_org(
        org(
            "iml",
            name="Fraunhofer IML",
            memberships=[member("dortmund", role="operator")],
            sources=[SOURCE, NEW_SOURCE],
        )
    )
    repo.remove("data/orgs/hhla.yaml")
    repo.commit("iml source, hhla gone")

    result = run("diff", "HEAD~1", "HEAD", "--format", "github")

    assert result.exit_code == 0
    assert result.stdout == (
        "::notice::organisation hhla: removed: Org hhla; in hamburg (partner, since 2017-01-01)\n"
        "::notice file=data/orgs/iml.yaml,line=12::organisation iml: source added: "
        "https://example.org/new\n"
    )
    assert result.stderr == "1 organisation removed, 1 source added\n"


def test_hostile_values_are_escaped_in_every_format(repo: GitRepo) -> None:
    evil = (
        "Evil\n::error file=x::pwned <script>alert(1)</script> @octocat `x` [bold]b[/bold] \x1b[31m"
    )
    repo.write_org(org("evil", name=evil, memberships=[member("dortmund")]))
    repo.commit("evil")

    github = run("diff", "HEAD~1", "HEAD", "--format", "github").stdout
    markdown = run("diff", "HEAD~1", "HEAD", "--format", "markdown").stdout
    table = run("diff", "HEAD~1", "HEAD").stdout

    shown = r"Evil\n::error file=x::pwned <script>alert(1)</script> @octocat `x` [bold]b[/bold] \x1b[31m"
    quoted_twice = shown.replace("\\", "\\\\")
    assert github == (
        f"::notice file=data/orgs/evil.yaml,line=2::organisation evil: added: {shown}; "
        "in dortmund (member, since 2017-01-01)\n"
        # A name with a control character does not validate (DH209): said, escaped again.
        "::warning file=data/orgs/evil.yaml::does not validate, compared as far as it parses: "
        f"2:7: name: '{quoted_twice}' holds the control character \\\\n [DH209]\n"
    )
    assert (
        f"- organisation `evil` **added**: ``{shown}``; in `dortmund` (`member`, since "
        "`2017-01-01`)"
    ) in markdown.splitlines()
    assert f"organisation evil | added  | {shown}; in dortmund" in table
    assert "\x1b" not in github + markdown + table


def test_hostile_hub_label_in_markdown_summary(repo: GitRepo) -> None:
    repo.write_hub(hub("dortmund", cities=["<b>Dort</b> @team *x*"], twins=["hamburg"]))
    repo.write_org(org("acme", memberships=[member("dortmund")]))
    repo.commit("acme")

    markdown = run("diff", "HEAD~1", "HEAD", "--format", "markdown").stdout

    assert markdown.splitlines()[2] == (
        r"**1 organisation added in &lt;b&gt;Dort&lt;/b&gt; @&#8203;team \*x\*, 1 hub changed**"
    )


def test_no_changes(repo: GitRepo) -> None:
    expected = (
        "Registry changes\n"
        f"  from     HEAD ({repo.head()[:7]})\n"
        "  to       working tree\n"
        "  summary  no changes\n"
    )
    for args in ([], ["--exit-code"]):
        result = run("diff", "HEAD", *args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_exit_code_option(repo: GitRepo) -> None:
    repo.write_org(org("acme"))
    expected = (
        "Registry changes\n"
        f"  from     HEAD ({repo.head()[:7]})\n"
        "  to       working tree\n"
        "  summary  1 organisation added\n"
        "\n"
        "record            | change | detail\n"
        "------------------+--------+---------\n"
        "organisation acme | added  | Org acme\n"
    )
    plain = run("diff", "HEAD")
    assert (plain.exit_code, plain.stdout, plain.stderr) == (0, expected, "")
    flagged = run("diff", "HEAD", "--exit-code")
    assert (flagged.exit_code, flagged.stdout, flagged.stderr) == (1, expected, "")


def test_layout_and_comments_are_not_changes(repo: GitRepo) -> None:
    path = repo.data / "orgs" / "hhla.yaml"
    path.write_text(
        "# HHLA, checked 2024\n"
        + path.read_text().replace("role: partner\n", "role: partner  # founding\n")
    )
    repo.write_org(
        org("iml", memberships=[member("dortmund", role="operator")], name="Fraunhofer IML")
    )

    document = diff_json("HEAD")

    assert document["summary"] == "no changes (1 file changed only in layout or comments)"
    assert document["changes"] == []
    assert document["layout_only"] == ["data/orgs/hhla.yaml"]


def test_files_outside_the_registry_are_ignored(repo: GitRepo) -> None:
    repo.write("README.md", "# Registry\n")
    repo.write("data/orgs/README.txt", "notes\n")
    repo.write("data/orgs/drafts/acme.yaml", "name: [unclosed\n")
    repo.write("data/.hidden.yaml", "x: 1\n")
    repo.write("other/orgs/acme.yaml", "name: x\n")
    repo.commit("Not registry files")

    document = diff_json("HEAD~1", "HEAD")

    assert (document["summary"], document["changes"], document["notes"]) == ("no changes", [], [])


def test_invalid_revision_is_diffed_with_a_note(repo: GitRepo) -> None:
    repo.write("data/orgs/hhla.yaml", "name: [unclosed\n")
    repo.write_org(
        org(
            "iml",
            name="Fraunhofer IML",
            kind="robot",
            memberships=[member("dortmund", role="operator")],
        )
    )
    repo.commit("broken")
    repo.write_org(org("hhla", name="HHLA", memberships=[member("hamburg", role="partner")]))
    repo.write_org(
        org(
            "iml",
            name="Fraunhofer IML",
            kind="research",
            memberships=[member("dortmund", role="operator")],
        )
    )
    repo.commit("fixed")

    document = diff_json("HEAD~1", "HEAD")

    assert document["summary"] == "1 organisation changed, 1 file could not be read"
    assert document["changes"] == [
        change(
            "org",
            "changed",
            "iml",
            name="Fraunhofer IML",
            line=2,
            hubs=["dortmund"],
            fields=[{"field": "kind", "old": "robot", "new": "research", "line": 3}],
        )
    ]
    assert document["notes"] == [
        {
            "file": "data/orgs/hhla.yaml",
            "revision": "from",
            "kind": "unreadable",
            "message": "could not be read: 2:1: YAML syntax error: while parsing a flow "
            "sequence: did not find expected ',' or ']' (the file cannot be read, so its schema "
            "and cross-record checks did not run) [DH103]",
        },
        {
            "file": "data/orgs/iml.yaml",
            "revision": "from",
            "kind": "invalid",
            "message": "does not validate, compared as far as it parses: 3:7: kind: 'robot' is "
            "not one of startup, sme, corporate, university, research, investor, accelerator, "
            "association, public [DH206]",
        },
    ]


def test_unknown_revision(repo: GitRepo) -> None:
    result = run("diff", "no-such-branch")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: unknown revision 'no-such-branch'\n"
        "hint: name a commit, branch or tag that exists here (git log --oneline; branches of a "
        "remote are origin/NAME: git fetch origin NAME)\n"
    )


def test_option_like_revision_is_not_an_option(repo: GitRepo) -> None:
    result = run("diff", "--", "--output=/tmp/x")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: unknown revision '--output=/tmp/x'\n"
        "hint: name a commit, branch or tag that exists here (git log --oneline; branches of a "
        "remote are origin/NAME: git fetch origin NAME)\n"
    )
    assert not Path("/tmp/x").exists()


def test_too_many_revisions(repo: GitRepo) -> None:
    result = run("diff", "HEAD", "HEAD", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: too many revisions: HEAD HEAD HEAD\n"
        "hint: give at most two: dehub diff A B, or one range: A..B or A...B\n"
    )


def test_outside_a_git_repository(repo_dir: Path) -> None:
    GitRepo(repo_dir)  # no git init
    from tests.helpers import write_registry

    write_registry(repo_dir, orgs=[org("acme")])

    result = run("diff")

    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {repo_dir / 'data'} is not inside a git repository\n"
        "hint: dehub diff and dehub log read the registry's history from git: run them in a "
        "clone of the registry (git clone URL), or pass --data DIR of one\n"
    )


def test_no_default_branch(repo_dir: Path) -> None:
    created = GitRepo.create(repo_dir, orgs=[org("acme")])
    created.commit("first")
    created.git("branch", "-m", "trunk")

    result = run("diff")

    assert result.exit_code == 2
    assert result.stderr == (
        "error: no default branch to compare with: there is no origin/HEAD, main or master\n"
        "hint: name the base revision: dehub diff BASE (dehub diff HEAD shows uncommitted "
        "changes)\n"
    )


SHALLOW_HINT = (
    "hint: this clone is shallow: fetch the history it needs with 'git fetch --deepen=N' "
    "(N more commits) or all of it with 'git fetch --unshallow'; in GitHub Actions set "
    "'fetch-depth: 0' on actions/checkout\n"
)


def test_shallow_clone_missing_commit(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write_org(org("acme"))
    repo.commit("acme")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    monkeypatch.chdir(clone)

    result = run("diff", "HEAD~1", "HEAD")

    assert result.exit_code == 2
    assert result.stderr == (
        "error: revision 'HEAD~1' is not in this clone (it is shallow)\n" + SHALLOW_HINT
    )


def test_shallow_clone_missing_merge_base(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.git("switch", "-q", "-c", "feature")
    repo.write_org(org("acme"))
    repo.commit("feature")
    repo.git("switch", "-q", "main")
    repo.write_org(org("zeta"))
    repo.commit("main")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo.root}", str(clone))
    monkeypatch.chdir(clone)

    result = run("diff", "origin/main...origin/feature")

    assert result.exit_code == 2
    assert result.stderr == (
        "error: the merge base of 'origin/main' and 'origin/feature' is not in this clone "
        "(it is shallow)\n" + SHALLOW_HINT
    )


def test_only_changed_blobs_are_read(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    from dehub_cli.history.git import BlobReader

    for index in range(20):
        repo.write_org(org(f"org-{index}", memberships=[member("dortmund")]))
    repo.commit("twenty more")
    repo.write_org(org("org-7", name="Seven", memberships=[member("dortmund")]))
    head = repo.commit("one changed")
    old_blob = repo.git("rev-parse", "HEAD~1:data/orgs/org-7.yaml")
    new_blob = repo.git("rev-parse", "HEAD:data/orgs/org-7.yaml")
    read: list[str] = []
    original = BlobReader.read_many

    def spy(self: BlobReader, names: Iterable[str]) -> dict[str, bytes | None]:
        names = list(names)
        read.extend(names)
        return original(self, names)

    monkeypatch.setattr(BlobReader, "read_many", spy)

    assert diff_json("HEAD~1", "HEAD")["summary"] == "1 organisation changed"
    assert sorted(read) == sorted([old_blob, new_blob, f"{head}:data/hubs/dortmund.yaml"])


@pytest.mark.parametrize("hub_value", ["dresden leipzig", "a b c", "x\ny"])
def test_a_membership_naming_no_hub_file_is_diffed(repo: GitRepo, hub_value: str) -> None:
    """An invalid hub value is never asked of git as a file name (it could be a spaced name)."""
    repo.write_org(org("newco", name="Newco", memberships=[member(hub_value)]))
    repo.commit("a membership in a hub with an impossible id")

    document = diff_json("HEAD~1", "HEAD")

    assert [(c["kind"], c["change"], c["id"]) for c in document["changes"]] == [
        ("org", "added", "newco")
    ]
    assert document["summary"].startswith("1 organisation added")
