"""Content search over any backend: each file read with one bounded `read_range`.

Object stores are listed with one recursive listing and read a few objects at
a time (each read is a round trip); other backends are walked folder by
folder and read one file at a time (an archive's member reads share one file
object, which threads must not).
"""

from __future__ import annotations

import concurrent.futures
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.jobs.context import JobContext
from spyglass.search.bucket_walk import walk_bucket
from spyglass.search.file_search import search_data
from spyglass.search.query import ContentQuery
from spyglass.search.results import LineMatch, SearchProblem
from spyglass.search.tally import Tally
from spyglass.search.walk import walk_backend

PARALLEL_READS = 6
WAIT_STEP = 0.1  # seconds between cancellation checks while a read is outstanding


def read_capped(backend: Backend, entry: Entry, cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes from the start of the file, and whether it goes on past them."""
    if entry.size is not None and backend.capabilities.sizes_trusted:
        if entry.size == 0:
            return b"", False
        data = backend.read_range(entry.path, 0, min(entry.size, cap))
        return data, entry.size > cap
    data = backend.read_range(entry.path, 0, cap + 1)  # the size is not known: one byte more
    return (data[:cap], True) if len(data) > cap else (data, False)


@dataclass
class WalkContentSearcher:
    backend: Backend
    how: str = "read each file"

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None:
        tally: Tally[LineMatch] = Tally(context, self.how, query.limit)
        tally.cap = query.max_filesize
        try:
            if self.backend.capabilities.recursive_listing:
                self._parallel(root, query, tally)
            else:
                self._one_by_one(root, query, tally)
        finally:
            tally.finish()

    def _files(
        self, root: str, query: ContentQuery, tally: Tally[LineMatch]
    ) -> Iterator[tuple[Entry, str]]:
        walk = walk_bucket if self.backend.capabilities.recursive_listing else walk_backend
        for entry, relative in walk(
            self.backend,
            root,
            hidden=query.hidden,
            max_depth=query.max_depth,
            tally=tally,
            count_entries=False,
        ):
            if entry.kind is Kind.FILE and entry.link_target is None:
                yield entry, relative

    def _one_by_one(self, root: str, query: ContentQuery, tally: Tally[LineMatch]) -> None:
        for entry, relative in self._files(root, query, tally):
            tally.context.check()
            try:
                data, capped = read_capped(self.backend, entry, query.max_filesize)
            except Exception as exc:  # one file; the search goes on
                tally.problem(exc, "read", entry.path, relative, self.backend.display(entry.path))
                continue
            if not search_data(data, capped, query, tally, entry.path, relative):
                return

    def _parallel(self, root: str, query: ContentQuery, tally: Tally[LineMatch]) -> None:
        """Reads run ahead in threads; results are searched and emitted here, in listing order."""
        pool = concurrent.futures.ThreadPoolExecutor(PARALLEL_READS, "spyglass-search-read")
        pending: deque[tuple[Entry, str, concurrent.futures.Future[tuple[bytes, bool]]]]
        pending = deque()
        try:
            for entry, relative in self._files(root, query, tally):
                pending.append(
                    (
                        entry,
                        relative,
                        pool.submit(read_capped, self.backend, entry, query.max_filesize),
                    )
                )
                if len(pending) >= 2 * PARALLEL_READS and not self._take(pending, query, tally):
                    return
            while pending:
                if not self._take(pending, query, tally):
                    return
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _take(
        self,
        pending: deque[tuple[Entry, str, concurrent.futures.Future[tuple[bytes, bool]]]],
        query: ContentQuery,
        tally: Tally[LineMatch],
    ) -> bool:
        entry, relative, future = pending.popleft()
        while not future.done():
            tally.context.check()
            concurrent.futures.wait([future], timeout=WAIT_STEP)
        try:
            data, capped = future.result()
        except Exception as exc:  # one file; a read's own timeout included
            tally.problem(exc, "read", entry.path, relative, self.backend.display(entry.path))
            return True
        tally.report(self.backend.display(entry.path))
        return search_data(data, capped, query, tally, entry.path, relative)
