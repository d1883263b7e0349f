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
_owner = attrgetter("uid", "gid")


def merged(entries: list[Entry], new: list[Entry]) -> list[Entry]:
    """A new sorted list: both runs are sorted, so the second sort is a linear merge."""
    new.sort(key=_sort_key)
    combined = entries + new
    combined.sort(key=_sort_key)
    return combined


def first_listing(backend: Backend, path: str) -> Iterator[list[Entry]]:
    """The quickest way the backend lists: names and kinds first where it can."""
    if backend.capabilities.names_first:
        return backend.list_names_first(path)
    return backend.list_batches(path)


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

    Locally, names and kinds come first and the details after, in new entries
    (the ones already posted are never changed): the whole folder is on screen
    in about half the time. Ends early when cancelled.
    """
    shown = list(entries or [])
    listed = list(shown)  # in the order they came, for the details pass
    pending: list[Entry] = []  # listed but not yet merged into `shown`
    throttle = Throttle(interval, started=bool(shown))
    names_first = backend.capabilities.names_first
    if refresh:
        backend.invalidate(path)
    if batches is None:
        batches = first_listing(backend, path)
    try:
        for batch in batches:
            if cancelled():
                return
            pending.extend(batch)
            if names_first:
                listed.extend(batch)
            if throttle.due() or not shown:
                shown, pending = merged(shown, pending), []
                yield shown, False
                throttle.mark()
    except Exception:
        if pending:  # what arrived before the failure is kept, not dropped with it
            yield merged(shown, pending), False
        raise
    shown = merged(shown, pending)
    if names_first:
        yield shown, False
        detailed = _detailed(backend, listed, cancelled)
        if detailed is None:
            return
        shown = detailed
    for uid, gid in set(map(_owner, shown)):
        owner_name(uid)  # warm the caches off the UI thread
        group_name(gid)
    yield shown, True


def _detailed(
    backend: Backend, listed: list[Entry], cancelled: Callable[[], bool]
) -> list[Entry] | None:
    """New entries with their details, sorted; None when cancelled.

    The details are read in the order the folder listed its entries, which is
    the order they sit in memory and on disk: a third quicker over 100,000 of
    them than in sorted order. One sort by the keys they keep puts them back.
    """
    detailed: list[Entry] = []
    for start in range(0, len(listed), DETAILS_CHUNK):
        if cancelled():
            return None
        detailed += backend.with_details(listed[start : start + DETAILS_CHUNK])
    detailed.sort(key=_sort_key)
    return detailed
