"""A folder's entries as growing sorted snapshots, the way the tree shows them.

Headless, so the batching, merging and the names-first local listing can be
tested and reused without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import attrgetter

from spyglass.format import group_name, owner_name
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.jobs.throttle import Throttle

# The first batch at once, then at most a few snapshots a second: each one is a
# merge here and a relayout on the UI thread.
SNAPSHOT_INTERVAL = 0.25
DETAILS_CHUNK = 2_000

_sort_key = attrgetter("sort_key")


def merged(entries: list[Entry], new: list[Entry]) -> list[Entry]:
    """A new sorted list: both runs are sorted, so the second sort is a linear merge."""
    new.sort(key=_sort_key)
    combined = entries + new
    combined.sort(key=_sort_key)
    return combined


def sorted_snapshots(
    backend: Backend,
    path: str,
    *,
    batches: Iterator[list[Entry]] | None = None,
    entries: list[Entry] | None = None,
    refresh: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    interval: float = SNAPSHOT_INTERVAL,
) -> Iterator[tuple[list[Entry], bool]]:
    """(sorted entries so far, done). With `batches`, go on with a listing under way.

    Locally, names and kinds come first and each entry is stat'ed after: the
    whole folder is on screen in about half the time. Ends early when cancelled.
    """
    shown = list(entries or [])
    pending: list[Entry] = []  # listed but not yet merged into `shown`
    throttle = Throttle(interval, started=bool(shown))
    fill_details = getattr(backend, "fill_details", None)
    names_first = getattr(backend, "list_names_first", None)
    if refresh:
        backend.invalidate(path)
    if batches is None:
        batches = (names_first or backend.list_batches)(path)
    for batch in batches:
        if cancelled():
            return
        pending.extend(batch)
        if throttle.due() or not shown:
            shown, pending = merged(shown, pending), []
            yield shown, False
            throttle.mark()
    shown = merged(shown, pending)
    if callable(fill_details):
        yield shown, False
        for start in range(0, len(shown), DETAILS_CHUNK):
            if cancelled():
                return
            fill_details(shown[start : start + DETAILS_CHUNK])
    for uid, gid in {(entry.uid, entry.gid) for entry in shown}:
        owner_name(uid)  # warm the caches off the UI thread
        group_name(gid)
    yield shown, True
