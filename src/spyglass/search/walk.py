"""A walk over any backend's folder listings: SFTP without exec, HTTP, GitHub, archives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.search.tally import Tally


def walk_backend(
    backend: Backend,
    root: str,
    *,
    hidden: bool,
    max_depth: int | None,
    tally: Tally[Any],
    count_entries: bool = True,
) -> Iterator[tuple[Entry, str]]:
    """(entry, relative path) for every entry under `root`, one listing call per folder.

    Names and kinds are all a search needs, so backends that can list them
    first do. Links are not followed. A folder that cannot be listed (or whose
    listing breaks off) is a problem in `tally` and the walk goes on with what
    it did list; a root that cannot be listed at all raises.
    """
    context = tally.context
    listing = backend.list_names_first if backend.capabilities.names_first else backend.list_batches
    stack: list[tuple[str, str, int]] = [(root, "", 1)]
    while stack:
        folder, prefix, depth = stack.pop()
        context.check()
        tally.report(backend.display(folder))
        descend = max_depth is None or depth < max_depth
        listed = False
        try:
            for batch in listing(folder):
                context.check()
                for entry in batch:
                    if entry.is_hidden and not hidden:
                        continue
                    tally.visited += count_entries
                    listed = True
                    relative = prefix + entry.name
                    if descend and entry.is_folder and entry.link_target is None:
                        stack.append((entry.path, relative + "/", depth + 1))
                    yield entry, relative
        except Exception as exc:  # one folder; JobCancelled is not an Exception
            if not prefix and not listed:
                raise  # the folder asked for: the search fails with its sentence
            tally.problem(exc, "search", folder, prefix.rstrip("/"), backend.display(folder))
