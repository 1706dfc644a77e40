"""Edits that never lose data: the registry lock, unwritable directories, one input parser."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.helpers import RegistryFactory, dehub, hub, org, run, snapshot

HUBS = [f"hub{number}" for number in range(1, 7)]
NO_SOURCE_NOTE = (
    "note: no --source-url: the membership cites no source of its own "
    "(the record's sources stand for it)\n"
)
NEXT_STEP = "next: run 'dehub validate', then commit: git add data/orgs/acme.yaml && git commit\n"
KINDS = "startup, sme, corporate, university, research, investor, accelerator, association, public"


def test_edits_run_at_once_all_land(make_registry: RegistryFactory, tmp_path: Path) -> None:
    """Six 'add membership' at once: every one that reports success is in the file."""
    data = make_registry(hubs=[hub(hub_id) for hub_id in HUBS], orgs=[org("bitkom")])
    commands = [
        ("add", "membership", "bitkom", "--hub", hub_id, "--since", "2020-01", "--yes")
        for hub_id in HUBS
    ]
    with ThreadPoolExecutor(len(commands)) as pool:
        results = list(
            pool.map(lambda args: dehub(*args, "--data", str(data), cwd=tmp_path), commands)
        )
    assert [result.returncode for result in results] == [0] * len(HUBS), [
        result.stderr for result in results
    ]
    assert [result.stdout for result in results] == [""] * len(HUBS)
    assert [result.stderr for result in results] == [
        NO_SOURCE_NOTE + "updated data/orgs/bitkom.yaml\n"
        "next: run 'dehub validate', then commit: git add data/orgs/bitkom.yaml && git commit\n"
    ] * len(HUBS)
    record = yaml.safe_load((data / "orgs" / "bitkom.yaml").read_text(encoding="utf-8"))
    assert sorted(m["hub"] for m in record["memberships"]) == HUBS
    assert not list((data / "orgs").glob(".*"))  # no temporary file left behind


def test_a_second_editor_waits_for_the_lock(make_registry: RegistryFactory) -> None:
    from dehub_cli.edit import EditError
    from dehub_cli.edit.lock import lock_path, registry_lock

    data = make_registry(hubs=[hub("berlin")])
    with registry_lock(data), pytest.raises(EditError) as caught, registry_lock(data, wait=0.1):
        pass
    assert caught.value.message == f"another dehub command has been editing {data} for 0 s"
    assert (
        caught.value.hint == f"try again when it has finished (or remove a stale {lock_path(data)})"
    )
    with registry_lock(data, wait=0.1):  # released
        pass


def test_an_unwritable_directory_is_a_clear_error(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root chmod does not stop writes, so the refusal is simulated where files are made."""
    import tempfile

    data = make_registry(hubs=[hub("berlin")])
    before = snapshot(data)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(data / "orgs"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run(
        "add", "org", "Delta GmbH", "--kind", "sme", "--hub", "berlin", "--since", "2019",
        "--source-url", "https://example.org/delta", "--yes", "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: nothing written: Permission denied: {data / 'orgs'}\n"
        "hint: check that the registry's directories are writable\n"
    )
    assert snapshot(data) == before


def test_add_takes_what_import_takes(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """German kinds and dates and a bare domain: one parser for add and import."""
    data = make_registry(hubs=[hub("berlin")])
    monkeypatch.chdir(data.parent)
    result = run(
        "add", "org", "Delta GmbH", "--kind", "KMU", "--hub", "Berlin", "--since", "31.05.2024",
        "--website", "delta.example", "--source-url", "https://example.org/delta", "--yes",
        "--data", str(data),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (data / "orgs" / "delta.yaml").read_text(encoding="utf-8") == (
        "id: delta\n"
        "name: Delta GmbH\n"
        "kind: sme\n"
        "website: https://delta.example\n"
        "memberships:\n"
        "  - hub: berlin\n"
        "    since: 2024-05-31\n"
        "    sources:\n"
        "      - url: https://example.org/delta\n"
        "sources:\n"
        "  - url: https://example.org/delta\n"
    )
    assert result.stderr == (
        "created data/orgs/delta.yaml\n"
        "next: run 'dehub validate', then commit: git add data/orgs/delta.yaml && git commit\n"
    )


def test_a_bad_answer_at_a_prompt_is_asked_again(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehub_cli.cli import editing

    data = make_registry(hubs=[hub("dortmund", cities=["Dortmund"])])
    monkeypatch.chdir(data.parent)
    monkeypatch.setattr(editing, "is_interactive", lambda yes: not yes)
    answers = "Delta KG\nKMUU\nKMU\nDortmnd\nDortmund\n2019-13\n2019-02\nhttps://example.org/d\n"
    result = run("add", "org", "--data", str(data), input=answers)
    assert result.exit_code == 0, result.stderr
    kind = f"Kind ({KINDS}):"
    hub_prompt = "Hub (id, name or city):"
    since = "Member since (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY):"
    assert result.stderr == (
        f"Name:{kind}error: unknown kind 'KMUU'\n"
        f"hint: did you mean 'kmu'? (choose one of: {KINDS})\n"
        f"{kind}{hub_prompt}error: unknown hub 'Dortmnd'\n"
        "hint: did you mean 'dortmund'?\n"
        f"{hub_prompt}{since}error: '2019-13': month 13 does not exist\n"
        "hint: dates are ISO: 2018-12-31, 2018-12 or 2018\n"
        f"{since}Source URL (where the facts were read):created data/orgs/delta.yaml\n"
        "next: run 'dehub validate', then commit: git add data/orgs/delta.yaml && git commit\n"
    )
    assert (data / "orgs" / "delta.yaml").read_text(encoding="utf-8") == (
        "id: delta\n"
        "name: Delta KG\n"
        "kind: sme\n"
        "memberships:\n"
        "  - hub: dortmund\n"
        "    since: 2019-02\n"
        "    sources:\n"
        "      - url: https://example.org/d\n"
        "sources:\n"
        "  - url: https://example.org/d\n"
    )


def test_membership_edits_record_their_own_source(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_registry(hubs=[hub("berlin"), hub("koeln")], orgs=[org("acme")])
    monkeypatch.chdir(data.parent)
    added = run(
        "add", "membership", "acme", "--hub", "koeln", "--since", "2020", "--source-url",
        "https://example.org/start", "--source-title", "Acme joins", "--yes", "--data", str(data),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert (added.stdout, added.stderr) == ("", "updated data/orgs/acme.yaml\n" + NEXT_STEP)
    ended = run(
        "end", "membership", "acme", "--hub", "koeln", "--until", "2021",
        "--source-url", "https://example.org/end", "--yes", "--data", str(data),
    )  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    assert (ended.stdout, ended.stderr) == ("", "updated data/orgs/acme.yaml\n" + NEXT_STEP)
    assert (data / "orgs" / "acme.yaml").read_text(encoding="utf-8") == (
        "id: acme\n"
        "name: Org acme\n"
        "kind: startup\n"
        "memberships:\n"
        "  - hub: koeln\n"
        "    since: 2020\n"
        "    until: 2021\n"
        "    sources:\n"
        "      - url: https://example.org/start\n"
        "        title: Acme joins\n"
        "      - url: https://example.org/end\n"
        "sources:\n"
        "  - url: https://example.org/source\n"
        "    title: Test source\n"
        "    date: '2018-03-27'\n"
    )


def test_a_membership_without_its_own_source_says_so(
    make_registry: RegistryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_registry(hubs=[hub("berlin")], orgs=[org("acme")])
    monkeypatch.chdir(data.parent)
    added = run(
        "add", "membership", "acme", "--hub", "berlin", "--since", "2020", "--yes",
        "--data", str(data),
    )  # fmt: skip
    assert (added.exit_code, added.stdout) == (0, "")
    assert added.stderr == NO_SOURCE_NOTE + "updated data/orgs/acme.yaml\n" + NEXT_STEP
