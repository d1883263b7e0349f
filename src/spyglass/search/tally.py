"""The counters every searcher keeps, its results, its limit and its progress line."""

from __future__ import annotations

from typing import Generic, TypeVar

from spyglass.errors import describe
from spyglass.format import human_size
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.search.results import SearchProblem

R = TypeVar("R")


class Tally(Generic[R]):
    """Emits a searcher's results and problems and reports its counts.

    `visited` counts entries (a name search) or files (a content search);
    `skipped` counts what could not be searched or was left out (problems,
    binary files). `match` says False once the limit is reached: stop there.
    """

    def __init__(self, context: JobContext[R | SearchProblem], how: str, limit: int | None):
        self.context = context
        self.how = how
        self.limit = limit
        self.visited = 0
        self.matched = 0
        self.skipped = 0
        self.byte_count = 0
        self.binary = 0  # files skipped as binary
        self.capped = 0  # files read only up to the size cap
        self.cap: int | None = None  # the size cap, for the summary of a content search
        self.problems = 0
        self.last_problem: str | None = None

    @property
    def full(self) -> bool:
        return self.limit is not None and self.matched >= self.limit

    def match(self, result: R) -> bool:
        """Emit one match; False when that was the last the limit allows."""
        self.matched += 1
        self.context.emit(result)
        return not self.full

    def problem(self, exc: BaseException, what: str, path: str, relative: str, shown: str) -> None:
        """A folder or file that could not be searched: emitted and counted, the search goes on."""
        sentence = describe(exc, what, safe_name(shown))
        self.problems += 1
        self.skipped += 1
        self.last_problem = sentence
        self.context.emit(SearchProblem(path, relative, sentence))

    def report(self, where: str) -> None:
        """Progress while searching `where` (a path as shown, made safe here)."""
        self.context.progress(self._progress(f"{self.how}: searching {safe_name(where)}"))

    def finish(self) -> None:
        """The last progress: what was searched and what was left out."""
        self.context.progress(self._progress(self.summary()))

    def summary(self) -> str:
        parts = [self.how]
        if self.binary:
            parts.append(f"{self.binary:,} binary {_files(self.binary)} skipped")
        if self.capped and self.cap is not None:
            parts.append(
                f"{self.capped:,} {_files(self.capped)} read only up to {human_size(self.cap)}"
            )
        if self.problems:
            parts.append(f"{self.problems:,} could not be searched")
        if self.full:
            parts.append(f"stopped at the limit of {self.limit:,} matches")
        return "; ".join(parts)

    def _progress(self, text: str) -> Progress:
        return Progress(
            visited=self.visited,
            matched=self.matched,
            skipped=self.skipped,
            byte_count=self.byte_count,
            text=text,
            error=self.last_problem,
        )


def _files(count: int) -> str:
    return "file" if count == 1 else "files"
