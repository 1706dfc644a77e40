"""Publishing the registry: one dataset (:mod:`.dataset`) and its outputs (JSON, CSV, SQLite).

``dataset`` turns a loaded registry into plain documents; ``tables`` lays them out as
relational rows; ``jsonapi``, ``csvfiles`` and ``sqlite`` write them, each through
``output`` (a temporary file or directory renamed into place). Nothing here prints.
"""

from __future__ import annotations

from dehub_cli.errors import DehubError


class ExportError(DehubError):
    """An export that cannot be written as asked (the CLI turns it into exit 2)."""


__all__ = ["ExportError"]
