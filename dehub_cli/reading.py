"""Reading a registry file whole, up to the size limit, without a buffer of the limit's size.

``stream.read(limit + 1)`` allocates the whole limit (a megabyte) for every file before the
kernel fills a few kilobytes of it: at 100,000 files that is most of the time spent
reading. Here the first read asks for the size the scan saw, plus one byte to notice a
file that grew since; only such a file is read on, in steps, up to the limit.
"""

from __future__ import annotations

import os

_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_STEP = 65_536


def read_limited(path: str | os.PathLike[str], limit: int, expected: int | None = None) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them (more than ``limit``: it is too large).

    ``expected`` is the size the caller saw (``st_size``); ``None`` when it did not stat the
    file. Raises :class:`OSError` as :func:`open` does.
    """
    descriptor = os.open(path, _FLAGS)
    try:
        wanted = min(limit, _STEP if expected is None else expected) + 1
        first = os.read(descriptor, wanted)
        if len(first) < wanted:  # a regular file reads short only at its end
            return first
        chunks = [first]
        total = len(first)
        while total <= limit:
            more = os.read(descriptor, min(limit + 1 - total, max(_STEP, total)))
            if not more:
                break
            chunks.append(more)
            total += len(more)
    finally:
        os.close(descriptor)
    return b"".join(chunks)
