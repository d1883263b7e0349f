"""A backend walked folder by folder whose listing of one folder waits to be released."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from spyglass.fs.backend import Backend, Capabilities
from spyglass.fs.entry import Entry
from tests.support.counting_backend import CountingBackend


class HeldWalk(CountingBackend):
    """No local fast path and no names-first listing; the folder `hold` waits for `release`."""

    def __init__(self, inner: Backend, hold: str) -> None:
        super().__init__(inner)
        self.hold = hold
        self.holding = threading.Event()
        self.release = threading.Event()

    @property
    def capabilities(self) -> Capabilities:
        return super().capabilities._replace(local_paths=False, names_first=False, exec=False)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        if path == self.hold:
            self.holding.set()
            self.release.wait(timeout=30)
        return super().list_batches(path)
