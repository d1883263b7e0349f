"""Sizes of a local tree: one `os.scandir` walk, one `lstat` per entry (the size is in it).

As GNU du does: a folder's own blocks count, hard links count once
((st_dev, st_ino) of files with more than one link), links are not
followed, and (as `du -x`) a folder on another filesystem is left out
unless asked for. A folder that cannot be read keeps its own entry's size
and becomes an error; the walk goes on.

Each folder is listed through a descriptor, so every entry's lstat is an
`fstatat` relative to it (`DirEntry.stat` does that for a descriptor) and
the kernel does not look up the whole path again for each name: that
lookup was a third of the time on 200,000 files.
"""

from __future__ import annotations

import os
import stat
import time
from typing import NamedTuple

from spyglass.errors import describe
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree

REPORT_EVERY = 0.1  # seconds between progress reports
CHECK_EVERY = 4096  # entries between cancellation checks inside one big folder
_OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
_IS_DIR = stat.S_ISDIR


class _Folder(NamedTuple):
    files_bytes: int
    files: int
    folders: list[tuple[str, int]]  # name, the folder's own entry size
    paths: list[str]
    other_filesystems: int


class _Walk:
    def __init__(self, tree: SizeTree, options: SizeOptions, device: int | None) -> None:
        self.tree = tree
        self.apparent = options.apparent
        self.device = device
        self.linked: set[tuple[int, int]] = set()

    def read(self, path: str, node: FolderSize, context: JobContext[SizeTree]) -> _Folder:
        """One folder's files summed and its folders found; what cannot be read is an error."""
        files_bytes = files = other = 0
        folders: list[tuple[str, int]] = []
        paths: list[str] = []
        prefix = path if path.endswith(os.sep) else path + os.sep
        apparent, device, linked = self.apparent, self.device, self.linked
        try:
            descriptor = os.open(path, _OPEN_FOLDER)
        except OSError as exc:
            self.tree.add_error(path, describe(exc, "read", safe_name(path)), node)
            return _Folder(0, 0, folders, paths, 0)
        try:
            with os.scandir(descriptor) as entries:
                countdown = CHECK_EVERY
                for entry in entries:
                    countdown -= 1
                    if not countdown:
                        countdown = CHECK_EVERY
                        context.check()
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError as exc:  # vanished since the listing
                        gone = prefix + entry.name
                        self.tree.add_error(gone, describe(exc, "read", safe_name(gone)), node)
                        continue
                    if _IS_DIR(info.st_mode):
                        if device is not None and info.st_dev != device:
                            other += 1
                            continue
                        size = info.st_size if apparent else info.st_blocks * 512
                        folders.append((entry.name, size))
                        paths.append(prefix + entry.name)
                    elif info.st_nlink == 1:
                        files_bytes += info.st_size if apparent else info.st_blocks
                        files += 1
                    elif (key := (info.st_dev, info.st_ino)) not in linked:
                        linked.add(key)
                        files_bytes += info.st_size if apparent else info.st_blocks
                        files += 1
        except OSError as exc:
            self.tree.add_error(path, describe(exc, "read", safe_name(path)), node)
        finally:
            os.close(descriptor)
        if not apparent:
            files_bytes *= 512  # summed in blocks: one multiplication a folder
        return _Folder(files_bytes, files, folders, paths, other)


def scan_local(tree: SizeTree, options: SizeOptions, context: JobContext[SizeTree]) -> None:
    """Fill `tree` from its root on local disk; a root that cannot be read raises."""
    root = tree.root_path
    top = os.lstat(root)
    os.close(os.open(root, _OPEN_FOLDER))  # the folder asked for must open: else a sentence
    walk = _Walk(tree, options, None if options.cross_filesystems else top.st_dev)
    tree.add_entries([("", True, top.st_size if options.apparent else top.st_blocks * 512)])
    other_filesystems = files = folders = 0
    stack: list[tuple[str, FolderSize]] = [(root, tree.root)]
    next_report = 0.0
    while stack:
        path, node = stack.pop()
        context.check()
        read = walk.read(path, node, context)
        children = tree.add_listing(node, read.files_bytes, read.files, read.folders)
        stack.extend(zip(read.paths, children, strict=True))
        other_filesystems += read.other_filesystems
        files += read.files
        folders += 1
        now = time.monotonic()
        if now >= next_report or not stack:
            next_report = now + REPORT_EVERY
            _report(tree, context, folders, files, path)
            context.emit_latest(tree)
    if other_filesystems:
        plural = "folder" if other_filesystems == 1 else "folders"
        tree.notes.append(
            f"{other_filesystems:,} {plural} on other filesystems left out (--cross-filesystems)"
        )
    _report(tree, context, folders, files, root)


def _report(
    tree: SizeTree, context: JobContext[SizeTree], folders: int, files: int, path: str
) -> None:
    total, _, _ = tree.totals()
    context.progress(
        Progress(
            visited=files,
            done=folders,
            skipped=len(tree.errors),
            byte_count=total,
            text=f"counting {safe_name(path)}",
        )
    )
