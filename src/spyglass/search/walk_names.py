"""Name search by walking any backend's listings, names matched batch by batch."""

from __future__ import annotations

from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem
from spyglass.search.tally import Tally
from spyglass.search.walk import walk_backend


@dataclass
class WalkNameSearcher:
    backend: Backend
    how: str = "walked the folders"

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None:
        tally: Tally[NameMatch] = Tally(context, self.how, query.limit)
        try:
            for entry, relative in walk_backend(
                self.backend, root, hidden=query.hidden, max_depth=query.max_depth, tally=tally
            ):
                wanted = query.wants(entry.is_folder) and query.matches(entry.name)
                if wanted and not tally.match(NameMatch(entry.path, relative, entry.is_folder)):
                    return
        finally:
            tally.finish()
