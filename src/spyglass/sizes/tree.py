"""The sizes of every folder under a root, filled in while a scan runs and read from any thread.

Only folders are nodes: the files of a folder are counted into it, so a
tree of 200,000 files in 20,000 folders holds 20,000 small objects. A scan
adds a folder's direct content in one call, which also adds it to every
folder above; readers take the same lock, so they never see half a change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import NamedTuple


class SizeError(NamedTuple):
    """A folder or file that could not be read: the sentence is already safe to show."""

    path: str
    sentence: str


class FolderSize:
    """One folder: its own content (`own_*`) and its total with everything below."""

    __slots__ = (
        "bytes",
        "children",
        "done",
        "entry_bytes",
        "files",
        "folders",
        "name",
        "own_bytes",
        "own_files",
        "parent",
        "unreadable",
        "waiting",
    )

    def __init__(self, name: str, parent: FolderSize | None) -> None:
        self.name = name
        self.parent = parent
        self.children: dict[str, FolderSize] = {}
        self.entry_bytes = 0  # the folder's own entry (its blocks on disk)
        self.own_bytes = 0  # the folder's own entry plus its files
        self.own_files = 0
        self.bytes = 0  # with everything below
        self.files = 0
        self.folders = 0  # folders below, at any depth
        self.unreadable = False  # something in it or below it could not be read
        self.waiting = 1  # itself and each child folder not finished yet
        self.done = False  # this folder and all below it are counted


class Row(NamedTuple):
    """One line of a sizes view: a child folder, or the files directly in the folder."""

    name: str  # raw; made safe where it is shown
    bytes: int
    files: int
    folder: FolderSize | None  # None for the row of the folder's own files
    done: bool
    unreadable: bool


class SizeTree:
    """The result of a sizes scan: `size_of(path)` answers for any folder it counted.

    `measure` says what the bytes are ("disk usage" or "apparent size"),
    `how` how they were found, `notes` what was left out on purpose (object
    versions, other filesystems), all as sentences safe to show.
    """

    def __init__(
        self,
        root: str,
        *,
        join: Callable[[str, str], str],
        sep: str = "/",
        measure: str = "disk usage",
        how: str = "",
    ) -> None:
        self.root_path = root
        self.root = FolderSize("", None)
        self.measure = measure
        self.how = how
        self.notes: list[str] = []
        self.errors: list[SizeError] = []
        self.finished = False  # the scan ran to its end (not cancelled or failed)
        self.lock = threading.Lock()
        self._join = join
        self._sep = sep

    # reading (any thread)

    def node(self, path: str) -> FolderSize | None:
        with self.lock:
            return self._find(path)

    def size_of(self, path: str) -> tuple[int, int] | None:
        """(bytes, files) of a folder whose whole content is counted; None if not (yet) known."""
        with self.lock:
            node = self._find(path)
            if node is None or not node.done:
                return None
            return node.bytes, node.files

    def rows(self, node: FolderSize) -> list[Row]:
        """The folder's children, largest first (then by name), and its own files as one row."""
        with self.lock:
            rows = [
                Row(child.name, child.bytes, child.files, child, child.done, child.unreadable)
                for child in node.children.values()
            ]
            if node.own_files:
                files_bytes = node.own_bytes - node.entry_bytes
                rows.append(Row("", files_bytes, node.own_files, None, node.done, False))
        rows.sort(key=lambda row: (-row.bytes, row.name))
        return rows

    def path_of(self, node: FolderSize) -> str:
        names: list[str] = []
        walk: FolderSize | None = node
        while walk is not None and walk.parent is not None:
            names.append(walk.name)
            walk = walk.parent
        path = self.root_path
        for name in reversed(names):
            path = self._join(path, name)
        return path

    def totals(self) -> tuple[int, int, int]:
        """(bytes, files, folders) counted so far under the root, itself included."""
        with self.lock:
            return self.root.bytes, self.root.files, self.root.folders + 1

    def error_list(self) -> list[SizeError]:
        with self.lock:
            return list(self.errors)

    # filling (the scan's thread)

    def add_listing(
        self, node: FolderSize, files_bytes: int, files: int, folders: Iterable[tuple[str, int]]
    ) -> list[FolderSize]:
        """A folder read: its files' bytes and count, and its folders with their own entry size.

        Returns the new child nodes, to be read next; the folder itself is then
        finished once they all are.
        """
        with self.lock:
            new = self._add(node, files_bytes, files, folders)
            self._finish(node)
        return new

    def add_entries(self, entries: Iterable[tuple[str, bool, int]]) -> None:
        """Entries by their path relative to the root ("a/b/c"), for scans that see paths.

        A folder is created with every folder above it; each entry's bytes go to
        its folder and every folder above. `("", True, n)` is the root's own entry.
        """
        with self.lock:
            for relative, is_folder, size in entries:
                if is_folder:
                    node = self._folder(relative)
                    node.entry_bytes += size
                    self._grow(node, size, 0)
                else:
                    folder, _, _ = relative.rpartition("/")
                    self._grow(self._folder(folder), size, 1)

    def add_error(self, path: str, sentence: str, node: FolderSize | None = None) -> None:
        """A problem at `path`: `node` (else the folder there) and all above it are marked."""
        with self.lock:
            self.errors.append(SizeError(path, sentence))
            walk = node if node is not None else self._find(path)
            while walk is not None:
                walk.unreadable = True
                walk = walk.parent

    def finish_all(self) -> None:
        """Everything is counted (a scan that sees the whole tree only at its end)."""
        with self.lock:
            stack = [self.root]
            while stack:
                node = stack.pop()
                node.done = True
                node.waiting = 0
                stack.extend(node.children.values())

    # under the lock

    def _find(self, path: str) -> FolderSize | None:
        root = self.root_path.rstrip(self._sep)
        if path.rstrip(self._sep) == root:
            return self.root
        prefix = root + self._sep
        if not path.startswith(prefix):
            return None
        node: FolderSize | None = self.root
        for name in path[len(prefix) :].strip(self._sep).split(self._sep):
            node = node.children.get(name) if node is not None else None
        return node

    def _add(
        self, node: FolderSize, files_bytes: int, files: int, folders: Iterable[tuple[str, int]]
    ) -> list[FolderSize]:
        new: list[FolderSize] = []
        added = files_bytes
        for name, own in folders:
            child = FolderSize(name, node)
            child.entry_bytes = child.own_bytes = child.bytes = own
            node.children[name] = child
            node.waiting += 1
            added += own
            new.append(child)
        node.own_bytes += files_bytes
        node.own_files += files
        count = len(new)
        walk: FolderSize | None = node
        while walk is not None:
            walk.bytes += added
            walk.files += files
            walk.folders += count
            walk = walk.parent
        return new

    def _finish(self, node: FolderSize) -> None:
        walk: FolderSize | None = node
        while walk is not None:
            walk.waiting -= 1
            if walk.waiting:
                return
            walk.done = True
            walk = walk.parent

    def _folder(self, relative: str) -> FolderSize:
        node = self.root
        if not relative:
            return node
        for name in relative.split("/"):
            child = node.children.get(name)
            if child is None:
                child = node.children[name] = FolderSize(name, node)
                walk: FolderSize | None = node
                while walk is not None:
                    walk.folders += 1
                    walk = walk.parent
            node = child
        return node

    def _grow(self, node: FolderSize, size: int, files: int) -> None:
        node.own_bytes += size
        node.own_files += files
        walk: FolderSize | None = node
        while walk is not None:
            walk.bytes += size
            walk.files += files
            walk = walk.parent
