"""The two kinds of searcher a search job chooses from by the backend's capabilities."""

from __future__ import annotations

from typing import Protocol

from spyglass.jobs.context import JobContext
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem


class NameSearcher(Protocol):
    how: str  # said to the user: "find on the server", "walked over SFTP", ...

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None: ...


class ContentSearcher(Protocol):
    how: str  # "grep on the server", "rg", "read each file"

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None: ...
