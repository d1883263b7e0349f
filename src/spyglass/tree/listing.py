"""Which listing of each folder is current, and what its results do to the tree model.

Headless: a listing is a job (`ListingJob`, see `spyglass.jobs`) whose results
are whole sorted snapshots, the newest replacing the older. The tree widget
runs it in a worker and hands each result back to `ListingController.accept`
on the UI thread, which drops results of listings that were overtaken (a
refresh, a new root). A listing started during start-up (`Prefetch`) is
adopted the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.jobs.context import JobContext
from spyglass.safe_text import safe_name
from spyglass.tree.model import TreeModel
from spyglass.tree.prefetch import Prefetch
from spyglass.tree.sorted_listing import sorted_snapshots


class ListingRequest(NamedTuple):
    """One listing to run; `resume` goes on with the start-up listing instead."""

    backend: Backend
    path: str
    generation: int
    refresh: bool = False
    resume: Prefetch | None = None


class Listing(NamedTuple):
    """Entries of one folder so far (see `Snapshot`); `done` once details are in too."""

    path: str
    entries: Sequence[Entry]
    done: bool
    generation: int
    ordered: bool = True
    tail: Sequence[Entry] = ()  # the last entries of the final order, before `ordered`
    between: int = 0  # entries still to come between `entries` and `tail`


class ListingFailure(NamedTuple):
    path: str
    message: str
    generation: int


ListingResult = Listing | ListingFailure


def run_listing(
    request: ListingRequest, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[ListingResult]:
    """Sorted snapshots of a folder, then a failure sentence if the listing breaks. Blocks."""
    backend, path = request.backend, request.path
    try:
        if request.resume is not None:
            snapshots = request.resume.rest(cancelled)
        else:
            snapshots = sorted_snapshots(
                backend, path, refresh=request.refresh, cancelled=cancelled
            )
        for snapshot in snapshots:
            yield Listing(
                path,
                snapshot.entries,
                snapshot.done,
                request.generation,
                snapshot.ordered,
                snapshot.tail,
                snapshot.between,
            )
    except Exception as exc:  # every listing failure is shown in the tree
        message = describe(exc, "list", safe_name(backend.display(path)))
        yield ListingFailure(path, message, request.generation)


class ListingJob:
    """A listing as a job: `sorted_snapshots` paces the snapshots, so run it with interval 0."""

    def __init__(self, request: ListingRequest) -> None:
        self.request = request

    @property
    def action(self) -> str:
        return f"list {safe_name(self.request.backend.display(self.request.path))}"

    def run(self, context: JobContext[ListingResult]) -> None:
        for result in run_listing(self.request, cancelled=lambda: context.cancelled):
            context.emit_latest(result)


class ListingController:
    def __init__(self, backend: Backend | None, model: TreeModel) -> None:
        self.backend = backend
        self.model = model
        # One counter for every folder and root: a result from before a new root never matches.
        self._generations = itertools.count(1)
        self._current: dict[str, int] = {}

    def reset(self, backend: Backend | None, model: TreeModel) -> None:
        """A new root: results of the listings under way no longer count."""
        self.backend = backend
        self.model = model
        self._current.clear()

    def request(self, path: str, *, refresh: bool = False) -> ListingRequest | None:
        """Start listing a folder; None when there is nothing to list from."""
        if self.backend is None:
            return None
        generation = self._next(path)
        self.model.start_loading(path)
        return ListingRequest(self.backend, path, generation, refresh)

    def adopt(self, prefetch: Prefetch) -> ListingRequest | None:
        """Put the start-up listing's first batch in the model; the rest, if any, to run."""
        path = prefetch.path
        generation = self._next(path)
        if prefetch.error is not None:
            shown = safe_name(prefetch.backend.display(path))
            self.model.set_error(path, describe(prefetch.error, "list", shown))
            return None
        first = prefetch.first
        if first is None:
            self.model.set_entries(path, [], done=True)
            return None
        self.model.set_entries(
            path,
            first.entries,
            done=first.done,
            ordered=first.ordered,
            tail=first.tail,
            between=first.between,
        )
        if first.done:
            return None
        return ListingRequest(prefetch.backend, path, generation, resume=prefetch)

    def accept(self, result: ListingResult) -> bool:
        """Apply a result to the model; False for one from an overtaken listing."""
        if self._current.get(result.path) != result.generation:
            return False
        if isinstance(result, ListingFailure):
            self.model.set_error(result.path, result.message)
        else:
            self.model.set_entries(
                result.path,
                result.entries,
                done=result.done,
                ordered=result.ordered,
                tail=result.tail,
                between=result.between,
            )
        return True

    def _next(self, path: str) -> int:
        generation = next(self._generations)
        self._current[path] = generation
        return generation
