"""Waiting, in pilot tests, until the app has nothing left to load."""

from __future__ import annotations

import contextlib
from collections.abc import Collection

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from spyglass.ui.preview_pane import PreviewPane

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
        "table-rows",
        "image-draw",
        "highlight",
        "search",
        "find",
        "filter",
    }
)


async def settle(
    pilot: Pilot[None], seconds: float = 0.12, groups: Collection[str] = BUSY_GROUPS
) -> None:
    """Let debounce timers fire, then wait for the IO workers, until none is left.

    Quiet means no worker twice in a row: on a loaded machine a debounce timer
    may fire only after the first look, and its worker would be missed.
    """
    app = pilot.app
    quiet = 0
    for _ in range(200):
        await pilot.pause(seconds)
        busy = [w for w in app.workers if w.group in groups and not w.is_finished]
        if not busy and any(pane.settling for pane in app.query(PreviewPane)):
            quiet = 0  # a preview is on its way onto the screen
            continue
        if not busy:
            quiet += 1
            if quiet == 2:
                await pilot.pause()
                return
            continue
        quiet = 0
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete(busy)
    raise AssertionError("workers did not settle")
