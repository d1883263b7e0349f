"""Search on the server over SSH: find for names, rg or grep for contents, streamed as found.

The programs run on the host over the backend's own SSH connection
(`Backend.run`), so nothing crosses the network but the matches. Their
output is parsed as it arrives; what they could not read is reported as
problems and the search goes on. Cancelling (or reaching the limit) closes
the channel, which ends the remote program.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.fs.backend import Backend, CommandFailed, ExecRefused
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem
from spyglass.search.server_commands import (
    ServerTools,
    find_names,
    grep_lines,
    printed_prefix,
    rg_lines,
    start_point,
)
from spyglass.search.server_output import DoubledFolders, Found, KindedNames, NulLines, decode
from spyglass.search.server_problems import problem_from
from spyglass.search.server_tools import known_tools, tools_of

TIMEOUT = 20.0  # seconds to start a command on the server
MAX_TEXT = 1_000  # characters of a matching line kept
MAX_SPANS = 64
_KEPT = 5  # stderr lines that explain a failure
# sshd's own notice before the command runs (a user whose home is gone): not the program's
_SSHD_NOTICES = ("Could not chdir to home directory",)

R = TypeVar("R", NameMatch, LineMatch)


class _RemoteSearch(Generic[R]):
    """One search command on the server: its output, its problems, its counters."""

    def __init__(
        self, backend: Backend, root: str, how: str, context: JobContext[R | SearchProblem]
    ) -> None:
        self.backend = backend
        self.root = root
        self.how = how
        self.context: JobContext[R | SearchProblem] = context
        self.shown = safe_name(backend.display(root))
        self.visited = self.matched = self.skipped = self.received = 0
        self.note = ""
        self.error: str | None = None
        self._problems: list[SearchProblem] = []
        self._unexplained: list[str] = []

    def _stderr(self, line: str) -> None:
        problem = problem_from(line, self.root, self.backend)
        if problem is not None:
            self._problems.append(problem)
        elif line.strip() and not line.startswith(_SSHD_NOTICES):
            self._unexplained = [*self._unexplained[-(_KEPT - 1) :], line]

    def report(self) -> None:
        text = f"{self.how}: {self.shown}" + (f" ({self.note})" if self.note else "")
        self.context.progress(
            Progress(
                visited=self.visited,
                matched=self.matched,
                skipped=self.skipped,
                byte_count=self.received,
                text=text,
                error=self.error,
            )
        )

    def _emit_problems(self) -> None:
        problems, self._problems = self._problems, []
        for problem in problems:
            self.skipped += 1
            self.error = problem.sentence
            self.context.emit(problem)

    def emit(self, result: R) -> None:
        self.matched += 1
        self.context.emit(result)

    def run(self, argv: list[str], timeout: float, on_chunk: Callable[[bytes], bool]) -> bool:
        """Feed the output to `on_chunk` until it says stop; True if the command ran to its end."""
        chunks = self.backend.run(argv, timeout=timeout, on_stderr=self._stderr)
        try:
            for chunk in chunks:
                self.received += len(chunk)
                self._emit_problems()
                if chunk and not on_chunk(chunk):
                    return False
                self.report()
                self.context.check()
        except CommandFailed as exc:
            self._failed(exc)
        finally:
            chunks.close()  # ends the remote program if it is still running
        self._emit_problems()
        return True

    def _failed(self, exc: CommandFailed) -> None:
        nothing_yet = not self.matched and not self.skipped
        if exc.status == 127 and nothing_yet:
            raise ExecRefused(str(exc)) from exc
        if exc.status in (1, 2) and not self._unexplained:
            return  # nothing matched, or only what was reported as problems
        said = "; ".join(safe_name(line.strip()) for line in self._unexplained) or str(exc)
        raise SpyglassError(f"{self.how} failed: {said}") from exc

    def limit_reached(self, limit: int | None) -> bool:
        if limit is None or self.matched < limit:
            return False
        self.note = f"stopped at the limit of {limit:,} {'match' if limit == 1 else 'matches'}"
        return True


class ServerNameSearcher:
    """Names under a folder, found by `find` on the server."""

    how = "find on the server"

    def __init__(
        self, backend: Backend, *, timeout: float = TIMEOUT, tools: ServerTools | None = None
    ) -> None:
        self.backend = backend
        self.timeout = timeout
        self.tools = tools  # what the server's programs can do, when already known

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None:
        query.matches("")  # a bad regex fails here, before anything runs on the server
        tools = self.tools or tools_of(self.backend, self.timeout)
        if tools.find_printf:
            parser: KindedNames | DoubledFolders = KindedNames()
        else:
            kind = None if query.kind == "any" else query.kind == "folder"
            parser = DoubledFolders(printed_prefix(start_point(root)), kind=kind)
        search: _RemoteSearch[NameMatch] = _RemoteSearch(self.backend, root, self.how, context)

        def take(found: Iterator[Found]) -> bool:
            for entry in found:
                search.visited += 1
                if query.matches(entry.relative.rpartition("/")[2]):
                    path = self.backend.join(root, entry.relative)
                    search.emit(NameMatch(path, entry.relative, entry.is_folder))
                    if search.limit_reached(query.limit):
                        return False
            return True

        try:
            argv = find_names(root, query, tools)
            if search.run(argv, self.timeout, lambda data: take(parser.feed(data))):
                take(parser.end())
        finally:
            search.report()


def _span_finder(query: ContentQuery) -> Callable[[str], tuple[tuple[int, int], ...]]:
    """Where the pattern matches in a line, found again here (grep and rg print only lines).

    Python's regex dialect is close to rg's and grep -E's; where it differs or
    cannot compile the pattern, the line is shown without highlights.
    """
    flags = re.IGNORECASE if query.ignore_case else 0
    source = re.escape(query.pattern) if query.fixed else query.pattern
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # POSIX classes read as nested sets
            compiled = re.compile(source, flags)
    except re.error:
        return lambda text: ()

    def spans(text: str) -> tuple[tuple[int, int], ...]:
        found = (match.span() for match in compiled.finditer(text) if match.end() > match.start())
        return tuple(itertools.islice(found, MAX_SPANS))

    return spans


def _content_how(rg: bool) -> str:
    return "rg on the server" if rg else "grep on the server"


class ServerContentSearcher:
    """Lines under a folder, found by rg (when the server has it) or grep on the server.

    Binary files are skipped; files over the size cap are not searched.
    """

    def __init__(
        self, backend: Backend, *, timeout: float = TIMEOUT, tools: ServerTools | None = None
    ) -> None:
        self.backend = backend
        self.timeout = timeout
        self.tools = tools  # what the server's programs can do, when already known
        known = tools or known_tools(backend)
        self.how = _content_how(known is not None and known.rg)

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None:
        if "\0" in query.pattern:
            raise SpyglassError("a pattern cannot hold a NUL character")
        tools = self.tools or tools_of(self.backend, self.timeout)
        self.how = _content_how(tools.rg)
        argv = rg_lines(root, query) if tools.rg else grep_lines(root, query)
        search: _RemoteSearch[LineMatch] = _RemoteSearch(self.backend, root, self.how, context)
        search.note = f"files over {human_size(query.max_filesize)} not searched"
        prefix = printed_prefix(start_point(root))
        spans = _span_finder(query)
        lines = NulLines()

        def take(data: bytes) -> bool:
            for found in lines.feed(data):
                printed = decode(found.path)
                relative = printed[len(prefix) :] if printed.startswith(prefix) else printed
                text = decode(found.text)[:MAX_TEXT]
                path = self.backend.join(root, relative)
                search.emit(LineMatch(path, relative, found.line, text, spans(text)))
                if search.limit_reached(query.limit):
                    return False
            return True

        try:
            search.run(argv, self.timeout, take)
        finally:
            search.report()
