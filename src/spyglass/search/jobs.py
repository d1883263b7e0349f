"""Name and content searches as jobs: results stream, progress counts, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass

from spyglass.fs.backend import Backend, ExecRefused
from spyglass.jobs.context import JobContext
from spyglass.safe_text import safe_name
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem
from spyglass.search.searchers import (
    content_searcher_for,
    name_searcher_for,
    walking_content_searcher,
    walking_name_searcher,
)


@dataclass
class NameSearchJob:
    """Names under `root` that match; a server that will not run commands is walked instead."""

    backend: Backend
    root: str
    query: NameQuery

    @property
    def action(self) -> str:
        return f"search {safe_name(self.backend.display(self.root))}"

    def run(self, context: JobContext[NameMatch | SearchProblem]) -> None:
        searcher = name_searcher_for(self.backend)
        try:
            searcher.search_names(self.root, self.query, context)
        except ExecRefused:
            walking_name_searcher(self.backend).search_names(self.root, self.query, context)


@dataclass
class ContentSearchJob:
    """Lines of the files under `root` that match; `use_rg=False` keeps rg out of it."""

    backend: Backend
    root: str
    query: ContentQuery
    use_rg: bool = True

    @property
    def action(self) -> str:
        return f"search the files under {safe_name(self.backend.display(self.root))}"

    def run(self, context: JobContext[LineMatch | SearchProblem]) -> None:
        searcher = content_searcher_for(self.backend, use_rg=self.use_rg)
        try:
            searcher.search_content(self.root, self.query, context)
        except ExecRefused:
            fallback = walking_content_searcher(self.backend, use_rg=self.use_rg)
            fallback.search_content(self.root, self.query, context)
