"""Sizes of a local tree: one `os.scandir` walk, one `lstat` per entry (the size is in it).

As GNU du does: a folder's own blocks count, hard links count once
((st_dev, st_ino) of files with more than one link), links are not
followed, and (as `du -x`) a folder on another filesystem is left out
unless asked for. A folder that cannot be read keeps its own entry's size
and becomes an error; the walk goes on.

Each folder is listed through a descriptor, so every entry's lstat is an
`fstatat` relative to it (`DirEntry.stat` does that for a descriptor) and
the kernel does not look up the whole path again for each name: that
lookup was a third of the time on 200,000 files. A big tree is shared out
to forked children after the first folders (`local_children`): the stat
calls and their Python cost run on every core.
"""

from __future__ import annotations

import os
import time

from spyglass.jobs.context import JobContext
from spyglass.safe_text import safe_name
from spyglass.sizes.local_children import share_out
from spyglass.sizes.local_read import OPEN_FOLDER, LocalWalk, read_folder
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree

REPORT_EVERY = 0.1  # seconds between progress reports
HANDOFF = 256  # folders read here before the rest is shared out to children


def scan_local(
    tree: SizeTree,
    options: SizeOptions,
    context: JobContext[SizeTree],
    *,
    handoff: int = HANDOFF,
) -> None:
    """Fill `tree` from its root on local disk; a root that cannot be read raises.

    After `handoff` folders, what is left is shared out to child processes
    (where there is more than one core and fork works); -1: never.
    """
    root = tree.root_path
    top = os.lstat(root)
    os.close(os.open(root, OPEN_FOLDER))  # the folder asked for must open: else a sentence
    walk = LocalWalk(tree, options, None if options.cross_filesystems else top.st_dev)
    tree.add_entries([("", True, top.st_size if options.apparent else top.st_blocks * 512)])
    stack: list[tuple[str, FolderSize]] = [(root, tree.root)]
    next_report = 0.0
    while stack:
        ready = handoff >= 0 and walk.folders >= handoff and len(stack) > 1
        if ready and share_out(walk, stack, context):
            break
        path, node = stack.pop()
        context.check()
        read = read_folder(path, walk.apparent, walk.device, context.check)
        stack.extend(zip(read.paths, walk.add(node, read), strict=True))
        now = time.monotonic()
        if now >= next_report or not stack:
            next_report = now + REPORT_EVERY
            walk.report(context, safe_name(path))
            context.emit_latest(tree)
    if walk.other_filesystems:
        count = walk.other_filesystems
        plural = "folder" if count == 1 else "folders"
        tree.notes.append(f"{count:,} {plural} on other filesystems left out (--cross-filesystems)")
    walk.report(context, safe_name(root))
