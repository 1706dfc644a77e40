"""Safe writes: temporary file + rename, all-or-nothing transactions, no overwriting on create."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dehub_cli import atomic
from dehub_cli.atomic import (
    RollbackError,
    Transaction,
    WriteConflictError,
    create_file,
    replace_file,
)
from tests.helpers import snapshot


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException
) -> list[int]:
    """Make ``os.<name>`` raise ``error`` on its ``call``-th use (1-based), and only then."""
    real: Callable[..., Any] = getattr(os, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)
    return calls


def test_replace_file_writes_new_contents_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    replace_file(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert snapshot(tmp_path) == {"a.yaml": b"new\n"}


def test_replace_file_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("changed by someone else\n")
    with pytest.raises(WriteConflictError, match="changed since it was read"):
        replace_file(target, "mine\n", expected=b"what I read\n")
    assert target.read_text() == "changed by someone else\n"


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    create_file(target, "first\n")
    with pytest.raises(WriteConflictError, match="exists already"):
        create_file(target, "second\n")
    assert snapshot(tmp_path) == {"a.yaml": b"first\n"}


def test_create_file_loses_a_race_without_overwriting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file appears between the check and the link: the other writer's file stays."""
    target = tmp_path / "a.yaml"
    real_link = os.link

    def link_after_someone_else(source: Any, destination: Any) -> None:
        Path(destination).write_text("theirs\n")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", link_after_someone_else)
    with pytest.raises(WriteConflictError):
        create_file(target, "mine\n")
    assert snapshot(tmp_path) == {"a.yaml": b"theirs\n"}


def test_create_without_hard_links_still_refuses_existing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: Any) -> None:
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    create_file(tmp_path / "a.yaml", "one\n")
    assert snapshot(tmp_path) == {"a.yaml": b"one\n"}


def test_transaction_writes_everything(tmp_path: Path) -> None:
    (tmp_path / "edit.yaml").write_text("before\n")
    transaction = Transaction()
    transaction.create(tmp_path / "new.yaml", "created\n")
    transaction.replace(tmp_path / "edit.yaml", "after\n", expected=b"before\n")
    written = transaction.commit()
    assert sorted(path.name for path in written) == ["edit.yaml", "new.yaml"]
    assert snapshot(tmp_path) == {"edit.yaml": b"after\n", "new.yaml": b"created\n"}


def test_transaction_checks_before_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "exists.yaml").write_text("keep\n")
    (tmp_path / "edit.yaml").write_text("before\n")
    before = snapshot(tmp_path)
    transaction = Transaction()
    transaction.replace(tmp_path / "edit.yaml", "after\n")
    transaction.create(tmp_path / "exists.yaml", "clobber\n")
    with pytest.raises(WriteConflictError):
        transaction.commit()
    assert snapshot(tmp_path) == before


def test_transaction_refuses_the_same_path_twice(tmp_path: Path) -> None:
    transaction = Transaction()
    transaction.create(tmp_path / "a.yaml", "1\n")
    with pytest.raises(ValueError, match="twice"):
        transaction.replace(tmp_path / "a.yaml", "2\n")


@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError("disk full")])
def test_interrupted_rename_rolls_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    """Ctrl-C (or an I/O error) after the first renames: every file is as it was."""
    for name in ("one.yaml", "two.yaml", "three.yaml"):
        (tmp_path / name).write_text(f"{name} before\n")
    before = snapshot(tmp_path)
    transaction = Transaction()
    transaction.create(tmp_path / "new.yaml", "created\n")
    for name in ("one.yaml", "two.yaml", "three.yaml"):
        transaction.replace(tmp_path / name, f"{name} after\n")
    calls = fail_on_call(monkeypatch, "replace", 2, error)
    with pytest.raises(type(error)):
        transaction.commit()
    assert calls[0] >= 2
    assert snapshot(tmp_path) == before


def test_interrupted_create_removes_the_files_already_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    transaction = Transaction()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        transaction.create(tmp_path / name, f"{name}\n")
    fail_on_call(monkeypatch, "link", 3, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        transaction.commit()
    assert snapshot(tmp_path) == {}


def test_failure_while_writing_temporary_files_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "edit.yaml").write_text("before\n")
    before = snapshot(tmp_path)
    transaction = Transaction()
    transaction.replace(tmp_path / "edit.yaml", "after\n")
    transaction.create(tmp_path / "new.yaml", "new\n")
    fail_on_call(monkeypatch, "fsync", 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        transaction.commit()
    assert snapshot(tmp_path) == before


def test_a_restore_that_fails_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text("before\n")
    transaction = Transaction()
    transaction.replace(tmp_path / "one.yaml", "after\n")
    transaction.replace(tmp_path / "two.yaml", "after\n")
    real = os.replace
    calls = [0]

    def replace_once(source: Any, destination: Any) -> None:
        calls[0] += 1
        if calls[0] >= 2:  # the second rename and the restore both fail
            raise OSError("read-only now")
        real(source, destination)

    monkeypatch.setattr(os, "replace", replace_once)
    with pytest.raises(RollbackError) as caught:
        transaction.commit()
    assert caught.value.paths == [tmp_path / "one.yaml"]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_temporary_files_are_hidden_next_to_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []
    real = atomic._write_temp

    def spy(path: Path, data: bytes, mode: int) -> Path:
        temp = real(path, data, mode)
        seen.append(temp)
        return temp

    monkeypatch.setattr(atomic, "_write_temp", spy)
    create_file(tmp_path / "a.yaml", "x\n")
    assert len(seen) == 1
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".a.yaml.")
    assert seen[0].suffix == ".tmp"
    assert not seen[0].exists()
