"""Fuzzy name matching for the tree filter: the letters in order, any gaps between."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from itertools import compress
from typing import NamedTuple

from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import names_between, subset

# A folder this big is filtered at once; a bigger one a chunk at a time (`FilterScan`).
AT_ONCE = 20_000
# One chunk of names matched holds the interpreter lock for a few milliseconds.
SCAN_CHUNK = 5_000


def pattern(query: str) -> re.Pattern[str]:
    """The letters of `query` in order, anything between, any case."""
    return re.compile(".*?".join(re.escape(char) for char in query), re.IGNORECASE | re.DOTALL)


def matcher(query: str) -> Callable[[str], bool]:
    """A case-insensitive test; an empty query matches everything."""
    if not query:
        return lambda name: True
    search = pattern(query).search
    return lambda name: search(name) is not None


class Filtered(NamedTuple):
    """The entries of `base` whose names match `query`, kept to narrow on the next key."""

    base: Sequence[Entry]
    query: str
    matches: Sequence[Entry]


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
) -> Sequence[Entry]:
    """What a new query must search: the fewest names that hold all its matches.

    Those of the last finished answer or of a scan under way, when the query
    only grew since; else the whole folder.
    """
    sources = [base]
    if done is not None and done.base is base and query.startswith(done.query):
        sources.append(done.matches)
    if pending is not None and pending.base is base and query.startswith(pending.query):
        sources.append(pending.candidates())
    return min(sources, key=len)


class FilterScan:
    """The matches of `query` in `source`, found a chunk at a time.

    The matches so far are always the first of the final ones, in order, so
    rows shown early keep their places as the rest come. `step` is for one
    thread at a time; the others read `result` and `candidates`, which see
    the state after a whole chunk.
    """

    def __init__(self, base: Sequence[Entry], query: str, source: Sequence[Entry]) -> None:
        self.base = base
        self.query = query
        self.source = source
        self._search = pattern(query).search
        self._kept: array[int] = array("I")  # only grows: a reader's first n stay as they were
        self._progress = (0, 0)  # matches in `_kept`, names scanned: swapped in whole

    @property
    def done(self) -> bool:
        return self._progress[1] >= len(self.source)

    def step(self, count: int = SCAN_CHUNK) -> bool:
        """Match the next `count` names; True once every name is matched."""
        start = self._progress[1]
        stop = min(start + count, len(self.source))
        names = names_between(self.source, start, stop)
        self._kept.extend(compress(range(start, stop), map(self._search, names)))
        self._progress = (len(self._kept), stop)
        return stop >= len(self.source)

    def result(self) -> Filtered:
        found, scanned = self._progress
        if scanned >= len(self.source) and found == len(self.source):
            return Filtered(self.base, self.query, self.source)  # every name matched
        return Filtered(self.base, self.query, subset(self.source, self._kept[:found]))

    def candidates(self) -> Sequence[Entry]:
        """What a longer query must search: the matches so far and the names not yet seen."""
        found, scanned = self._progress
        if not scanned:
            return self.source
        return subset(
            self.source, self._kept[:found] + array("I", range(scanned, len(self.source)))
        )


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
