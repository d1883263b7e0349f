"""Fuzzy name matching for the tree filter: the letters in order, any gaps between."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Sequence as SequenceABC
from itertools import chain, compress
from typing import NamedTuple, overload

from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import names_at, names_between, subset

# A folder this big is filtered at once; a bigger one a chunk at a time (`FilterScan`).
AT_ONCE = 20_000
# One chunk of names matched holds the interpreter lock for a few milliseconds.
SCAN_CHUNK = 5_000


def pattern(query: str) -> re.Pattern[str]:
    """The letters of `query` in order, anything between, any case.

    Each gap is "anything but the next letter": the match takes each letter
    at its first place, with no backtracking over the gaps (half the time of
    `.*?` over 100,000 names once the query is a few letters long).
    """
    if not query:
        return re.compile("")
    gaps = (f"[^{re.escape(char)}]*{re.escape(char)}" for char in query[1:])
    return re.compile(re.escape(query[0]) + "".join(gaps), re.IGNORECASE | re.DOTALL)


def matcher(query: str) -> Callable[[str], bool]:
    """A case-insensitive test; an empty query matches everything."""
    if not query:
        return lambda name: True
    search = pattern(query).search
    return lambda name: search(name) is not None


# Where matches and names still to match sit in the folder's entries: a range,
# an array of 4-byte positions, or a `_Chain` of them, never one Python int each.
Positions = Sequence[int]


class Filtered(NamedTuple):
    """The entries of `base` whose names match `query`, kept to narrow on the next key.

    `positions`: where the matches are in `base`; None when every entry matched.
    """

    base: Sequence[Entry]
    query: str
    matches: Sequence[Entry]
    positions: Positions | None = None


def narrowed(base: Sequence[Entry], query: str, previous: Filtered | None = None) -> Filtered:
    """The matches of `query` in `base`; from the previous matches when the query only grew.

    Letters in order: a name that matches "f05" matches "f0", so each key typed
    searches what the key before left, not the whole folder again.
    """
    if previous is not None and previous.base is base and previous.query == query:
        return previous
    scan = FilterScan(base, query, narrowing_source(base, query, previous))
    scan.step(len(scan.source))
    return scan.result()


def narrowing_source(
    base: Sequence[Entry], query: str, done: Filtered | None, pending: FilterScan | None = None
) -> Positions:
    """Where a new query must search: the fewest positions that hold all its matches.

    Those of the last finished answer or of a scan under way, when the query
    only grew since; else the whole folder.
    """
    sources: list[Positions] = [range(len(base))]
    fits = done is not None and done.base is base and query.startswith(done.query)
    if fits and done is not None and done.positions is not None:  # None: all of `base`
        sources.append(done.positions)
    if pending is not None and pending.base is base and query.startswith(pending.query):
        sources.append(pending.candidates())
    return min(sources, key=len)


class FilterScan:
    """The matches of `query` at `source` (positions in `base`), found a chunk at a time.

    The matches so far are always the first of the final ones, in order, so
    rows shown early keep their places as the rest come. `step` is for one
    thread at a time; the others read `result` and `candidates`, which see
    the state after a whole chunk. Narrowing from a scan under way chains its
    matches so far to the positions it has not reached: no copy of the rest
    is made on each key.
    """

    def __init__(self, base: Sequence[Entry], query: str, source: Positions | None = None) -> None:
        self.base = base
        self.query = query
        self.source: Positions = range(len(base)) if source is None else source
        self._search = pattern(query).search
        self._kept: array[int] = array("I")  # only grows: a reader's first n stay as they were
        self._progress = (0, 0)  # matches in `_kept`, positions scanned: swapped in whole

    @property
    def done(self) -> bool:
        return self._progress[1] >= len(self.source)

    def step(self, count: int = SCAN_CHUNK) -> bool:
        """Match the next `count` names; True once every name is matched."""
        start = self._progress[1]
        stop = min(start + count, len(self.source))
        chunk = self.source[start:stop]
        self._kept.extend(compress(chunk, map(self._search, _names_at(self.base, chunk))))
        self._progress = (len(self._kept), stop)
        return stop >= len(self.source)

    def result(self) -> Filtered:
        found, scanned = self._progress
        if scanned >= len(self.source) and found == len(self.base):
            return Filtered(self.base, self.query, self.base)  # every name matched
        kept = self._kept[:found]
        return Filtered(self.base, self.query, subset(self.base, kept), kept)

    def candidates(self) -> Positions:
        """Where a longer query must search: the matches so far, then the names not yet seen."""
        found, scanned = self._progress
        if not scanned:
            return self.source
        return _Chain(self._kept[:found], self.source[scanned:])


class _Chain(SequenceABC[int]):
    """Positions `first`, then `rest`, without copying both into one array."""

    __slots__ = ("_first", "_rest")

    def __init__(self, first: Positions, rest: Positions) -> None:
        self._first = first
        self._rest = rest

    def __len__(self) -> int:
        return len(self._first) + len(self._rest)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Positions: ...

    def __getitem__(self, index: int | slice) -> int | Positions:
        split = len(self._first)
        if isinstance(index, int):
            if index < 0:
                index += len(self)
            return self._first[index] if index < split else self._rest[index - split]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return list(self)[index]
        if stop <= split:
            return self._first[start:stop]
        if start >= split:
            return self._rest[start - split : stop - split]
        return _Chain(self._first[start:], self._rest[: stop - split])

    def __iter__(self) -> Iterator[int]:
        return chain(self._first, self._rest)


def _names_at(entries: Sequence[Entry], positions: Positions) -> list[str]:
    """The names at `positions`: a slice where they are consecutive."""
    if isinstance(positions, range) and positions.step == 1:
        return names_between(entries, positions.start, positions.stop)
    return names_at(entries, positions)


def score(query: str, name: str) -> int:
    """Higher for tighter matches: exact, prefix, substring, then scattered letters."""
    lowered, q = name.casefold(), query.casefold()
    if lowered == q:
        return 4
    if lowered.startswith(q):
        return 3
    if q in lowered:
        return 2
    return 1
