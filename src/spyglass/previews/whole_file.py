"""Formats that cannot be read in part (legacy Excel, OpenDocument): the whole file, up to a cap."""

from __future__ import annotations

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.registry import Source


def whole_file(source: Source, cap: int, what: str) -> bytes:
    """Every byte of the file; a file above `cap` is a sentence, and nothing more is read."""
    size = source.entry.size
    if size is not None and size > cap:
        raise SpyglassError(
            f"the file is {human_size(size)}; {what} files are read whole, "
            f"and only up to {human_size(cap)}"
        )
    if source.complete:
        return source.head
    data = source.head + source.backend.read_range(
        source.entry.path, len(source.head), cap + 1 - len(source.head)
    )
    if len(data) > cap:
        raise SpyglassError(f"{what} files are read whole, and only up to {human_size(cap)}")
    return data


def read_whole_note(what: str, cap: int) -> str:
    return f"{what} files are read whole (up to {human_size(cap)})"
