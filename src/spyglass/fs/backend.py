"""The few filesystem operations the explorer needs, over local disk or fsspec."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from spyglass.fs.entry import Entry


class Backend(Protocol):
    """What the tree, the previews and `spyglass cat` ask of a filesystem.

    Every method may block: callers run them in worker threads.
    """

    protocol: str

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        """The folder's entries from one listing call, in batches as they come."""
        ...

    def stat(self, path: str) -> Entry:
        """One entry, for a path given on the command line or a refresh."""
        ...

    def read_range(self, path: str, start: int, length: int) -> bytes:
        """At most `length` bytes from `start`: never the whole object."""
        ...

    def invalidate(self, path: str) -> None:
        """Forget what is cached about `path` (the `r` key)."""
        ...

    def join(self, folder: str, name: str) -> str: ...

    def parent(self, path: str) -> str: ...

    def display(self, path: str) -> str:
        """How a path is shown in the header and in messages."""
        ...
