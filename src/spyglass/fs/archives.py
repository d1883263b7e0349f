"""Zip and tar archives opened as folders, on local disk or inside any remote filesystem.

The archive is read through a file object of its own filesystem, so a zip on
S3 costs range reads of its central directory, not a download.
"""

from __future__ import annotations

from typing import Any

from spyglass.fs.backend import Backend, Unsupported
from spyglass.fs.entry import Entry

# name ending -> (fsspec protocol, tar compression)
_ARCHIVES: tuple[tuple[str, str, str | None], ...] = (
    (".zip", "zip", None),
    (".jar", "zip", None),
    (".whl", "zip", None),
    (".tar", "tar", None),
    (".tar.gz", "tar", "gzip"),
    (".tgz", "tar", "gzip"),
    (".tar.bz2", "tar", "bz2"),
    (".tbz2", "tar", "bz2"),
    (".tar.xz", "tar", "xz"),
    (".txz", "tar", "xz"),
)


def archive_kind(name: str) -> tuple[str, str | None] | None:
    """(protocol, compression) when the name is an archive spyglass opens as a folder."""
    lowered = name.lower()
    for ending, protocol, compression in sorted(_ARCHIVES, key=lambda item: -len(item[0])):
        if lowered.endswith(ending):
            return protocol, compression
    return None


def open_archive(backend: Backend, entry: Entry, timeout: float | None = None) -> Backend:
    """A backend whose root ("") is the inside of the archive. Blocks: call from a worker."""
    kind = archive_kind(entry.name)
    if kind is None:
        raise ValueError(f"{entry.name} is not an archive")
    if not backend.capabilities.open_files:
        raise Unsupported("this filesystem can read ranges of a file but not open it")
    protocol, compression = kind
    from fsspec.implementations.tar import TarFileSystem
    from fsspec.implementations.zip import ZipFileSystem

    from spyglass.fs.fsspec_backend import FsspecBackend

    handle = backend.open_binary(entry.path)
    fs: Any
    if protocol == "zip":
        fs = ZipFileSystem(fo=handle)
    else:
        fs = TarFileSystem(fo=handle, compression=compression)
    return FsspecBackend(fs, protocol, timeout=timeout, inside=backend.display(entry.path))
