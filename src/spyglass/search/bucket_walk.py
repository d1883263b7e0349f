"""Every object under a prefix from one recursive listing; folders from the keys' prefixes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.search.tally import Tally


def walk_bucket(
    backend: Backend,
    root: str,
    *,
    hidden: bool,
    max_depth: int | None,
    tally: Tally[Any],
    count_entries: bool = True,
) -> Iterator[tuple[Entry, str]]:
    """(entry, relative path) for each object and each folder its key implies, page by page.

    An object store has no folders, only keys with "/" in them: a folder is
    yielded once, before the first object under it (folder-marker objects are
    folders too). The first page of the listing is searched as soon as it comes.
    """
    context = tally.context
    own = root.strip("/")
    cut = len(own) + 1 if own else 0
    seen: set[str] = set()
    tally.report(backend.display(root))
    listed = False
    try:
        for page in backend.list_recursive(root):
            context.check()
            listed = listed or bool(page)
            yield from _page(
                backend, root, page, cut, hidden, max_depth, seen, tally, count_entries
            )
            tally.report(backend.display(root))
    except Exception as exc:  # the listing broke off: what came before stays
        if not listed:
            raise
        tally.problem(exc, "list", root, "", backend.display(root))


def _page(
    backend: Backend,
    root: str,
    page: list[Entry],
    cut: int,
    hidden: bool,
    max_depth: int | None,
    seen: set[str],
    tally: Tally[Any],
    count_entries: bool,
) -> Iterator[tuple[Entry, str]]:
    last_folder = ""
    for entry in page:
        relative = entry.path.strip("/")[cut:]
        if not relative:
            continue  # the prefix's own marker
        if not hidden and (relative[0] == "." or "/." in relative):
            continue
        folder, _, _ = relative.rpartition("/")
        if entry.kind is Kind.FOLDER:
            folder = relative
        if folder and folder != last_folder:
            last_folder = folder
            yield from _new_folders(backend, root, folder, seen, max_depth, tally, count_entries)
        if entry.kind is Kind.FOLDER:
            continue
        if max_depth is not None and relative.count("/") >= max_depth:
            continue
        tally.visited += count_entries
        yield entry, relative


def _new_folders(
    backend: Backend,
    root: str,
    folder: str,
    seen: set[str],
    max_depth: int | None,
    tally: Tally[Any],
    count_entries: bool,
) -> Iterator[tuple[Entry, str]]:
    """The folders of `folder`'s path not yielded yet, outermost first."""
    parts = folder.split("/")
    for depth in range(1, len(parts) + 1):
        if max_depth is not None and depth > max_depth:
            return
        relative = "/".join(parts[:depth])
        if relative in seen:
            continue
        seen.add(relative)
        tally.visited += count_entries
        yield Entry(parts[depth - 1], backend.join(root, relative), Kind.FOLDER), relative
