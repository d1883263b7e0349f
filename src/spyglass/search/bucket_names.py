"""Name search over an object store: one recursive listing, names matched page by page."""

from __future__ import annotations

from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.bucket_walk import walk_bucket
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem
from spyglass.search.tally import Tally


@dataclass
class BucketNameSearcher:
    backend: Backend
    how: str = "listed the bucket"

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None:
        tally: Tally[NameMatch] = Tally(context, self.how, query.limit)
        try:
            for entry, relative in walk_bucket(
                self.backend, root, hidden=query.hidden, max_depth=query.max_depth, tally=tally
            ):
                wanted = query.wants(entry.is_folder) and query.matches(entry.name)
                if wanted and not tally.match(NameMatch(entry.path, relative, entry.is_folder)):
                    return
        finally:
            tally.finish()
