"""Writing files so that a crash or Ctrl-C never leaves one half-written.

Every write goes to a temporary file in the target's directory (hidden, so the registry
never lists it), is flushed to disk and then renamed into place. A :class:`Transaction`
writes many files all or nothing: every temporary file first, then the renames; should a
rename fail or be interrupted, the files already renamed are put back from copies kept in
memory. New files are linked into place, which fails when the file exists: a write never
overwrites a file it meant to create.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dehub_cli.errors import DehubError

__all__ = [
    "RollbackError",
    "Transaction",
    "WriteConflictError",
    "create_file",
    "replace_file",
    "staged_directory",
    "write_changed",
    "write_text",
]


class WriteConflictError(DehubError):
    """A file that was to be created exists, or one to be replaced changed since it was read."""

    exit_code = 1

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}", "nothing was written; run the command again")
        self.path = path


class RollbackError(DehubError):
    """A failed transaction could not restore every file; ``paths`` lists those left changed."""

    exit_code = 1

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(
            "the write failed and these files could not be restored: "
            + ", ".join(str(path) for path in paths),
            "check them with 'git diff' and 'git status'",
        )
        self.paths = paths


def default_mode(*, directory: bool = False) -> int:
    """Permissions of a newly created file (or directory) under the current umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new hidden temporary file next to ``path``, flushed to disk."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _link_new(temp: Path, path: Path) -> None:
    """Move ``temp`` to ``path``, failing with :class:`FileExistsError` if ``path`` exists."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


def _fsync_directory(directory: Path) -> None:
    """Make renames durable where the platform allows it (best effort)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, then raise it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def remember(signum: int, _frame: object) -> None:
        received.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, remember)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if received:
        raise KeyboardInterrupt


def _encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


@dataclass
class _Write:
    path: Path
    data: bytes
    create: bool
    expected: bytes | None
    temp: Path | None = None
    backup: bytes | None = None
    mode: int = 0o644
    done: bool = False


class Transaction:
    """Writes to several files that take effect together or not at all.

    ``create`` adds a new file (never overwriting one), ``replace`` rewrites an existing
    file (optionally only if it still holds ``expected``). Nothing touches the disk before
    :meth:`commit`.
    """

    def __init__(self) -> None:
        self._writes: list[_Write] = []
        self._planned: set[Path] = set()

    def create(self, path: Path, data: str | bytes) -> None:
        """Plan a new file at ``path``."""
        self._add(_Write(Path(path), _encode(data), True, None))

    def replace(self, path: Path, data: str | bytes, *, expected: bytes | None = None) -> None:
        """Plan new contents for the existing file ``path``."""
        self._add(_Write(Path(path), _encode(data), False, expected))

    def _add(self, write: _Write) -> None:
        if write.path in self._planned:  # a set: an import plans 10,000s of files
            raise ValueError(f"{write.path} is written twice in one transaction")
        self._planned.add(write.path)
        self._writes.append(write)

    @property
    def paths(self) -> list[Path]:
        """Every file the transaction writes, in order."""
        return [write.path for write in self._writes]

    @property
    def created(self) -> list[Path]:
        """The new files, in order."""
        return [write.path for write in self._writes if write.create]

    @property
    def replaced(self) -> list[Path]:
        """The existing files rewritten, in order."""
        return [write.path for write in self._writes if not write.create]

    def __len__(self) -> int:
        return len(self._writes)

    def commit(self) -> list[Path]:
        """Write every planned file, or none; returns the paths written."""
        writes = self._writes
        self._check(writes)
        try:
            for write in writes:
                write.temp = _write_temp(write.path, write.data, write.mode)
        except BaseException:
            _remove_temps(writes)
            raise
        try:
            with _sigint_deferred():
                try:
                    # New files first: a clash with an existing file stops before any edit.
                    for write in sorted(writes, key=lambda item: not item.create):
                        assert write.temp is not None
                        if write.create:
                            _link_new(write.temp, write.path)
                        else:
                            os.replace(write.temp, write.path)
                        write.temp = None
                        write.done = True
                except BaseException as error:
                    failed = _roll_back(writes)
                    _remove_temps(writes)
                    if failed:
                        raise RollbackError(failed) from error
                    raise
        finally:
            _remove_temps(writes)
        for directory in {write.path.parent for write in writes}:
            _fsync_directory(directory)
        return [write.path for write in writes]

    @staticmethod
    def _check(writes: list[_Write]) -> None:
        """Refuse before writing anything: existing targets of creates, changed files."""
        for write in writes:
            if write.create:
                if os.path.lexists(write.path):
                    raise WriteConflictError(write.path, "exists already; it is not overwritten")
                write.mode = default_mode()
                continue
            try:
                write.backup = write.path.read_bytes()
                write.mode = write.path.stat().st_mode & 0o7777
            except FileNotFoundError:
                raise WriteConflictError(write.path, "does not exist") from None
            if write.expected is not None and write.backup != write.expected:
                raise WriteConflictError(
                    write.path, "changed since it was read; run the command again"
                )


def _roll_back(writes: list[_Write]) -> list[Path]:
    """Undo the writes already done; returns the paths that could not be restored."""
    failed = []
    for write in reversed(writes):
        if not write.done:
            continue
        try:
            if write.create:
                os.unlink(write.path)
            else:
                assert write.backup is not None
                temp = _write_temp(write.path, write.backup, write.mode)
                try:
                    os.replace(temp, write.path)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
                    raise
            write.done = False
        except Exception:
            failed.append(write.path)
    return failed


def _remove_temps(writes: list[_Write]) -> None:
    for write in writes:
        if write.temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(write.temp)
            write.temp = None


def replace_file(path: Path, data: str | bytes, *, expected: bytes | None = None) -> None:
    """Rewrite the existing file ``path`` atomically (only if it still holds ``expected``)."""
    transaction = Transaction()
    transaction.replace(path, data, expected=expected)
    transaction.commit()


def create_file(path: Path, data: str | bytes) -> None:
    """Create ``path`` atomically; :class:`WriteConflictError` if it exists."""
    transaction = Transaction()
    transaction.create(path, data)
    try:
        transaction.commit()
    except FileExistsError as error:  # created by someone else in between
        raise WriteConflictError(path, "exists already; it is not overwritten") from error


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` atomically, creating or replacing it.

    A new file gets the permissions the umask allows; a replaced file keeps its own.
    """
    transaction = Transaction()
    if os.path.lexists(path):
        transaction.replace(path, text)
    else:
        transaction.create(path, text)
    transaction.commit()


def write_changed(changes: Sequence[tuple[Path, bytes | None, str]]) -> None:
    """Write each ``(path, current bytes or None, new text)`` all or nothing.

    A file that is absent (``None``) is created; one that exists is replaced only if it
    still holds the bytes read. Used by ``fmt`` and ``schema``, which compute new texts
    first and either list them (``--check``) or write them.
    """
    transaction = Transaction()
    for path, current, text in changes:
        if current is None:
            transaction.create(path, text)
        else:
            transaction.replace(path, text, expected=current)
    transaction.commit()


@contextlib.contextmanager
def staged_directory(
    target: Path, *, check: Callable[[Path], None], error: type[DehubError]
) -> Iterator[Path]:
    """A hidden sibling of ``target`` to build a directory in, swapped into place when the
    block succeeds (exports, the website).

    ``check(target)`` raises unless ``target`` may be replaced; it runs first and again just
    before the swap, in case something appeared meanwhile. On any error or Ctrl-C the
    sibling is removed and ``target`` is as it was; after the swap the old contents go.
    """
    check(target)
    try:
        staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    except OSError as failure:
        raise error(f"cannot write beside {target}: {failure.strerror or failure}") from None
    try:
        os.chmod(staged, default_mode(directory=True))
        yield staged
        check(target)
        _swap_directory(staged, target, error)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def _swap_directory(staged: Path, target: Path, error: type[DehubError]) -> None:
    old: Path | None = None
    try:
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
            os.replace(target, old / "previous")
        os.replace(staged, target)
    except OSError as failure:
        if old is not None and not target.exists() and (old / "previous").exists():
            os.replace(old / "previous", target)
        raise error(f"cannot replace {target}: {failure.strerror or failure}") from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
