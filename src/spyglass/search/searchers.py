"""How a backend is searched, chosen by what it declares it can do.

In order of preference:

1. On the server, where the backend runs commands on its host
   (`capabilities.exec`): `find` / `grep` there, streamed back. Those
   searchers live in `spyglass.search.server_side` (`ServerNameSearcher(backend)`,
   `ServerContentSearcher(backend)`); `_server_side()` below is the one place
   they are looked up. A server that refuses to run commands makes them raise
   `ExecRefused` before they report anything, and the job then asks for
   `walking_name_searcher` / `walking_content_searcher` instead.
2. Local disk (`local_paths`): a fast `os.scandir` walk; contents with rg
   when it is on PATH (unless turned off), else Python's `re`.
3. An object store (`recursive_listing`): one listing of the whole prefix, page
   by page; contents by range reads of each object, a few at a time.
4. Anything else (SFTP without exec, HTTP listings, GitHub, archives): a walk
   over the folder listings; contents by one bounded range read per file.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Protocol

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.local_content import LocalContentSearcher
from spyglass.search.local_names import LocalNameSearcher
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem
from spyglass.search.rg_content import RgContentSearcher, find_rg
from spyglass.search.walk_content import WalkContentSearcher
from spyglass.search.walk_names import WalkNameSearcher, bucket_name_searcher


class NameSearcher(Protocol):
    # said to the user: "find on the server", "walked over SFTP", "listed the bucket", ...
    how: str

    def search_names(
        self, root: str, query: NameQuery, context: JobContext[NameMatch | SearchProblem]
    ) -> None: ...


class ContentSearcher(Protocol):
    how: str  # "grep on the server", "rg", "read each file"

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None: ...


SERVER_SIDE = "spyglass.search.server_side"


def _server_side() -> ModuleType | None:
    """The server-side searchers, where that module is installed; None until then."""
    try:
        return importlib.import_module(SERVER_SIDE)
    except ModuleNotFoundError as exc:
        if exc.name != SERVER_SIDE:
            raise  # the module is there but is broken: say so, do not hide it
        return None


def name_searcher_for(backend: Backend) -> NameSearcher:
    """The best way to search names on this backend (the server itself, where it runs commands)."""
    if backend.capabilities.exec:
        server_side = _server_side()
        if server_side is not None:
            searcher: NameSearcher = server_side.ServerNameSearcher(backend)
            return searcher
    return walking_name_searcher(backend)


def content_searcher_for(backend: Backend, *, use_rg: bool = True) -> ContentSearcher:
    """The best way to search contents on this backend; `use_rg=False` leaves rg out."""
    if backend.capabilities.exec:
        server_side = _server_side()
        if server_side is not None:
            searcher: ContentSearcher = server_side.ServerContentSearcher(backend)
            return searcher
    return walking_content_searcher(backend, use_rg=use_rg)


def walking_name_searcher(backend: Backend) -> NameSearcher:
    """Names without running anything on the host: the fallback when exec is refused."""
    if backend.capabilities.local_paths:
        return LocalNameSearcher(backend)
    if backend.capabilities.recursive_listing:
        return bucket_name_searcher(backend)
    return WalkNameSearcher(backend)


def walking_content_searcher(backend: Backend, *, use_rg: bool = True) -> ContentSearcher:
    """Contents without running anything on the host (rg is run here, on local disk)."""
    if backend.capabilities.local_paths:
        executable = find_rg() if use_rg else None
        if executable is not None:
            return RgContentSearcher(backend, executable)
        return LocalContentSearcher(backend)
    return WalkContentSearcher(backend)
