"""Name search over any walk of a backend: folder listings, or one bucket listing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.jobs.context import JobContext
from spyglass.search.bucket_walk import walk_bucket
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem
from spyglass.search.tally import Tally
from spyglass.search.walk import walk_backend

# (backend, root, hidden=, max_depth=, tally=) -> (entry, relative path) for each entry
Walk = Callable[..., Iterator[tuple[Entry, str]]]


@dataclass
class WalkNameSearcher:
    """Names matched batch by batch as `walk` yields them."""

    backend: Backend
    how: str = "walked the folders"
    walk: Walk = walk_backend

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None:
        tally: Tally[NameMatch] = Tally(context, self.how, query.limit)
        try:
            for entry, relative in self.walk(
                self.backend, root, hidden=query.hidden, max_depth=query.max_depth, tally=tally
            ):
                wanted = query.wants(entry.is_folder) and query.matches(entry.name)
                if wanted and not tally.match(NameMatch(entry.path, relative, entry.is_folder)):
                    return
        finally:
            tally.finish()


def bucket_name_searcher(backend: Backend) -> WalkNameSearcher:
    """An object store's names from one recursive listing, matched page by page."""
    return WalkNameSearcher(backend, "listed the bucket", walk_bucket)
