"""Start listing the first folder while the UI is still being imported.

Importing Textual takes longer than listing a usual folder, so the first
snapshot (for a local folder: all its names, sorted) is ready when the tree is
first drawn, and the first frame already shows it. The rest of the listing
(the details) continues in the tree's own worker, from the same generator:
one listing call, as always.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from spyglass.fs.backend import Backend
from spyglass.tree.snapshot import Snapshot
from spyglass.tree.sorted_listing import sorted_snapshots


class Prefetch:
    def __init__(self, backend: Backend, path: str) -> None:
        self.backend = backend
        self.path = path
        self.first: Snapshot | None = None  # None: the listing ended without one
        self.error: BaseException | None = None
        self._rest: Iterator[Snapshot] | None = None
        self._cancelled: Callable[[], bool] = lambda: False
        self._ready = threading.Event()
        self._taken = False
        threading.Thread(target=self._run, daemon=True, name="spyglass-prefetch").start()

    @property
    def done(self) -> bool:
        """The first snapshot was the last one."""
        return self.first is None or self.first.done

    def _run(self) -> None:
        try:
            snapshots = sorted_snapshots(self.backend, self.path, cancelled=self._is_cancelled)
            self.first = next(snapshots, None)
            self._rest = snapshots
        except BaseException as exc:  # handed to the tree, which shows it
            self.error = exc
        finally:
            self._ready.set()

    def _is_cancelled(self) -> bool:
        return self._cancelled()

    def rest(self, cancelled: Callable[[], bool]) -> Iterator[Snapshot]:
        """The snapshots after the first, for the worker that goes on with the listing."""
        self._cancelled = cancelled
        return self._rest if self._rest is not None else iter(())

    def ready(self) -> bool:
        return self._ready.is_set()

    def take(self, timeout: float | None = None) -> bool:
        """Claim the result once (False if already claimed or not ready in time)."""
        if self._taken or not self._ready.wait(timeout):
            return False
        self._taken = True
        return True
