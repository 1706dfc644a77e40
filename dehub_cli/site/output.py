"""Writing the site: into a temporary directory beside OUT, then swapped into place.

OUT is replaced only when it is missing, empty, or a previous dehub site (it holds the
marker file). Anything else is refused, so a mistyped ``dehub site build ~`` deletes nothing.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from dehub_cli import atomic
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


def staged_directory(out: Path) -> contextlib.AbstractContextManager[Path]:
    """A fresh directory beside ``out`` to build into; on success it replaces ``out``.

    On any error the staged directory is removed and ``out`` is left as it was.
    """
    check_replaceable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SiteError(f"cannot write beside {out}: {error.strerror or error}") from None
    return atomic.staged_directory(out, check=check_replaceable, error=SiteError)
