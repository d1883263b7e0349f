"""Start listing the first folder while the UI is still being imported.

Importing Textual takes longer than listing a usual folder, so the first batch
is ready when the tree is first drawn, and the first frame already shows it.
The rest of the listing continues in the tree's own worker, from the same
generator: one listing call, as always.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.tree.sorted_listing import first_listing


class Prefetch:
    def __init__(self, backend: Backend, path: str) -> None:
        self.backend = backend
        self.path = path
        self.first: list[Entry] = []
        self.rest: Iterator[list[Entry]] | None = None
        self.error: BaseException | None = None
        self.done = False  # the first batch was the whole folder
        self._ready = threading.Event()
        self._taken = False
        threading.Thread(target=self._run, daemon=True, name="spyglass-prefetch").start()

    def _run(self) -> None:
        try:
            batches = first_listing(self.backend, self.path)
            first = next(batches, None)
            self.first = sorted(first or [], key=lambda entry: entry.sort_key)
            self.done = first is None
            self.rest = batches
        except BaseException as exc:  # handed to the tree, which shows it
            self.error = exc
        finally:
            self._ready.set()

    def ready(self) -> bool:
        return self._ready.is_set()

    def take(self, timeout: float | None = None) -> bool:
        """Claim the result once (False if already claimed or not ready in time)."""
        if self._taken or not self._ready.wait(timeout):
            return False
        self._taken = True
        return True
