"""What a listing hands the tree: a folder's entries so far, and how final they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spyglass.fs.entry import Entry


class Snapshot(NamedTuple):
    """`ordered`: every name is listed and in its final order; `done`: with details too.

    Before `ordered`, the entries are in the order they were listed and each
    snapshot only adds to the end of the one before: rows on screen never move
    while a folder loads.
    """

    entries: Sequence[Entry]
    ordered: bool
    done: bool
