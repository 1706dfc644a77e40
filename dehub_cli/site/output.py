"""Writing the site: into a temporary directory beside OUT, then swapped into place.

OUT is replaced only when it is missing, empty, or a previous dehub site (it holds the
marker file). Anything else is refused, so a mistyped ``dehub site build ~`` deletes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dehub_cli.errors import DehubError

MARKER = ".dehub-site"
"""Present at the root of every site dehub builds; its content says what wrote it."""


class SiteError(DehubError):
    """The site cannot be written (OUT is not a dehub site, a file is in the way, ...)."""


def check_replaceable(out: Path) -> None:
    """Raise :class:`SiteError` unless ``out`` may be (re)written."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(
            f"{out} exists and is not a directory",
            hint="choose another output directory",
        )
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise SiteError(
            f"refusing to replace {out}: it is not a site built by dehub (no {MARKER} file)",
            hint="choose a new or empty directory, or remove this one yourself",
        )


@contextlib.contextmanager
def staged_directory(out: Path) -> Iterator[Path]:
    """A fresh directory beside ``out`` to build into; on success it replaces ``out``.

    On any error the staged directory is removed and ``out`` is left as it was.
    """
    check_replaceable(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
    except OSError as error:
        raise SiteError(f"cannot write beside {out}: {error.strerror or error}") from None
    try:
        staged.chmod(0o755)
        yield staged
        _swap(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def _swap(staged: Path, out: Path) -> None:
    check_replaceable(out)  # again: something may have appeared while building
    old: Path | None = None
    try:
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / "site")
        os.replace(staged, out)
    except OSError as error:
        if old is not None and not out.exists() and (old / "site").exists():
            os.replace(old / "site", out)
        raise SiteError(f"cannot replace {out}: {error.strerror or error}") from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
