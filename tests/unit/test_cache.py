"""The registry cache: every way it could go stale is a miss, never a stale answer."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from dehub_cli import cache
from dehub_cli.cache import cache_file, load_cached
from tests.conftest import RegistryFactory, hub, member, org


@pytest.fixture
def data(make_registry: RegistryFactory) -> Path:
    return make_registry(
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


def names(root: Path) -> dict[str, str]:
    return {org_id: record.name for org_id, record in load_cached(root).registry.orgs.items()}


@pytest.fixture
def fresh_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every load that reads the files (a cache miss)."""
    calls: list[Path] = []
    original = cache._load_fresh

    def spy(root: Path) -> cache.LoadResult:
        calls.append(root)
        return original(root)

    monkeypatch.setattr(cache, "_load_fresh", spy)
    return calls


def settle(path: Path) -> None:
    """Make a file look old, so the racy-edit hash does not hide what is tested."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 3_600_000_000_000))


def settle_all(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        settle(path)


def test_second_load_comes_from_cache(data: Path, fresh_loads: list[Path]) -> None:
    settle_all(data)
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}
    assert len(fresh_loads) == 1
    assert cache_file(data).exists()
    assert data not in cache_file(data).parents  # kept outside data/


def test_changed_file_is_seen(data: Path, fresh_loads: list[Path]) -> None:
    settle_all(data)
    names(data)
    (data / "orgs" / "beta.yaml").write_text(
        (data / "orgs" / "beta.yaml").read_text().replace("name: Beta", "name: Beta Two")
    )
    assert names(data)["beta"] == "Beta Two"
    assert len(fresh_loads) == 2


def test_same_size_edit_with_new_mtime_is_seen(data: Path) -> None:
    settle_all(data)
    names(data)
    path = data / "orgs" / "beta.yaml"
    path.write_text(path.read_text().replace("name: Beta", "name: Zeta"))  # same size
    settle(path)  # old, but a different mtime from before
    assert names(data)["beta"] == "Zeta"


def test_quick_same_size_edit_keeping_mtime_is_seen(data: Path) -> None:
    """An edit within the same mtime tick right after caching: caught by the content hash."""
    names(data)  # files are fresh: the cache also stores their content hashes
    path = data / "orgs" / "beta.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("name: Beta", "name: Zeta"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert names(data)["beta"] == "Zeta"


def test_added_file_is_seen(data: Path) -> None:
    settle_all(data)
    names(data)
    (data / "orgs" / "gamma.yaml").write_text(
        "name: Gamma\nkind: sme\nsources:\n  - url: https://example.org\n    title: t\n"
    )
    assert "gamma" in names(data)


def test_removed_file_is_seen(data: Path) -> None:
    settle_all(data)
    names(data)
    (data / "orgs" / "beta.yaml").unlink()
    assert "beta" not in names(data)


def test_renamed_file_is_seen(data: Path) -> None:
    settle_all(data)
    names(data)
    (data / "orgs" / "beta.yaml").rename(data / "orgs" / "delta.yaml")
    result = load_cached(data)
    assert "beta" not in result.registry.orgs
    assert any(d.code == "DH207" for d in result.diagnostics)


def test_vocabulary_change_is_seen(data: Path) -> None:
    settle_all(data)
    assert load_cached(data).diagnostics == []
    text = (data / "sectors.yaml").read_text().replace("id: fintech", "id: fin")
    (data / "sectors.yaml").write_text(text)
    assert any(d.code == "DH303" for d in load_cached(data).diagnostics)


def test_new_diagnostics_after_edit(data: Path) -> None:
    settle_all(data)
    assert [d.code for d in load_cached(data).diagnostics] == []
    path = data / "orgs" / "beta.yaml"
    path.write_text(path.read_text().replace("hub: berlin", "hub: berln"))
    assert [d.code for d in load_cached(data).diagnostics] == ["DH302"]


def test_corrupt_cache_is_rebuilt(data: Path, fresh_loads: list[Path]) -> None:
    settle_all(data)
    names(data)
    cache_file(data).write_bytes(b"\x80\x05garbage")
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}
    assert len(fresh_loads) == 2
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}
    assert len(fresh_loads) == 2  # rewritten and used again


def test_truncated_registry_part_is_rebuilt(data: Path) -> None:
    settle_all(data)
    names(data)
    blob = cache_file(data).read_bytes()
    cache_file(data).write_bytes(blob[: len(blob) - 50])
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}


def test_cache_from_another_version_is_ignored(
    data: Path, fresh_loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settle_all(data)
    names(data)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "another dehub")
    names(data)
    assert len(fresh_loads) == 2


def test_foreign_pickle_is_ignored(data: Path) -> None:
    settle_all(data)
    names(data)
    cache_file(data).write_bytes(pickle.dumps({"not": "a cache"}))
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}


def test_no_cache_neither_reads_nor_writes(data: Path) -> None:
    load_cached(data, use_cache=False)
    assert not cache_file(data).exists()


def test_unwritable_cache_dir_is_no_error(
    data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DEHUB_CACHE_DIR", str(blocker / "sub"))
    assert names(data) == {"alpha": "Alpha", "beta": "Beta"}


def test_display_paths_follow_the_working_directory(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "orgs" / "beta.yaml"
    path.write_text(path.read_text().replace("hub: berlin", "hub: berln"))
    settle_all(data)
    monkeypatch.chdir(data.parent)
    assert load_cached(data).diagnostics[0].file == "data/orgs/beta.yaml"
    monkeypatch.chdir(data)
    assert load_cached(data).diagnostics[0].file == "orgs/beta.yaml"


def test_records_survive_pickling_whole(data: Path) -> None:
    registry = load_cached(data, use_cache=False).registry
    copy = pickle.loads(pickle.dumps(registry))
    for org_id, record in registry.orgs.items():
        assert copy.orgs[org_id] == record
        assert copy.orgs[org_id].model_dump() == record.model_dump()
        assert copy.orgs[org_id].model_fields_set == record.model_fields_set
