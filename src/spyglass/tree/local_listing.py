"""A local folder listed the quick way: names and kinds, sorted once, details after.

No snapshot shows a half-sorted folder: a folder of up to `IN_PROCESS_LIMIT`
names is scanned and sorted here in a few milliseconds; a bigger one is
listed and sorted in a child process (`child_listing`) while the tree says it
is loading and keeps answering keys. Then the details are read in the
background and come as a new set of columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import repeat
from operator import eq

from spyglass.format import group_name, owner_name
from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import FOLDER, SPECIAL, EntryColumns
from spyglass.fs.local_backend import entry_from_path, read_details, scan_names
from spyglass.tree.child_listing import ChildListingFailed, sorted_in_child
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

    A folder of more than `limit` names is sorted in a child process.
    """
    scanned = scan_names(path, limit=limit)
    sorted_names: tuple[list[str], bytes] | None
    if scanned.complete:
        sorted_names = None
    else:
        try:
            sorted_names = sorted_in_child(path, cancelled)
        except (ChildListingFailed, OSError):  # no fork here, or the child died: list here
            scanned = scan_names(path)
            sorted_names = None
        else:
            if sorted_names is None:
                return  # cancelled
    if sorted_names is None:
        columns = _sorted_here(prefix, scanned.names, scanned.codes, scanned.specials)
    else:
        names, codes = sorted_names
        columns = EntryColumns(prefix, names, codes, _specials(prefix, names, codes))
    if cancelled():
        return
    columns = columns.indexed()
    yield Snapshot(columns, True, False)
    details = read_details(prefix, columns.names, cancelled)
    if details is None:
        return
    for uid, gid in set(zip(details.uids, details.gids, strict=True)):
        owner_name(uid)  # warm the caches off the UI thread
        group_name(gid)
    yield Snapshot(columns.with_details(details), True, True)


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


def _specials(prefix: str, names: list[str], codes: bytes) -> dict[int, Entry]:
    """Links and special files, stat'ed here: the child sent only their place."""
    specials: dict[int, Entry] = {}
    start = 0
    while (found := codes.find(SPECIAL, start)) != -1:
        specials[found] = entry_from_path(names[found], prefix + names[found])
        start = found + 1
    return specials
