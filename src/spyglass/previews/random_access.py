"""Open a previewed file for random access (formats read from their end or in jumps)."""

from __future__ import annotations

from spyglass.errors import SpyglassError
from spyglass.fs.range_file import RangeFile
from spyglass.previews.registry import Source


def open_range_file(source: Source, limit: int) -> RangeFile:
    """A seekable file over the source that reads at most `limit` bytes beyond its head."""
    size = source.entry.size
    if size is None:
        raise SpyglassError("the file size is unknown, and this format is read from its end")
    return RangeFile(source.backend, source.entry.path, size, limit=limit, head=source.head)
