"""A local folder listed the quick way: names and kinds, sorted once, details after.

No snapshot shows a half-sorted folder: a folder of up to `IN_PROCESS_LIMIT`
names is scanned and sorted here in a few milliseconds; a bigger one is
listed, sorted and stat'ed in a child process (`child_listing`) while the
tree says it is loading and keeps answering keys. The details come after the
names, as a new set of columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import repeat
from operator import eq

from spyglass.format import group_name, owner_name
from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import FOLDER, SPECIAL, Details, EntryColumns, Owners, owners_of
from spyglass.fs.local_backend import Scanned, entry_from_path, read_details, scan_names
from spyglass.tree.child_listing import ChildListing, ChildListingFailed, NamesBlock
from spyglass.tree.name_order import natural_order
from spyglass.tree.snapshot import Snapshot

# Sorting this many names in a thread holds the interpreter for about 10 ms.
IN_PROCESS_LIMIT = 20_000


def local_snapshots(
    path: str,
    prefix: str,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    limit: int = IN_PROCESS_LIMIT,
) -> Iterator[Snapshot]:
    """The sorted names (ordered), then the same with their details (done).

    A folder of more than `limit` names is sorted in a child process, which
    sends the first and the last names in order ahead of the rest: a snapshot
    that is not yet `ordered` but whose rows are the ends of the final order.
    """
    scanned = scan_names(path, limit=limit)
    if scanned.complete:
        yield from _listed_here(path, prefix, cancelled, scanned)
        return
    try:
        child = ChildListing(path, prefix)
    except OSError:  # no fork here (a process limit): list in this thread
        yield from _listed_here(path, prefix, cancelled, scan_names(path))
        return
    try:
        try:
            ends = child.ends(cancelled)
            if ends is None:
                return  # cancelled
            # Both ends in their final order, before the whole sort: rows stay put, End works.
            yield Snapshot(
                _columns(prefix, ends.head),
                False,
                False,
                tail=_columns(prefix, ends.tail),
                between=ends.between,
            )
            sorted_names = child.names(cancelled)
        except ChildListingFailed:  # the child died (out of memory?): list in this thread
            yield from _listed_here(path, prefix, cancelled, scan_names(path))
            return
        if sorted_names is None:
            return  # cancelled
        names, codes, _, hidden = sorted_names
        columns = EntryColumns(prefix, names, codes, _specials(prefix, names, codes), hidden=hidden)
        if hidden is None:
            columns = columns.indexed()
        if cancelled():
            return
        yield Snapshot(columns, True, False)
        try:
            detailed = child.details(cancelled)
        except ChildListingFailed:
            detailed = None
            read = read_details(prefix, names, cancelled)
            if read is not None:
                detailed = read, owners_of(read)
    finally:
        child.close()
    if detailed is not None:
        yield _with_details(columns, *detailed)


def _listed_here(
    path: str, prefix: str, cancelled: Callable[[], bool], scanned: Scanned
) -> Iterator[Snapshot]:
    columns = _sorted_here(prefix, scanned.names, scanned.codes, scanned.specials).indexed()
    if cancelled():
        return
    yield Snapshot(columns, True, False)
    details = read_details(prefix, columns.names, cancelled)
    if details is not None:
        yield _with_details(columns, details)


def _with_details(
    columns: EntryColumns, details: Details, owners: Owners | None = None
) -> Snapshot:
    """The columns with their details; the owners' names looked up here, off the UI thread."""
    for uid, gid in owners_of(details) if owners is None else owners:
        owner_name(uid)
        group_name(gid)
    return Snapshot(columns.with_details(details), True, True)


def _sorted_here(
    prefix: str, names: list[str], codes: bytes | bytearray, specials: Mapping[int, Entry]
) -> EntryColumns:
    folders = list(map(eq, codes, repeat(FOLDER)))
    for position, entry in specials.items():
        folders[position] = entry.is_folder
    order = natural_order(names, folders)
    sorted_codes = bytes(map(codes.__getitem__, order))
    moved: dict[int, Entry] = {}
    start = 0
    while (found := sorted_codes.find(SPECIAL, start)) != -1:
        moved[found] = specials[order[found]]
        start = found + 1
    return EntryColumns(prefix, list(map(names.__getitem__, order)), sorted_codes, moved)


def _columns(prefix: str, block: NamesBlock) -> EntryColumns:
    specials = _specials(prefix, block.names, block.codes)
    return EntryColumns(prefix, block.names, block.codes, specials)


def _specials(prefix: str, names: list[str], codes: bytes) -> dict[int, Entry]:
    """Links and special files, stat'ed here: the child sent only their place."""
    specials: dict[int, Entry] = {}
    start = 0
    while (found := codes.find(SPECIAL, start)) != -1:
        specials[found] = entry_from_path(names[found], prefix + names[found])
        start = found + 1
    return specials
