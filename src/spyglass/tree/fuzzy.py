"""Fuzzy name matching for the tree filter: the letters in order, any gaps between."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import names_of, selected


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
    if previous is not None and previous.base is base:
        if previous.query == query:
            return previous
        source = previous.matches if query.startswith(previous.query) else base
    else:
        source = base
    search = pattern(query).search
    # map and compress run in C: the only Python-level work per name is the regex itself
    return Filtered(base, query, selected(source, map(search, names_of(source))))


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
