"""Where the tree is rooted: a connected backend and a folder in it.

Headless. `connect` does the blocking part of going to a location (building
the filesystem, one stat to learn whether a remote path is a file) and returns
a new `Place`; it changes nothing shared, so a cancelled or overtaken connect
can simply be dropped.
"""

from __future__ import annotations

import posixpath
from typing import NamedTuple

from spyglass.fs.backend import Backend
from spyglass.location import Location, open_backend


class Place(NamedTuple):
    backend: Backend
    root: str  # path of the top folder in the backend
    name: str  # the top folder's own name
    label: str | None = None  # shown for the top folder instead of `backend.display(root)`
    focus: str | None = None  # an entry to highlight once its folder is listed

    @property
    def shown(self) -> str:
        """How the top folder is shown in the header and the tree."""
        return self.label or self.backend.display(self.root)


def folder_name(path: str) -> str:
    return posixpath.basename(path.rstrip("/")) or path


def local_place(location: Location) -> Place:
    """A local location needs no IO to connect: its path was checked when it was parsed."""
    backend, root = open_backend(location)
    label = location.label if location.focus is None else None
    return Place(backend, root, folder_name(root), label, location.focus)


def connect(location: Location) -> Place:
    """Build the filesystem and learn whether the path is a file. Blocks: call from a worker."""
    if location.is_local:
        return local_place(location)
    backend, root = open_backend(location)
    focus: str | None = None
    if root and "::" not in location.text:
        entry = backend.stat(root)
        if not entry.is_folder:
            focus = entry.path
            root = backend.parent(entry.path)
    label = location.label if focus is None else None
    return Place(backend, root, folder_name(root), label, focus)
