"""Sizes of a local tree: one `os.scandir` walk, one `lstat` per entry (the size is in it).

As GNU du does: a folder's own blocks count, hard links count once
((st_dev, st_ino) of files with more than one link), links are not
followed, and (as `du -x`) a folder on another filesystem is left out
unless asked for. A folder that cannot be read keeps its own entry's size
and becomes an error; the walk goes on.
"""

from __future__ import annotations

import os
import stat
import time

from spyglass.errors import describe
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree

REPORT_EVERY = 0.1  # seconds between progress reports
CHECK_EVERY = 4096  # entries between cancellation checks inside one big folder


def scan_local(tree: SizeTree, options: SizeOptions, context: JobContext[SizeTree]) -> None:
    """Fill `tree` from its root on local disk; a root that cannot be read raises."""
    root = tree.root_path
    top = os.lstat(root)
    apparent = options.apparent
    device = None if options.cross_filesystems else top.st_dev
    tree.add_entries([("", True, top.st_size if apparent else top.st_blocks * 512)])
    linked: set[tuple[int, int]] = set()
    other_filesystems = 0
    stack: list[tuple[str, FolderSize]] = [(root, tree.root)]
    next_report = 0.0
    files = folders = 0
    is_dir = stat.S_ISDIR
    while stack:
        path, node = stack.pop()
        context.check()
        files_bytes = count = 0
        found: list[tuple[str, int]] = []
        paths: list[str] = []
        try:
            with os.scandir(path) as entries:
                countdown = CHECK_EVERY
                for entry in entries:
                    countdown -= 1
                    if not countdown:
                        countdown = CHECK_EVERY
                        context.check()
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError as exc:  # vanished since the listing
                        tree.add_error(entry.path, describe(exc, "read", safe_name(entry.path)))
                        continue
                    size = info.st_size if apparent else info.st_blocks * 512
                    if is_dir(info.st_mode):
                        if device is not None and info.st_dev != device:
                            other_filesystems += 1
                            continue
                        found.append((entry.name, size))
                        paths.append(entry.path)
                        continue
                    if info.st_nlink > 1:
                        key = (info.st_dev, info.st_ino)
                        if key in linked:
                            continue
                        linked.add(key)
                    files_bytes += size
                    count += 1
        except OSError as exc:
            tree.add_error(path, describe(exc, "read", safe_name(path)), node)
        children = tree.add_listing(node, files_bytes, count, found)
        stack.extend(zip(paths, children, strict=True))
        files += count
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
