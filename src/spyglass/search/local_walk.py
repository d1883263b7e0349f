"""A fast walk of a local folder: `os.scandir`, no stat where the folder says the kind."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from spyglass.search.tally import Tally

CHECK_EVERY = 1024  # entries between cancellation checks inside one big folder
REPORT_EVERY = 0.1  # seconds between progress reports


def walk_local(
    root: str,
    *,
    hidden: bool,
    max_depth: int | None,
    tally: Tally[Any],
    display: Callable[[str], str] = str,
    count_entries: bool = True,
) -> Iterator[tuple[os.DirEntry[str], str, bool]]:
    """(entry, relative folder prefix, is a real folder) for every entry under `root`.

    The prefix is "" or "a/b/"; the caller builds a relative path only for what
    it keeps. Links are not followed, so a link loop is one entry, not a hang.
    A folder that cannot be read is a problem in `tally`, and the walk goes on;
    a root that cannot be read at all raises. Counts entries in `tally.visited`
    unless `count_entries` is False (a content search counts files itself).
    """
    context = tally.context
    stack: list[tuple[str, str, int]] = [(root, "", 1)]
    next_report = 0.0
    visited = tally.visited if count_entries else 0
    try:
        while stack:
            folder, prefix, depth = stack.pop()
            context.check()
            now = time.monotonic()
            if now >= next_report:
                if count_entries:
                    tally.visited = visited
                tally.report(display(folder))
                next_report = now + REPORT_EVERY
            descend = max_depth is None or depth < max_depth
            listed = False
            try:
                with os.scandir(folder) as entries:
                    countdown = CHECK_EVERY
                    for item in entries:
                        name = item.name
                        if not hidden and name[0] == ".":
                            continue
                        visited += 1
                        listed = True
                        countdown -= 1
                        if not countdown:
                            countdown = CHECK_EVERY
                            context.check()
                        try:
                            is_dir = item.is_dir(follow_symlinks=False)
                        except OSError:
                            is_dir = False
                        if is_dir and descend:
                            stack.append((item.path, f"{prefix}{name}/", depth + 1))
                        yield item, prefix, is_dir
            except OSError as exc:
                if not prefix and not listed:
                    raise  # the folder asked for: the search fails with its sentence
                tally.problem(exc, "search", folder, prefix.rstrip("/"), display(folder))
    finally:
        if count_entries:
            tally.visited = visited


def is_folder_link(item: os.DirEntry[str]) -> bool:
    """A link that leads to a folder: shown as a folder, never walked into."""
    try:
        return item.is_symlink() and item.is_dir()
    except OSError:
        return False
