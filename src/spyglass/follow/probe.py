"""What a followed file is now: size, time, ETag and, where the backend gives one, identity."""

from __future__ import annotations

import os
from collections.abc import Hashable
from typing import NamedTuple

from spyglass.fs.backend import Backend


class FileState(NamedTuple):
    size: int
    mtime: float | None
    tag: str | None  # an object store's ETag: the object was uploaded whole
    identity: Hashable | None  # device and inode locally: a rotated file is another one


def probe(backend: Backend, path: str) -> FileState:
    """One look at the file; FileNotFoundError when it is not there.

    Locally one `os.stat` (following a link, as `tail -F` follows the name).
    Elsewhere a fresh `stat`: the filesystem's cached listing is forgotten first.
    """
    if backend.capabilities.local_paths:
        info = os.stat(path)
        return FileState(info.st_size, info.st_mtime_ns / 1e9, None, (info.st_dev, info.st_ino))
    backend.invalidate(path)
    entry = backend.stat(path)
    tag = entry.extra.get("ETag")
    return FileState(entry.size or 0, entry.mtime, str(tag) if tag is not None else None, None)
