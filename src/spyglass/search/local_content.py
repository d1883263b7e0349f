"""Content search on local disk with Python's `re`, each file read only up to the cap."""

from __future__ import annotations

import os
from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.file_search import search_data
from spyglass.search.local_walk import walk_local
from spyglass.search.query import ContentQuery
from spyglass.search.results import LineMatch, SearchProblem
from spyglass.search.tally import Tally

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a fifo swapped in cannot hang the read


def read_capped(path: str, cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes from the start, and whether the file goes on past them."""
    fd = os.open(path, _FLAGS)
    try:
        chunks: list[bytes] = []
        wanted = cap + 1
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)  # one read: no copy
    if len(data) > cap:
        return data[:cap], True
    return data, False


@dataclass
class LocalContentSearcher:
    """Python's `re` over each regular file; links are not followed."""

    backend: Backend
    how: str = "read each file"

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None:
        tally: Tally[LineMatch] = Tally(context, self.how, query.limit)
        tally.cap = query.max_filesize
        cap = query.max_filesize
        try:
            for item, prefix, _ in walk_local(
                root,
                hidden=query.hidden,
                max_depth=query.max_depth,
                tally=tally,
                display=self.backend.display,
                count_entries=False,
            ):
                try:
                    if not item.is_file(follow_symlinks=False):
                        continue
                    data, capped = read_capped(item.path, cap)
                except OSError as exc:  # gone since listed, unreadable
                    shown = self.backend.display(item.path)
                    tally.problem(exc, "read", item.path, prefix + item.name, shown)
                    continue
                if not search_data(data, capped, query, tally, item.path, prefix + item.name):
                    return
        finally:
            tally.finish()
