"""A real path for readers that take nothing else (HDF5, DuckDB): the file itself when it
is local, else a private temporary copy that stops at a size cap."""

from __future__ import annotations

import contextlib
import os
import tempfile
import weakref
from pathlib import Path

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.registry import Source

_COPY_CHUNK = 4 * 1024 * 1024


class LocalCopy:
    """`path` to open; a temporary copy is removed when this object goes away."""

    def __init__(self, path: str, fetched: int, temporary: bool) -> None:
        self.path = path
        self.fetched = fetched
        if temporary:
            weakref.finalize(self, _remove, path)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def local_copy(source: Source, cap: int, what: str, suffix: str = "") -> LocalCopy:
    """The file as a local path; a remote one above `cap` bytes is a sentence, not copied."""
    if source.backend.capabilities.local_paths and Path(source.entry.path).is_file():
        return LocalCopy(os.path.abspath(source.entry.path), 0, temporary=False)
    size = source.entry.size
    if size is not None and size > cap:
        raise SpyglassError(
            f"the file is {human_size(size)}, above the {human_size(cap)} copy limit "
            f"for remote {what} files"
        )
    # mkstemp makes the file readable by this user only.
    handle, path = tempfile.mkstemp(prefix="spyglass-", suffix=suffix)
    copy = LocalCopy(path, 0, temporary=True)
    with os.fdopen(handle, "wb") as out:
        while True:
            chunk = source.backend.read_range(source.entry.path, copy.fetched, _COPY_CHUNK)
            out.write(chunk)
            copy.fetched += len(chunk)
            if len(chunk) < _COPY_CHUNK:
                break
            if copy.fetched > cap:
                raise SpyglassError(f"the file is above the {human_size(cap)} copy limit")
    return copy
