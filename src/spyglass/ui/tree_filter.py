"""The rest of a big folder's filter matches, found in a worker while keys go on.

The model matches the first chunk of names on the UI thread, so the screen
answers the key at once; a thread matches the rest a chunk at a time (each
holds the interpreter lock for a few milliseconds) and hands the matches
back. A newer key cancels it: only the latest query's scan counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from textual.widget import Widget
from textual.worker import get_current_worker

from spyglass.jobs.throttle import Throttle
from spyglass.tree.fuzzy import Filtered, FilterScan

# Matches found so far are shown at this pace, then all of them at the end: each
# showing is a relayout on the UI thread, which the next key may be waiting for.
PROGRESS_INTERVAL = 0.25

Scanned = Callable[[str, FilterScan, Filtered], None]


def finish_scan(owner: Widget, path: str, scan: FilterScan, scanned: Scanned) -> None:
    """Match the rest of `scan` in a worker; `scanned` gets the matches on the UI thread."""
    owner.run_worker(
        partial(_scan_rest, owner, path, scan, scanned),
        name="filter",
        group="filter",
        thread=True,
        exclusive=True,  # the scan of an older query stops
        exit_on_error=False,
    )


def _scan_rest(owner: Widget, path: str, scan: FilterScan, scanned: Scanned) -> None:
    worker = get_current_worker()
    throttle = Throttle(PROGRESS_INTERVAL, started=True)
    while not scan.step():
        time.sleep(0)  # hand the interpreter to the UI thread if a key waits for it
        if worker.is_cancelled:
            return
        if throttle.due():
            owner.app.call_from_thread(scanned, path, scan, scan.result())
            throttle.mark()
    if not worker.is_cancelled:
        owner.app.call_from_thread(scanned, path, scan, scan.result())
