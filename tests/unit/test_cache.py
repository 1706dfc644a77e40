"""The per-file cache: it holds only data, is never stale, and re-checks only what changed."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import time
from pathlib import Path

import msgspec
import pytest

from dehub_cli import cache, checking, discovery
from dehub_cli.cache import clear_cache, prune
from dehub_cli.cachepath import cache_file
from dehub_cli.discovery import PendingScan, scan_registry
from dehub_cli.filecheck import FileCheck
from dehub_cli.loader import load_registry
from dehub_cli.loadresult import LoadResult
from tests.helpers import RegistryFactory, hub, member, org


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    directory = make_registry(
        hubs=[hub("berlin")],
        orgs=[
            org(
                "alpha",
                name="Alpha",
                kind="public",
                memberships=[member("berlin", role="operator")],
            ),
            org("beta", name="Beta", memberships=[member("berlin")]),
        ],
    )
    settle_all(directory)
    return directory


def names(root: Path) -> dict[str, str]:
    return {org_id: entry.name for org_id, entry in load_registry(root).registry.orgs.items()}


def report(root: Path, **options: object) -> list[tuple[str, str, int]]:
    result = load_registry(root, **options)  # type: ignore[arg-type]
    return [(d.code, Path(d.file).name, d.line) for d in result.diagnostics]


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every file that is read and checked (not answered from the cache)."""
    names: list[str] = []
    original = checking.check_files

    def spy(files: list[tuple[checking.Kind, str, bytes]]) -> list[FileCheck]:
        names.extend(name for _, name, _ in files)
        return original(files)

    monkeypatch.setattr("dehub_cli.loader.check_files", spy)
    return names


def settle(path: Path) -> None:
    """Make a file look an hour old, so the racy-edit hash does not hide what is tested."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 3_600_000_000_000))


def settle_all(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        settle(path)


def test_an_unchanged_registry_is_read_from_the_cache(data: Path, checked: list[str]) -> None:
    first = names(data)
    assert checked == ["sectors.yaml", "hubs/berlin.yaml", "orgs/alpha.yaml", "orgs/beta.yaml"]
    checked.clear()
    assert names(data) == first == {"alpha": "Alpha", "beta": "Beta"}
    assert checked == []


def test_editing_one_file_rechecks_that_file_only(data: Path, checked: list[str]) -> None:
    names(data)
    checked.clear()
    path = data / "orgs" / "beta.yaml"
    path.write_text(path.read_text().replace("Org beta", "Beta"))
    path.write_text(path.read_text().replace("name: Beta", "name: Beta Two"))
    settle(path)
    assert names(data) == {"alpha": "Alpha", "beta": "Beta Two"}
    assert checked == ["orgs/beta.yaml"]


def test_a_same_size_edit_with_its_mtime_put_back_is_seen(data: Path) -> None:
    """cp -p, rsync -a, tar x and touch -r restore mtimes; the change time and inode do not lie."""
    names(data)
    path = data / "orgs" / "beta.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("name: Beta", "name: Bexa"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert names(data)["beta"] == "Bexa"


def test_a_file_copied_over_with_its_times_is_seen(data: Path, tmp_path: Path) -> None:
    names(data)
    path = data / "orgs" / "beta.yaml"
    copy = tmp_path / "beta.yaml"
    copy.write_text(path.read_text().replace("name: Beta", "name: Bexa"))
    shutil.copystat(path, copy)
    os.replace(copy, path)  # like rsync -a: a new inode with the old times
    assert names(data)["beta"] == "Bexa"


def test_a_quick_same_size_edit_keeping_every_stamp_is_seen(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a coarse clock an edit can keep size and times: racy files are compared by content."""
    path = data / "orgs" / "beta.yaml"
    os.utime(path)  # just written: racy
    names(data)
    before = path.stat()
    path.write_text(path.read_text().replace("name: Beta", "name: Bexa"))
    stamp = (before.st_size, before.st_mtime_ns, before.st_ctime_ns, before.st_ino)
    real = cache.usable

    def same_stamp(cached: cache.CachedFile | None, _: object, where: str) -> bool:
        return real(cached, stamp, where)

    monkeypatch.setattr("dehub_cli.loader.usable", same_stamp)
    assert names(data)["beta"] == "Bexa"


def test_racy_files_are_compared_by_content_only_until_their_change_is_old(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names(data)
    hashed: list[str] = []
    real_hash = cache.content_hash

    def spy(path: str) -> str:
        hashed.append(Path(path).name)
        return real_hash(path)

    monkeypatch.setattr("dehub_cli.cache.content_hash", spy)
    every_file = ["alpha.yaml", "berlin.yaml", "beta.yaml", "sectors.yaml"]  # all changed (ctime)
    names(data)
    assert sorted(hashed) == every_file  # still racy: their content is compared
    an_hour_on = time.time_ns() + 3_600_000_000_000
    monkeypatch.setattr("dehub_cli.loader.time.time_ns", lambda: an_hour_on)
    hashed.clear()
    names(data)  # a few hashes are not worth writing the cache again for ...
    assert sorted(hashed) == every_file
    monkeypatch.setattr("dehub_cli.loader.DIGESTS_WORTH_A_WRITE", 3)
    hashed.clear()
    names(data)  # ... four are (here): compared once more, then their stamps are enough
    names(data)
    assert sorted(hashed) == every_file


def test_added_removed_and_renamed_files_are_seen_at_once(data: Path) -> None:
    names(data)
    (data / "orgs" / "gamma.yaml").write_text(
        "name: Gamma\nkind: sme\nsources:\n  - url: https://example.org/g\n"
    )
    assert names(data) == {"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"}
    (data / "orgs" / "gamma.yaml").unlink()
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}
    text = (data / "orgs" / "beta.yaml").read_text().replace("id: beta", "id: delta")
    (data / "orgs" / "beta.yaml").unlink()
    (data / "orgs" / "delta.yaml").write_text(text)
    assert names(data) == {"alpha": "Alpha", "delta": "Beta"}


def test_a_rule_across_files_sees_the_other_file_change(data: Path) -> None:
    """Only the hub file changes; the cached organisations are checked against the new hub."""
    assert report(data) == []
    path = data / "hubs" / "berlin.yaml"
    path.rename(data / "hubs" / "berlin-neu.yaml")
    text = (data / "hubs" / "berlin-neu.yaml").read_text().replace("id: berlin", "id: berlin-neu")
    (data / "hubs" / "berlin-neu.yaml").write_text(text)
    assert report(data) == [
        ("DH309", "berlin-neu.yaml", 2),
        ("DH302", "alpha.yaml", 5),
        ("DH302", "beta.yaml", 5),
    ]


def test_answers_that_depend_on_today_are_never_cached(data: Path) -> None:
    """DH309 asks for a current operator: a cache written yesterday does not answer for today."""
    path = data / "orgs" / "alpha.yaml"
    path.write_text(
        path.read_text().replace("role: operator", "role: operator\n  until: 2020-06-30")
    )
    assert report(data, today=dt.date(2020, 6, 30)) == []
    assert report(data, today=dt.date(2020, 7, 1)) == [("DH309", "berlin.yaml", 2)]


@pytest.mark.parametrize(
    "poison",
    [
        pytest.param(lambda good: pickle.dumps(Exploit()), id="malicious-pickle"),
        pytest.param(lambda good: os.urandom(4096), id="random-bytes"),
        pytest.param(lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(lambda good: b"", id="empty"),
    ],
)
def test_a_poisoned_cache_runs_no_code_and_answers_right(
    data: Path, tmp_path: Path, poison: object
) -> None:
    expected = (names(data), report(data))
    directory = cache_file(data).parent
    for path in directory.iterdir():
        path.write_bytes(poison(path.read_bytes()))  # type: ignore[operator]
    marker = tmp_path / "pwned"
    os.environ["DEHUB_TEST_PWNED"] = str(marker)
    try:
        assert (names(data), report(data)) == expected
    finally:
        del os.environ["DEHUB_TEST_PWNED"]
    assert not marker.exists()


class Exploit:
    """A pickle that, if ever unpickled, would create a file."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ('touch "$DEHUB_TEST_PWNED"',))


def test_a_cache_file_others_can_write_is_ignored_and_rebuilt(
    data: Path, checked: list[str]
) -> None:
    names(data)
    path = cache_file(data)
    path.chmod(0o666)
    checked.clear()
    names(data)
    assert len(checked) == 4  # everything read afresh
    assert path.stat().st_mode & 0o777 == 0o600  # and replaced by the user's own
    checked.clear()
    names(data)
    assert checked == []


def test_a_cache_directory_others_can_write_is_not_used(data: Path, checked: list[str]) -> None:
    directory = cache_file(data).parent
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o777)
    names(data)
    assert not cache_file(data).exists()
    directory.chmod(0o700)
    names(data)
    assert cache_file(data).stat().st_mode & 0o777 == 0o600


def test_a_symlink_loop_is_the_same_diagnostic_warm_and_cold(data: Path) -> None:
    loop = data / "orgs" / "loop.yaml"
    loop.symlink_to(loop)
    cold = report(data, use_cache=False)
    assert cold == [("DH100", "loop.yaml", 0)]
    assert report(data) == cold
    assert report(data) == cold  # warm


def test_a_symlink_out_of_the_registry_is_never_read(data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: SECRET-CONTENT\n")
    (data / "orgs" / "leak.yaml").symlink_to(secret)
    result = load_registry(data)
    leak = [d for d in result.diagnostics if d.file.endswith("leak.yaml")]
    assert [(d.code, d.message) for d in leak] == [
        ("DH100", "not read: symbolic link to a file outside the registry")
    ]
    assert "SECRET" not in repr(result.diagnostics)


def test_no_cache_neither_reads_nor_writes(data: Path) -> None:
    load_registry(data, use_cache=False)
    assert not cache_file(data).exists()


def test_an_unwritable_cache_directory_is_no_error(
    data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("DEHUB_CACHE_DIR", str(blocker / "cache"))
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}


def test_display_paths_follow_the_working_directory(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "orgs" / "beta.yaml"
    path.write_text(path.read_text().replace("kind: startup", "kind: startp"))
    monkeypatch.chdir(data.parent)
    assert [d.file for d in load_registry(data).diagnostics] == ["data/orgs/beta.yaml"]
    monkeypatch.chdir(data.parent.parent)
    outside = str(data / "orgs" / "beta.yaml").removeprefix(str(data.parent.parent) + "/")
    assert [d.file for d in load_registry(data).diagnostics] == [outside]
    monkeypatch.chdir(data)
    assert [d.file for d in load_registry(Path(".")).diagnostics] == ["orgs/beta.yaml"]


def test_full_records_come_back_whole(data: Path) -> None:
    load_registry(data)
    registry = load_registry(data).registry
    record = registry.org_record("alpha")
    assert record.name == "Alpha"
    assert [(m.hub, str(m.role), str(m.since)) for m in record.memberships] == [
        ("berlin", "operator", "2017-01-01")
    ]
    assert [source.url for source in record.sources] == ["https://example.org/source"]


def test_old_and_surplus_cache_files_are_pruned(data: Path) -> None:
    names(data)
    directory = cache_file(data).parent
    old = time.time() - 40 * 86400
    stale = directory / "registry-0000000000000000dead.msgpack"
    stale.write_bytes(b"")
    os.utime(stale, (old, old))
    recent = []
    for number in range(25):
        path = directory / f"registry-{number:020d}.msgpack"
        path.write_bytes(b"")
        os.utime(path, (time.time() - number, time.time() - number))
        recent.append(path)
    removed = prune(directory, keep=cache_file(data))
    assert stale in removed
    kept = sorted(path.name for path in directory.iterdir() if path.name.endswith(".msgpack"))
    assert len(kept) == 20  # the 20 most recently used, the one in use among them
    assert cache_file(data).name in kept
    assert recent[-1].name not in kept


def test_clear_removes_only_cache_files(data: Path) -> None:
    names(data)
    directory = cache_file(data).parent
    (directory / "notes.txt").write_text("mine")
    assert clear_cache() == [cache_file(data)]
    assert sorted(path.name for path in directory.iterdir()) == ["notes.txt"]


def test_warm_answers_equal_cold_ones(make_registry: RegistryFactory) -> None:
    """Rules over the whole registry are cached while no file changes; they must agree."""
    data = make_registry(
        hubs=[hub("berlin", twins=["koeln"]), hub("koeln", announced="2017-04-21")],
        orgs=[
            org("a", name="Acme GmbH", memberships=[member("berlin", role="operator")]),
            org("b", name="ACME AG", memberships=[member("nowhere"), member("koeln", 2016)]),
        ],
    )
    (data / "orgs" / "berlin.yaml").write_text((data / "orgs" / "a.yaml").read_text())
    settle_all(data)
    cold = report(data, use_cache=False)
    assert sorted(code for code, *_ in cold) == [
        "DH207", "DH301", "DH302", "DH305", "DH307", "DH308", "DH308", "DH309",
    ]  # fmt: skip
    assert report(data) == cold  # writes the cache
    assert report(data) == cold  # answered from it


def damage(root: Path, part: str) -> None:
    """Overwrite one part of the cache file, its header intact, with bytes no decoder takes."""
    path = cache_file(root)
    stored = bytearray(path.read_bytes())
    length = int.from_bytes(stored[:4], "big")
    header = msgspec.msgpack.decode(stored[4 : 4 + length], type=cache.Header)
    body = 4 + length
    if part == "organisations":
        start, end = body + header.offsets[-1], len(stored)
    else:
        index = header.names.index(part)
        start, end = body + header.offsets[index], body + header.offsets[index + 1]
    stored[start:end] = b"\xc1" * (end - start)
    path.write_bytes(bytes(stored))


@pytest.mark.parametrize(
    "part", ["orgs/beta.yaml", "hubs/berlin.yaml", "sectors.yaml", "organisations"]
)
def test_a_damaged_part_of_the_cache_is_made_again_from_the_files(
    data: Path, part: str, checked: list[str]
) -> None:
    expected = (names(data), report(data))
    damage(data, part)
    checked.clear()
    registry = load_registry(data).registry
    assert {org_id: entry.name for org_id, entry in registry.orgs.items()} == expected[0]
    assert registry.org_record("beta").name == "Beta"
    assert list(registry.hubs) == ["berlin"]
    assert report(data) == expected[1]
    assert checked  # the damaged part was read from its file again ...
    checked.clear()
    assert (names(data), report(data)) == expected
    assert checked == []  # ... and the cache written afresh


def test_a_scan_made_in_a_child_process_is_the_scan_made_here(data: Path) -> None:
    loop = data / "orgs" / "loop.yaml"
    loop.symlink_to(loop)
    (data / "orgs" / "outside.yaml").symlink_to(Path(os.devnull))
    pending = PendingScan(data, in_child=True)
    assert pending.in_child
    scan = pending.result()
    assert scan == scan_registry(data)
    assert scan.problems == {
        "orgs/loop.yaml": "symbolic link loop",
        "orgs/outside.yaml": "symbolic link to a file outside the registry",
    }


def test_a_scan_without_stamps_lists_what_the_scan_with_stamps_lists(data: Path) -> None:
    loop = data / "orgs" / "loop.yaml"
    loop.symlink_to(loop)
    (data / "orgs" / "outside.yaml").symlink_to(Path(os.devnull))
    (data / "orgs" / "inside.yaml").symlink_to(data / "orgs" / "alpha.yaml")
    (data / "orgs" / "folder.yaml").mkdir()
    (data / "orgs" / ".hidden.yaml").write_text("id: hidden\n")
    (data / "orgs" / "notes.txt").write_text("not a record\n")
    stamped = scan_registry(data)
    listed = scan_registry(data, stamped=False)
    assert (listed.names, listed.problems) == (stamped.names, stamped.problems)
    assert "orgs/folder.yaml" not in listed.names
    by_name = dict(zip(listed.names, listed.stamps, strict=True))
    real = dict(zip(stamped.names, stamped.stamps, strict=True))
    assert by_name["orgs/loop.yaml"] is None
    assert by_name["orgs/outside.yaml"] is None
    assert by_name["orgs/inside.yaml"] == real["orgs/inside.yaml"]  # a link is followed
    assert by_name["sectors.yaml"] == real["sectors.yaml"]
    assert by_name["orgs/alpha.yaml"] == discovery.UNSTAMPED
    assert PendingScan(data, in_child=True, stamped=False).result() == listed


def test_a_load_without_cache_answers_as_a_load_with_it(data: Path) -> None:
    (data / "orgs" / "loop.yaml").symlink_to(data / "orgs" / "loop.yaml")
    (data / "orgs" / "empty.yaml").write_text("")
    assert report(data, use_cache=False) == report(data) == report(data)


def test_an_early_scan_serves_only_a_load_that_wants_its_kind(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    expected = report(data, use_cache=False)
    assert discovery.begin_scan(data, stamped=True)
    [(pid, _)] = discovery._EARLY.values()
    assert report(data, use_cache=False) == expected  # wants no stamps: stopped, not used
    assert discovery._EARLY == {}
    assert not child_exists(pid)
    assert discovery.begin_scan(data, stamped=False)
    [(pid, _)] = discovery._EARLY.values()
    assert report(data) == expected  # wants stamps, for the cache: stopped, not used
    assert discovery._EARLY == {}
    assert not child_exists(pid)
    assert cache_file(data).exists()
    assert report(data) == expected  # and the cache it wrote is a right one


def test_loading_with_the_scan_in_a_child_answers_as_without(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (names(data), report(data))
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    assert (names(data), report(data)) == expected
    (data / "orgs" / "beta.yaml").write_text("id: beta\n")
    assert report(data) == report(data, use_cache=False) != expected[1]


def names_of(result: LoadResult) -> dict[str, str]:
    return {org_id: entry.name for org_id, entry in result.registry.orgs.items()}


def test_a_provisional_load_answers_before_the_scan_and_holds_when_no_file_changed(
    data: Path, monkeypatch: pytest.MonkeyPatch, checked: list[str]
) -> None:
    monkeypatch.setattr("dehub_cli.cache.RACY_SECONDS", 0.0)  # no file is compared by content
    expected = (names(data), report(data))
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    checked.clear()
    result = load_registry(data, provisional=True)
    assert names_of(result) == expected[0]
    assert [(d.code, Path(d.file).name, d.line) for d in result.diagnostics] == expected[1]
    assert result.settle() is True
    assert checked == []


def test_a_provisional_answer_fails_when_a_file_changed_and_the_next_load_takes_its_scan(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dehub_cli.cache.RACY_SECONDS", 0.0)  # no file is compared by content
    expected = names(data)
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    beta = data / "orgs" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("Beta", "Beta Neu"), "utf-8")
    result = load_registry(data, provisional=True)
    assert names_of(result) == expected  # the cache's answer, given before the scan ended
    forks: list[Path] = []
    monkeypatch.setattr("dehub_cli.discovery._fork_scan", forks.append)
    assert result.settle() is False
    assert names(data) == {"alpha": "Alpha", "beta": "Beta Neu"}
    assert forks == []  # the load after it took the scan settle made: no second scan
    assert discovery._HANDED_OVER == {}


def header_of(root: Path) -> cache.Header:
    stored = cache_file(root).read_bytes()
    length = int.from_bytes(stored[:4], "big")
    return msgspec.msgpack.decode(stored[4 : 4 + length], type=cache.Header)


def test_a_provisional_load_holds_over_files_changed_just_before_the_cache(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in (data / "orgs").glob("*.yaml"):
        os.utime(path)  # just written: compared by content for a while
    expected = names(data)
    assert {"orgs/alpha.yaml", "orgs/beta.yaml"} <= header_of(data).digests.keys()
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    result = load_registry(data, provisional=True)
    assert "_provisional" in result.settle.__qualname__  # answered before the scan ended
    assert names_of(result) == expected
    assert result.settle() is True


def test_a_provisional_answer_fails_when_a_racy_file_changed_behind_the_same_stamp(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beta = data / "orgs" / "beta.yaml"
    os.utime(beta)  # just written: its content is kept as a hash
    expected = names(data)
    beta.write_text(beta.read_text(encoding="utf-8").replace("Beta", "Bexa"), "utf-8")
    # A coarse clock: the edit kept every stamp, so only the hash can tell.
    rewrite_header(data, stamps_data=scan_registry(data).stamps_data)
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    result = load_registry(data, provisional=True)
    assert names_of(result) == expected
    assert result.settle() is False
    assert names(data) == {"alpha": "Alpha", "beta": "Bexa"}


def test_a_load_is_not_provisional_without_a_scan_in_a_child(data: Path) -> None:
    expected = names(data)
    (data / "orgs" / "beta.yaml").unlink()
    result = load_registry(data, provisional=True)  # a small registry: scanned here
    assert names_of(result) == {"alpha": expected["alpha"]}
    assert result.settle() is True


def child_exists(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def test_a_scan_begun_early_is_taken_over_by_the_load_of_its_registry(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (names(data), report(data))
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    (data / "orgs" / "beta.yaml").write_text("id: beta\n")  # seen by the early scan
    assert discovery.begin_scan(data)
    [(pid, _)] = discovery._EARLY.values()
    assert report(data) == report(data, use_cache=False) != expected[1]
    assert discovery._EARLY == {}
    assert not child_exists(pid)  # taken over, and waited for


def test_a_scan_begun_early_for_another_registry_is_stopped_and_unused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    other = tmp_path / "other"
    (other / "orgs").mkdir(parents=True)
    expected = report(data)
    assert discovery.begin_scan(other)
    [(pid, _)] = discovery._EARLY.values()
    assert report(data) == expected
    assert discovery._EARLY == {}
    assert not child_exists(pid)


def test_a_large_orgs_folder_is_scanned_in_a_child_before_there_is_a_cache(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not discovery.scan_in_child(data)
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_FOLDER_BYTES", 0)
    assert discovery.scan_in_child(data)
    expected = report(data, use_cache=False)
    assert discovery.begin_scan(data, stamped=False)
    [(pid, _)] = discovery._EARLY.values()
    assert report(data, use_cache=False) == expected
    assert discovery._EARLY == {}
    assert not child_exists(pid)


def test_a_scan_begun_early_and_never_taken_over_is_stopped_at_the_end(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    assert discovery.begin_scan(data)
    [(pid, _)] = discovery._EARLY.values()
    discovery.stop_early_scan()  # what the dehub script does before it exits
    assert discovery._EARLY == {}
    assert not child_exists(pid)


def test_no_early_scan_for_a_small_registry(data: Path) -> None:
    assert not discovery.begin_scan(data)  # no cache yet: size unknown, so small
    assert discovery._EARLY == {}


def rewrite_header(root: Path, **changes: object) -> None:
    """Replace fields of the cache file's header, the body as it was."""
    path = cache_file(root)
    stored = path.read_bytes()
    length = int.from_bytes(stored[:4], "big")
    header = msgspec.msgpack.decode(stored[4 : 4 + length], type=cache.Header)
    encoded = msgspec.msgpack.encode(msgspec.structs.replace(header, **changes))
    path.write_bytes(len(encoded).to_bytes(4, "big") + encoded + stored[4 + length :])


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"reported": [0, 99]}, id="reported-past-the-end"),
        pytest.param({"offsets": [0, 50, 10, 60, 70]}, id="offsets-going-back"),
        pytest.param({"offsets": [5, 10, 20, 30, 40]}, id="offsets-not-from-zero"),
        pytest.param({"stamps_data": b""}, id="stamps-missing"),
        pytest.param({"stamps_data": b"\xff" * 32}, id="one-stamp-for-four-files"),
        pytest.param({"stamps_data": b"\x01" * 127}, id="stamps-cut-short"),
    ],
)
def test_a_header_that_contradicts_itself_is_no_cache(
    data: Path, changes: dict[str, object], checked: list[str]
) -> None:
    expected = (names(data), report(data))
    rewrite_header(data, **changes)
    checked.clear()
    assert (names(data), report(data)) == expected
    assert len(checked) == 4  # read afresh, not from the cache


def test_a_provisional_load_with_damaged_stamps_in_the_header_answers_right(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dehub_cli.cache.RACY_SECONDS", 0.0)
    expected = (names(data), report(data))
    rewrite_header(data, stamps_data=b"\xc1")
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    result = load_registry(data, provisional=True)
    assert names_of(result) == expected[0]
    assert [(d.code, Path(d.file).name, d.line) for d in result.diagnostics] == expected[1]
    if result.settle():  # the stamps were needed for the answer: it waited for the scan
        assert load_registry(data).settle()
    assert (names(data), report(data)) == expected


@pytest.mark.parametrize("part", ["orgs/beta.yaml", "hubs/berlin.yaml", "organisations"])
def test_a_damaged_cache_with_a_file_changed_is_made_again(data: Path, part: str) -> None:
    names(data)
    damage(data, part)
    alpha = data / "orgs" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Alpha", "Alpha Neu"), "utf-8")
    settle(alpha)
    expected = (names(data), report(data))
    assert expected[0] == {"alpha": "Alpha Neu", "beta": "Beta"}
    assert (names(data), report(data)) == expected == (names(data), report(data, use_cache=False))


def test_a_file_name_that_is_not_text_is_reported_and_not_cached(data: Path) -> None:
    """A name the file system holds as bytes (not UTF-8) cannot go into the cache."""
    name = os.fsdecode(b"ad\xffx.yaml")
    (data / "orgs" / name).write_bytes((data / "orgs" / "beta.yaml").read_bytes())
    expected = [("DH204", name, 1)]
    assert [d for d in report(data) if d[0] == "DH204"] == expected
    assert [d for d in report(data) if d[0] == "DH204"] == expected  # and again, warm
