"""Fuzzy name matching for the tree filter: the letters in order, any gaps between."""

from __future__ import annotations

import re
from collections.abc import Callable


def matcher(query: str) -> Callable[[str], bool]:
    """A case-insensitive test; an empty query matches everything."""
    if not query:
        return lambda name: True
    pattern = re.compile(".*?".join(re.escape(char) for char in query), re.IGNORECASE | re.DOTALL)
    search = pattern.search
    return lambda name: search(name) is not None


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
