"""The result of loading a registry; light to import (no pydantic models)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dehub_cli.diagnostics import Diagnostic

if TYPE_CHECKING:
    from dehub_cli.registry import Registry
    from dehub_cli.suppressions import Suppression


class LoadResult:
    """The registry built from every valid record, and every diagnostic found on the way.

    The registry may be given as a function that builds it on first use, so that a
    cached ``validate`` never pays for records it does not look at.
    """

    def __init__(
        self,
        registry: Registry | Callable[[], Registry],
        diagnostics: list[Diagnostic] | None = None,
        file_count: int = 0,
        suppressions: list[Suppression] | None = None,
    ) -> None:
        self._registry = registry
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.file_count = file_count
        self.suppressions = suppressions if suppressions is not None else []
        """Every ``# dehub: ...`` comment in the registry, with its file."""
        self.settle: Callable[[], bool] = _holds
        """Whether the answer holds. A provisional load (``load_registry(...,
        provisional=True)``) answers from the cache while its files are still scanned;
        this waits for the scan, and ``False`` means a file changed: load again."""

    @property
    def registry(self) -> Registry:
        if callable(self._registry):
            self._registry = self._registry()
        return self._registry


def _holds() -> bool:
    return True


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector: parsing makes many objects and no cycles.

    With ``freeze``, what was made stays out of later collections too (``gc.freeze``):
    a loaded registry lives as long as the command, and rescanning its hundreds of
    thousands of objects on every full collection would only cost time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
