"""After a few organisation files change, the load that works from the cache's indexes
answers exactly as a load from scratch: diagnostics, suppressions, records, and the
cache it writes for the next load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dehub_cli import loader
from dehub_cli.loader import load_registry
from tests.helpers import hub, member, org, write_registry

Edit = Callable[[Path], None]


def registry(root: Path, *, twin: bool = True) -> Path:
    """Hubs with and without an operator, an invalid organisation, names alike, an unknown
    hub and sector, a suppression, and two files with one id."""
    orgs = [
        org(
            "op",
            name="Operator AG",
            kind="corporate",
            memberships=[member("berlin", role="operator")],
        ),
        org("alpha", name="Alpha GmbH", sectors=["fintech"], memberships=[member("berlin")]),
        org("alpha-two", name="Alpha", memberships=[member("hamburg")]),
        org("ghost", memberships=[member("atlantis")]),
        org("odd", sectors=["basketweaving"], memberships=[member("berlin")]),
        org("broken", kind="spaceship", memberships=[member("berlin")]),
        *(org(f"o{index}", memberships=[member("hamburg", "2018")]) for index in range(12)),
    ]
    data = write_registry(root, hubs=[hub("berlin"), hub("hamburg")], orgs=orgs)
    if twin:
        (data / "orgs" / "alpha.yml").write_text("id: alpha\nname: Twin\nkind: startup\n")
    quiet = data / "orgs" / "o3.yaml"
    quiet.write_text("# dehub: ignore[DH310]\n" + quiet.read_text())
    return data


def replace(name: str, old: str, new: str) -> Edit:
    def edit(data: Path) -> None:
        path = data / "orgs" / name
        text = path.read_text()
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1))

    return edit


EDITS: dict[str, Edit] = {
    "rename-like-another": replace("o1.yaml", "name: Org o1", "name: Alpha GmbH"),
    "rename-apart": replace("alpha-two.yaml", "name: Alpha", "name: Beta"),
    "valid-to-invalid": replace("o2.yaml", "kind: startup", "kind: rocket"),
    "invalid-to-valid": replace("broken.yaml", "kind: spaceship", "kind: startup"),
    "unreadable-yaml": replace("o4.yaml", "name: Org o4", "name: [unclosed"),
    "unknown-hub": replace("o5.yaml", "hub: hamburg", "hub: hamburgg"),
    "hub-fixed": replace("ghost.yaml", "hub: atlantis", "hub: berlin"),
    "sector-fixed": replace("odd.yaml", "basketweaving", "fintech"),
    "operator-gone": replace("op.yaml", "role: operator", "role: member"),
    "operator-added": replace("o6.yaml", "hamburg", "hamburg\n  role: operator"),
    "suppression-added": replace("o7.yaml", "id: o7", "# dehub: ignore[DH308]\nid: o7"),
    "suppressed-file": replace("o3.yaml", "name: Org o3", "name: Org three"),
    "left-out-twin": replace("alpha.yml", "name: Twin", "name: Twin Two"),
    "same-size": replace("o8.yaml", "name: Org o8", "name: Org x8"),
}


def answer(data: Path, **options: Any) -> tuple[Any, ...]:
    """Everything a load answers, comparable."""
    result = load_registry(data, **options)
    orgs = result.registry.orgs
    return (
        [
            (d.code, d.severity, d.file, d.line, d.column, d.message, d.hint)
            for d in result.diagnostics
        ],
        [(s.file, s.line, s.codes) for s in result.suppressions],
        {org_id: (entry.name, entry.kind, entry.memberships) for org_id, entry in orgs.items()},
        {org_id: record_of(result.registry, org_id) for org_id in ("o1", "o2", "broken")},
        (result.file_count, sorted(result.registry.hubs), result.registry.files),
    )


def record_of(registry: Any, org_id: str) -> Any:
    try:
        return registry.org_record(org_id)
    except KeyError:
        return None


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which load each call took: the cached organisation index is read (as for a large
    registry), and every call of the full path is noted."""
    monkeypatch.setattr("dehub_cli.discovery.SCAN_IN_CHILD_MIN_BYTES", 0)
    taken: list[str] = []
    changed, edited = loader._changed, loader._edited

    def spy_changed(*args: Any, **kwargs: Any) -> Any:
        taken.append("changed")
        return changed(*args, **kwargs)

    def spy_edited(*args: Any, **kwargs: Any) -> Any:
        result = edited(*args, **kwargs)
        if result is not None:
            taken.append("edited")
        return result

    monkeypatch.setattr(loader, "_changed", spy_changed)
    monkeypatch.setattr(loader, "_edited", spy_edited)
    return taken


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_is_answered_from_the_indexes_as_from_scratch(
    tmp_path: Path, paths: list[str], edit: str
) -> None:
    check_edit(tmp_path, paths, edit)


def test_without_the_kernel_copy_the_cache_is_written_alike(
    tmp_path: Path, paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object) -> int:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("os.copy_file_range", refused, raising=False)
    check_edit(tmp_path, paths, "rename-like-another")


@pytest.mark.parametrize("edit", ["rename-like-another", "valid-to-invalid", "operator-gone"])
def test_without_an_id_given_twice_an_edit_is_answered_alike(
    tmp_path: Path, paths: list[str], edit: str
) -> None:
    check_edit(tmp_path, paths, edit, twin=False)


def check_edit(tmp_path: Path, paths: list[str], edit: str, *, twin: bool = True) -> None:
    data = registry(tmp_path, twin=twin)
    load_registry(data)  # writes the cache
    EDITS[edit](data)
    expected = answer(data, use_cache=False)
    paths.clear()
    assert answer(data) == expected
    assert paths == ["edited"]
    paths.clear()
    assert answer(data) == expected  # from the cache it wrote
    assert paths == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sets(st.sampled_from(list(EDITS)), min_size=1, max_size=3), max_size=3))
def test_edits_in_a_row_are_answered_as_from_scratch(
    tmp_path_factory: pytest.TempPathFactory, paths: list[str], rounds: list[set[str]]
) -> None:
    data = registry(tmp_path_factory.mktemp("registry"))
    load_registry(data)
    for edits in rounds:
        for edit in sorted(edits):
            try:
                EDITS[edit](data)
            except AssertionError:
                continue  # undone by an earlier edit of the same file
        assert answer(data) == answer(data, use_cache=False)


def test_a_hub_edit_or_a_new_file_takes_the_full_path(tmp_path: Path, paths: list[str]) -> None:
    data = registry(tmp_path)
    load_registry(data)
    hub_file = data / "hubs" / "hamburg.yaml"
    hub_file.write_text(hub_file.read_text().replace("Hub hamburg", "Hub Hamburg"))
    expected = answer(data, use_cache=False)
    paths.clear()
    assert (answer(data), paths) == (expected, ["changed"])
    (data / "orgs" / "new.yaml").write_text(
        (data / "orgs" / "o1.yaml").read_text().replace("o1", "new")
    )
    expected = answer(data, use_cache=False)
    paths.clear()
    assert (answer(data), paths) == (expected, ["changed"])
