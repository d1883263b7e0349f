"""What a listing hands the tree: a folder's entries so far, and how final they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spyglass.fs.entry import Entry


class Snapshot(NamedTuple):
    """`ordered`: every name is listed and in its final order; `done`: with details too.

    Before `ordered`, each snapshot only adds to the end of the one before:
    rows on screen never move while a folder loads. Its entries are those
    listed so far in the order they came, or the first names of the final
    order (a huge local folder's first screen, `child_listing`); then `tail`
    may hold the last names of the final order, with `between` names still
    to come between the two.
    """

    entries: Sequence[Entry]
    ordered: bool
    done: bool
    tail: Sequence[Entry] = ()
    between: int = 0
