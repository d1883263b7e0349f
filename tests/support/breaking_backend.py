"""A local backend whose listing breaks off, as a server that goes away mid-listing does."""

from __future__ import annotations

from collections.abc import Iterator

from spyglass.fs.entry import Entry
from spyglass.fs.local_backend import LocalBackend


class BreaksOff(LocalBackend):
    """Lists folders whose name is `folder` (any folder when None) for two batches, then fails."""

    capabilities = LocalBackend.capabilities._replace(names_first=False)

    def __init__(self, folder: str | None = None) -> None:
        self.folder = folder

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        batches = super().list_batches(path)
        if self.folder is not None and not path.endswith(f"/{self.folder}"):
            yield from batches
            return
        yield next(batches)
        yield next(batches)
        raise ConnectionResetError(104, "Connection reset by peer")
