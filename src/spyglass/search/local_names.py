"""Name search on local disk: the fast walk, each name matched as it comes."""

from __future__ import annotations

from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.local_walk import is_folder_link, walk_local
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem
from spyglass.search.tally import Tally


@dataclass
class LocalNameSearcher:
    backend: Backend
    how: str = "walked the folder"

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None:
        tally: Tally[NameMatch] = Tally(context, self.how, query.limit)
        matches = query.matches
        kind = query.kind
        try:
            for item, prefix, is_dir in walk_local(
                root,
                hidden=query.hidden,
                max_depth=query.max_depth,
                tally=tally,
                display=self.backend.display,
            ):
                if not matches(item.name):
                    continue
                is_folder = is_dir or is_folder_link(item)
                if kind != "any" and (kind == "folder") is not is_folder:
                    continue
                if not tally.match(NameMatch(item.path, prefix + item.name, is_folder)):
                    return
        finally:
            tally.finish()
