"""Writing exports so that nothing is ever half-written, and nothing foreign overwritten.

A file is written to a hidden temporary file next to it and renamed into place; a
directory is built as a hidden sibling and swapped in. An existing target is replaced
only when it is what an earlier export wrote (a SQLite file, a directory of our files).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from dehub_cli.atomic import default_mode, staged_directory
from dehub_cli.export import ExportError

SQLITE_HEADER = b"SQLite format 3\x00"


def writable(directory: Path) -> bool:
    """Whether this process may create files in ``directory``."""
    return os.access(directory, os.W_OK | os.X_OK)


def check_parent(path: Path) -> None:
    """The directory ``path`` goes into exists and can be written to."""
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(
            f"cannot write {path}: directory {parent} does not exist",
            hint=f"create it first (mkdir -p {parent}) or choose another -o",
        )
    if not writable(parent):
        raise ExportError(
            f"cannot write {path}: no permission to write in {parent}",
            hint="choose another -o",
        )


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a SQLite database (or an empty file, which SQLite treats as one)."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return header in (b"", SQLITE_HEADER)


@contextlib.contextmanager
def replacing_file(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path``, renamed over it when the block succeeds.

    On an error (or Ctrl-C) the temporary file is removed and ``path`` is untouched.
    """
    check_parent(path)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory", hint="give a file name")
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, default_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def replace_directory(
    target: Path, build: Callable[[Path], None], *, ours: Callable[[Path], bool]
) -> None:
    """Build a directory with ``build(temporary)`` and put it at ``target``.

    An existing ``target`` is replaced only if it is empty or ``ours(target)`` says an
    earlier export wrote it; anything else is refused. Until the swap, ``target`` is
    untouched; after it, the old contents are removed.
    """

    def check(target: Path) -> None:
        check_parent(target)
        if target.exists() or target.is_symlink():
            if not target.is_dir() or target.is_symlink():
                raise ExportError(
                    f"cannot write {target}: it exists and is not a directory",
                    hint="choose another -o",
                )
            if any(target.iterdir()) and not ours(target):
                raise ExportError(
                    f"refusing to overwrite {target}: it holds files that are not a dehub export",
                    hint="choose an empty or new directory for -o",
                )

    with staged_directory(target, check=check, error=ExportError) as temporary:
        build(temporary)
