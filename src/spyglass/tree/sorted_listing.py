"""A folder's entries as snapshots, the way the tree shows them.

Headless, so the batching, the one sort and the names-first local listing can
be tested and reused without a screen. Rows on screen never move while a
folder loads: snapshots before the last name is listed hold the entries in
the order they came, each adding to the end of the one before, and the folder
is sorted once, when every name is in (see `Snapshot`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import attrgetter

from spyglass.format import group_name, owner_name
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.jobs.throttle import Throttle
from spyglass.tree.local_listing import local_snapshots
from spyglass.tree.snapshot import Snapshot

# A listing done within this long is first shown sorted; a slower one shows what
# came so far at this pace (each snapshot is a relayout on the UI thread).
SNAPSHOT_INTERVAL = 0.25
DETAILS_CHUNK = 2_000

_sort_key = attrgetter("sort_key")
_owner = attrgetter("uid", "gid")


def first_listing(backend: Backend, path: str) -> Iterator[list[Entry]]:
    """The quickest way the backend lists: names and kinds first where it can."""
    if backend.capabilities.names_first:
        return backend.list_names_first(path)
    return backend.list_batches(path)


def sorted_snapshots(
    backend: Backend,
    path: str,
    *,
    refresh: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    interval: float = SNAPSHOT_INTERVAL,
) -> Iterator[Snapshot]:
    """Snapshots of a folder until the last one, `done`. Ends early when cancelled.

    A local folder (names first, OS paths) is listed as columns, without an
    Entry per name (`local_listing`); any other backend in batches of entries.
    """
    if refresh:
        backend.invalidate(path)
    capabilities = backend.capabilities
    if capabilities.names_first and capabilities.local_paths:
        yield from local_snapshots(path, backend.join(path, ""), cancelled)
        return
    yield from batched_snapshots(backend, path, cancelled=cancelled, interval=interval)


def batched_snapshots(
    backend: Backend,
    path: str,
    *,
    batches: Iterator[list[Entry]] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    interval: float = SNAPSHOT_INTERVAL,
) -> Iterator[Snapshot]:
    """What came so far in the order it came, then the whole folder sorted once."""
    listed: list[Entry] = []
    throttle = Throttle(interval, started=True)
    names_first = backend.capabilities.names_first
    if batches is None:
        batches = first_listing(backend, path)
    try:
        for batch in batches:
            if cancelled():
                return
            listed += batch
            if throttle.due():
                yield Snapshot(listed[:], False, False)
                throttle.mark()
    except Exception:
        if listed:  # what arrived before the failure is kept, not dropped with it
            yield Snapshot(sorted(listed, key=_sort_key), True, False)
        raise
    shown = sorted(listed, key=_sort_key)
    if names_first:
        yield Snapshot(shown, True, False)
        detailed = _detailed(backend, listed, cancelled)
        if detailed is None:
            return
        shown = detailed
    for uid, gid in set(map(_owner, shown)):
        owner_name(uid)  # warm the caches off the UI thread
        group_name(gid)
    yield Snapshot(shown, True, True)


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
