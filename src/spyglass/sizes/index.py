"""The folder sizes the app has counted, for any part of it that shows sizes (the tree's column).

Keeps the newest tree of each backend's counts (a few of them); `size_of`
answers from the newest one that holds the folder, counted whole.
"""

from __future__ import annotations

import threading
import weakref

from spyglass.fs.backend import Backend
from spyglass.sizes.tree import SizeTree

KEPT = 8  # trees kept per backend: each one holds a node per folder it counted


class SizeIndex:
    def __init__(self) -> None:
        self._trees: weakref.WeakKeyDictionary[Backend, list[SizeTree]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def remember(self, backend: Backend, tree: SizeTree) -> None:
        with self._lock:
            trees = [kept for kept in self._trees.get(backend, []) if kept is not tree]
            self._trees[backend] = [*trees[-(KEPT - 1) :], tree]

    def size_of(self, backend: Backend, path: str) -> tuple[int, int] | None:
        """(bytes, files) of the folder at `path`, or None when no count has it whole."""
        with self._lock:
            trees = list(self._trees.get(backend, []))
        for tree in reversed(trees):
            found = tree.size_of(path)
            if found is not None:
                return found
        return None
