"""Waiting, in pilot tests, until the app has nothing left to load."""

from __future__ import annotations

import contextlib
from collections.abc import Collection

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

# Worker groups that read the filesystem or lay out what was read; a result
# can start the next one (a preview, then its table part or its drawing).
BUSY_GROUPS = frozenset(
    {
        "listing",
        "preview",
        "preview-more",
        "location",
        "render",
        "table-part",
        "image-draw",
        "highlight",
    }
)


async def settle(
    pilot: Pilot[None], seconds: float = 0.12, groups: Collection[str] = BUSY_GROUPS
) -> None:
    """Let debounce timers fire, then wait for the IO workers, until none is left."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(seconds)
        busy = [w for w in app.workers if w.group in groups and not w.is_finished]
        if not busy:
            await pilot.pause()
            return
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete(busy)
    raise AssertionError("workers did not settle")
