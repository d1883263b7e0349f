"""fsspec's memory filesystem, empty for each test that asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fsspec.implementations.memory import MemoryFileSystem


@contextmanager
def fresh_memory_store() -> Iterator[MemoryFileSystem]:
    """The memory filesystem, emptied; on exit it holds again what it held before.

    Its store is one dict per process, shared by every instance and every
    `memory://` URL, so what one test writes is otherwise seen by the next.
    """
    store = dict(MemoryFileSystem.store)
    pseudo_dirs = list(MemoryFileSystem.pseudo_dirs)
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]
    try:
        yield MemoryFileSystem()
    finally:
        MemoryFileSystem.store.clear()
        MemoryFileSystem.store.update(store)
        MemoryFileSystem.pseudo_dirs[:] = pseudo_dirs
