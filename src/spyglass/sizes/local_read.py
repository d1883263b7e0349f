"""Reading one local folder for its sizes, and adding what was read to the tree.

Shared by the walk in the job's thread and the forked children's walks
(`local_children`): `read_folder` returns plain data, so a child can send it
as it is; `LocalWalk.add` settles hard links and writes the tree.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import NamedTuple

from spyglass.errors import describe
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree

CHECK_EVERY = 4096  # entries between cancellation checks inside one big folder
OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
_IS_DIR = stat.S_ISDIR


class Folder(NamedTuple):
    """One folder read: plain data, so a child process can send it as it is."""

    files_bytes: int  # files with one link
    files: int
    folders: list[tuple[str, int]]  # name, the folder's own entry size
    paths: list[str]
    linked: list[tuple[int, int, int]]  # (st_dev, st_ino, size) of files with more links
    errors: list[tuple[str, str]]  # path, sentence
    other_filesystems: int


def read_folder(path: str, apparent: bool, device: int | None, check: Callable[[], None]) -> Folder:
    """One folder's files summed and its folders found; what cannot be read is in `errors`."""
    files_bytes = files = other = 0
    folders: list[tuple[str, int]] = []
    paths: list[str] = []
    linked: list[tuple[int, int, int]] = []
    errors: list[tuple[str, str]] = []
    prefix = path if path.endswith(os.sep) else path + os.sep
    try:
        descriptor = os.open(path, OPEN_FOLDER)
    except OSError as exc:
        errors.append((path, describe(exc, "read", safe_name(path))))
        return Folder(0, 0, folders, paths, linked, errors, 0)
    try:
        with os.scandir(descriptor) as entries:
            countdown = CHECK_EVERY
            for entry in entries:
                countdown -= 1
                if not countdown:
                    countdown = CHECK_EVERY
                    check()
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError as exc:  # vanished since the listing
                    gone = prefix + entry.name
                    errors.append((gone, describe(exc, "read", safe_name(gone))))
                    continue
                if _IS_DIR(info.st_mode):
                    if device is not None and info.st_dev != device:
                        other += 1
                        continue
                    folders.append((entry.name, info.st_size if apparent else info.st_blocks * 512))
                    paths.append(prefix + entry.name)
                elif info.st_nlink == 1:
                    files_bytes += info.st_size if apparent else info.st_blocks
                    files += 1
                else:
                    size = info.st_size if apparent else info.st_blocks * 512
                    linked.append((info.st_dev, info.st_ino, size))
    except OSError as exc:
        errors.append((path, describe(exc, "read", safe_name(path))))
    finally:
        os.close(descriptor)
    if not apparent:
        files_bytes *= 512  # summed in blocks: one multiplication a folder
    return Folder(files_bytes, files, folders, paths, linked, errors, other)


class LocalWalk:
    """The counting shared by the walk here and the children's: hard links once, counters."""

    def __init__(self, tree: SizeTree, options: SizeOptions, device: int | None) -> None:
        self.tree = tree
        self.apparent = options.apparent
        self.device = device
        self.linked: set[tuple[int, int]] = set()
        self.files = self.folders = self.other_filesystems = 0

    def add(self, node: FolderSize, read: Folder) -> list[FolderSize]:
        """`read` into the tree at `node`; returns its new child nodes, in `read.paths` order."""
        files_bytes, files = read.files_bytes, read.files
        for device, inode, size in read.linked:
            if (device, inode) not in self.linked:
                self.linked.add((device, inode))
                files_bytes += size
                files += 1
        for path, sentence in read.errors:
            self.tree.add_error(path, sentence, node)
        self.files += files
        self.folders += 1
        self.other_filesystems += read.other_filesystems
        return self.tree.add_listing(node, files_bytes, files, read.folders)

    def report(self, context: JobContext[SizeTree], where: str) -> None:
        """Counters and "counting <where>" (`where` already safe to show)."""
        total, _, _ = self.tree.totals()
        context.progress(
            Progress(
                visited=self.files,
                done=self.folders,
                skipped=len(self.tree.errors),
                byte_count=total,
                text=f"counting {where}",
            )
        )
