"""A big folder's entries as columns: names, kind codes and detail arrays, no object per entry.

An `Entry` per name costs about 350 bytes and 1.5 µs; a folder of 1,000,000
names is then 350 MB before it is shown. Here a name costs its string and a
byte, details 28 bytes in arrays, and an `Entry` is made only for a row that
is asked for (the few on screen, the cursor's). Objects of this class are
never changed once made: details come in a new one that shares the names.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import attrgetter, eq, methodcaller, not_
from typing import NamedTuple, overload

from spyglass.fs.entry import Entry, Kind

# Kind codes: the common kinds in one byte; anything else is an Entry in `specials`.
SPECIAL = 0
FILE = 1
FOLDER = 2
_KINDS = {FILE: Kind.FILE, FOLDER: Kind.FOLDER}
_name = attrgetter("name")
# One C call over this many names holds the interpreter lock for a few milliseconds.
CHUNK = 50_000
_dotted = methodcaller("startswith", ".")


class Details(NamedTuple):
    """Size, time, mode and owner per name; a mode of 0 means not known (the file went)."""

    sizes: array[int]
    mtimes: array[float]
    modes: array[int]
    uids: array[int]
    gids: array[int]


def empty_details() -> Details:
    return Details(array("q"), array("d"), array("I"), array("I"), array("I"))


Owners = set[tuple[int, int]]


def owners_of(details: Details) -> Owners:
    """The (uid, gid) pairs that own the entries, a chunk at a time: see CHUNK."""
    owners: Owners = set()
    for start in range(0, len(details.uids), CHUNK):
        stop = start + CHUNK
        owners.update(zip(details.uids[start:stop], details.gids[start:stop], strict=True))
    return owners


class Hidden(NamedTuple):
    """Positions of the names without a leading dot; None when no name has one."""

    unhidden: array[int] | None


def hidden_index(names: Sequence[str]) -> Hidden:
    """Which of `names` show with hidden files off: in C, a chunk at a time."""
    unhidden: array[int] | None = None
    for start in range(0, len(names), CHUNK):
        part = names[start : start + CHUNK]
        if unhidden is None:
            if not any(map(_dotted, part)):
                continue
            unhidden = array("I", range(start))  # every name before this part shows
        unhidden.extend(compress(range(start, start + len(part)), map(not_, map(_dotted, part))))
    return Hidden(unhidden)


class Tally(NamedTuple):
    folders: int
    files: int
    others: int
    total_size: int  # of the files whose size is known


class EntryColumns(Sequence[Entry]):
    """The entries of one folder (`prefix` + name is a path), in the order given.

    `positions` makes a view on some of them (without hidden names, a filter's
    matches) that shares the columns.
    """

    __slots__ = (
        "_codes",
        "_details",
        "_file_bytes",
        "_hidden",
        "_names",
        "_positions",
        "_prefix",
        "_specials",
        "_view",
    )

    def __init__(
        self,
        prefix: str,
        names: list[str],
        codes: bytes,
        specials: Mapping[int, Entry],
        details: Details | None = None,
        positions: Sequence[int] | None = None,
        hidden: Hidden | None = None,
    ) -> None:
        self._prefix = prefix
        self._names = names
        self._codes = codes
        self._specials = specials
        self._details = details
        self._positions = positions
        self._hidden = hidden
        self._view: list[str] | None = None
        self._file_bytes = 0  # the sizes of the files added up, once details are in

    def indexed(self) -> EntryColumns:
        """The same, knowing which names are hidden: worked out in the listing's thread,
        so showing the folder does not test 1,000,000 names on the UI thread."""
        return EntryColumns(
            self._prefix,
            self._names,
            self._codes,
            self._specials,
            self._details,
            self._positions,
            hidden_index(self.names),
        )

    def without_hidden(self) -> EntryColumns:
        """The entries whose names do not start with a dot (this object when none does)."""
        hidden = self._hidden if self._hidden is not None else self.indexed()._hidden
        assert hidden is not None
        if hidden.unhidden is None:
            return self
        return EntryColumns(
            self._prefix,
            self._names,
            self._codes,
            self._specials,
            self._details,
            hidden.unhidden
            if self._positions is None
            else array("I", map(self._positions.__getitem__, hidden.unhidden)),
        )

    @property
    def has_details(self) -> bool:
        return self._details is not None

    @property
    def names(self) -> Sequence[str]:
        """The names in this view's order: for filters that test names only."""
        if self._positions is None:
            return self._names
        if self._view is None:
            self._view = list(map(self._names.__getitem__, self._positions))
        return self._view

    def with_details(self, details: Details) -> EntryColumns:
        """The same entries with their details (for the whole folder, not a view).

        Adds up the files' sizes here, in the listing's thread, for the folder's summary.
        """
        codes, sizes = self._codes, details.sizes
        file_bytes = sum(
            sum(
                compress(
                    sizes[start : start + CHUNK],
                    map(eq, codes[start : start + CHUNK], repeat(FILE)),
                )
            )
            for start in range(0, len(sizes), CHUNK)
        )
        columns = EntryColumns(
            self._prefix, self._names, self._codes, self._specials, details, hidden=self._hidden
        )
        columns._file_bytes = file_bytes
        return columns

    def select(self, keep: Iterable[object]) -> EntryColumns:
        """A view on the entries for which `keep` is true, in order."""
        # 4 bytes a position, not a Python int each
        kept = array("I", compress(range(len(self)), keep))
        if self._positions is not None:
            kept = array("I", map(self._positions.__getitem__, kept))
        return EntryColumns(
            self._prefix, self._names, self._codes, self._specials, self._details, kept
        )

    def names_between(self, start: int, stop: int) -> list[str]:
        """The names of entries `start` to `stop` of this view, without naming the rest."""
        if self._positions is None:
            return self._names[start:stop]
        return list(map(self._names.__getitem__, self._positions[start:stop]))

    def names_at(self, positions: Iterable[int]) -> list[str]:
        """The names of the entries at `positions` of this view."""
        if self._positions is None:
            return list(map(self._names.__getitem__, positions))
        return list(map(self._names.__getitem__, map(self._positions.__getitem__, positions)))

    def at(self, positions: array[int]) -> EntryColumns:
        """A view on the entries at `positions` of this view (ascending)."""
        if self._positions is not None:
            positions = array("I", map(self._positions.__getitem__, positions))
        return EntryColumns(
            self._prefix, self._names, self._codes, self._specials, self._details, positions
        )

    def tally(self) -> Tally:
        """Counts by kind and the total size, in C over the columns (whole folder only)."""
        codes = self._codes
        specials = list(self._specials.values())
        files = codes.count(FILE) + sum(1 for entry in specials if entry.kind is Kind.FILE)
        folders = codes.count(FOLDER) + sum(1 for entry in specials if entry.is_folder)
        total = sum(entry.size or 0 for entry in specials if entry.kind is Kind.FILE)
        total += self._file_bytes
        return Tally(folders, files, len(self._names) - files - folders, total)

    def __len__(self) -> int:
        return len(self._names) if self._positions is None else len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        position = index if self._positions is None else self._positions[index]
        if position < 0:
            position += len(self._names)
        code = self._codes[position]
        if code == SPECIAL:
            return self._specials[position]
        name = self._names[position]
        kind = _KINDS[code]
        details = self._details
        if details is None or not details.modes[position]:
            return Entry(name, self._prefix + name, kind)
        return Entry(
            name,
            self._prefix + name,
            kind,
            details.sizes[position],
            details.mtimes[position],
            details.modes[position],
            details.uids[position],
            details.gids[position],
        )

    def __iter__(self) -> Iterator[Entry]:
        for index in range(len(self)):
            yield self[index]

    def __repr__(self) -> str:
        return f"EntryColumns({self._prefix!r}, {len(self):,} entries)"


def tally(entries: Sequence[Entry]) -> Tally:
    """Counts by kind and the total size of the files, for a folder's summary."""
    if isinstance(entries, EntryColumns):
        return entries.tally()
    files = folders = others = total = 0
    for entry in entries:
        if entry.kind is Kind.FOLDER:
            folders += 1
        elif entry.kind is Kind.FILE:
            files += 1
            total += entry.size or 0
        else:
            others += 1
    return Tally(folders, files, others, total)


def names_of(entries: Sequence[Entry]) -> Sequence[str]:
    """The names, without making an Entry per row where the entries are columns."""
    if isinstance(entries, EntryColumns):
        return entries.names
    return list(map(_name, entries))


def selected(entries: Sequence[Entry], keep: Iterable[object]) -> Sequence[Entry]:
    """The entries for which `keep` is true: a view on columns, else a new list."""
    if isinstance(entries, EntryColumns):
        return entries.select(keep)
    return list(compress(entries, keep))


def names_between(entries: Sequence[Entry], start: int, stop: int) -> list[str]:
    """The names of `entries[start:stop]`, without an Entry per row where they are columns."""
    if isinstance(entries, EntryColumns):
        return entries.names_between(start, stop)
    return list(map(_name, entries[start:stop]))


def names_at(entries: Sequence[Entry], positions: Iterable[int]) -> list[str]:
    """The names of the entries at `positions`, without an Entry each where they are columns."""
    if isinstance(entries, EntryColumns):
        return entries.names_at(positions)
    return [entries[position].name for position in positions]


def subset(entries: Sequence[Entry], positions: array[int]) -> Sequence[Entry]:
    """The entries at `positions` (ascending): a view on columns, else a new list."""
    if isinstance(entries, EntryColumns):
        return entries.at(positions)
    return list(map(entries.__getitem__, positions))


def without_hidden(entries: Sequence[Entry]) -> Sequence[Entry]:
    """The entries whose names do not start with a dot; the same object when none does."""
    if isinstance(entries, EntryColumns):
        return entries.without_hidden()
    names = names_of(entries)
    if not any(map(_dotted, names)):
        return entries
    return selected(entries, map(not_, map(_dotted, names)))
