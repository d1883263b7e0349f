"""The headless listing controller: which results count, and what they do to the model."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import SCAN_CHUNK, LocalBackend
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.tree.child_listing import HEAD
from spyglass.tree.listing import (
    Listing,
    ListingController,
    ListingFailure,
    ListingJob,
    ListingRequest,
    run_listing,
)
from spyglass.tree.local_listing import local_snapshots
from spyglass.tree.model import RowKind, TreeModel
from spyglass.tree.prefetch import Prefetch
from spyglass.tree.sorted_listing import batched_snapshots


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("b.txt", "a.txt", "c10.txt", "c9.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "sub").mkdir()
    return tmp_path


def controller_for(folder: Path) -> tuple[ListingController, TreeModel]:
    model = TreeModel(Entry(folder.name, str(folder), Kind.FOLDER))
    return ListingController(LocalBackend(), model), model


def run_all(request: ListingRequest) -> list[Listing | ListingFailure]:
    return list(run_listing(request))


def names(model: TreeModel) -> list[str]:
    return [row.entry.name for row in model.rows[1:] if row.kind is RowKind.ENTRY]


def test_a_listing_ends_sorted_and_done(folder: Path) -> None:
    controller, model = controller_for(folder)
    request = controller.request(str(folder))
    assert request is not None
    results = run_all(request)
    final = results[-1]
    assert isinstance(final, Listing) and final.done
    for result in results:
        assert controller.accept(result)
    model.rebuild()
    assert names(model) == ["sub", "a.txt", "b.txt", "c9.txt", "c10.txt"]
    assert final.entries[-1].size == len("c10.txt")  # details arrive with the last snapshot


def test_a_result_from_before_a_refresh_is_dropped(folder: Path) -> None:
    controller, _ = controller_for(folder)
    old = controller.request(str(folder))
    new = controller.request(str(folder), refresh=True)
    assert old is not None and new is not None
    assert not any(controller.accept(result) for result in run_all(old))
    assert all(controller.accept(result) for result in run_all(new))


def test_a_result_from_before_a_new_root_is_dropped(folder: Path) -> None:
    controller, _ = controller_for(folder)
    old = controller.request(str(folder))
    assert old is not None
    model = TreeModel(Entry(folder.name, str(folder), Kind.FOLDER))
    controller.reset(LocalBackend(), model)
    new = controller.request(str(folder))
    assert new is not None and new.generation != old.generation
    assert not any(controller.accept(result) for result in run_all(old))
    assert all(controller.accept(result) for result in run_all(new))
    assert model.folders[str(folder)].loading is False


def test_a_failed_listing_is_a_sentence_in_the_model(tmp_path: Path) -> None:
    controller, model = controller_for(tmp_path)
    missing = str(tmp_path / "gone")
    request = controller.request(missing)
    assert request is not None
    results = run_all(request)
    assert len(results) == 1 and isinstance(results[0], ListingFailure)
    assert controller.accept(results[0])
    error = model.folders[missing].error
    assert error is not None and "gone" in error


def test_a_cancelled_listing_stops_early(folder: Path) -> None:
    controller, _ = controller_for(folder)
    request = controller.request(str(folder))
    assert request is not None
    assert list(run_listing(request, cancelled=lambda: True)) == []


def test_nothing_is_listed_without_a_backend(folder: Path) -> None:
    model = TreeModel(Entry(folder.name, str(folder), Kind.FOLDER))
    assert ListingController(None, model).request(str(folder)) is None


def test_the_start_up_listing_is_adopted_and_finished_by_one_listing(folder: Path) -> None:
    for index in range(500):  # more than the first batch
        (folder / f"many{index}.log").write_text("")
    prefetch = Prefetch(LocalBackend(), str(folder))
    assert prefetch.take(timeout=10)
    controller, model = controller_for(folder)
    rest = controller.adopt(prefetch)
    assert rest is not None and rest.resume is prefetch
    assert model.folders[str(folder)].loading
    for result in run_all(rest):
        assert controller.accept(result)
    state = model.folders[str(folder)]
    assert not state.loading and len(state.entries) == 505


def test_a_failed_start_up_listing_is_shown(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone")
    prefetch = Prefetch(LocalBackend(), missing)
    assert prefetch.take(timeout=10)
    model = TreeModel(Entry("gone", missing, Kind.FOLDER))
    controller = ListingController(LocalBackend(), model)
    assert controller.adopt(prefetch) is None
    assert model.folders[missing].error is not None


def test_a_listing_runs_as_a_job_and_its_last_update_is_the_whole_sorted_folder(
    folder: Path,
) -> None:
    controller, _ = controller_for(folder)
    request = controller.request(str(folder))
    assert request is not None
    updates: list[JobUpdate[Listing | ListingFailure]] = []
    final = run_job(ListingJob(request), updates.append, interval=0)
    assert final.state is JobState.FINISHED and final is updates[-1]
    results = [result for update in updates for result in update.results]
    assert all(controller.accept(result) for result in results)
    last = results[-1]
    assert isinstance(last, Listing) and last.done
    assert [entry.name for entry in last.entries] == ["sub", "a.txt", "b.txt", "c9.txt", "c10.txt"]
    assert ListingJob(request).action == f"list {folder}"


class LastPageFirst(FsspecBackend):
    """Sends a folder in pages of 10, the last page first: each page sorts before the one
    before it, as a server that answers in its own order does."""

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        entries = [entry for batch in super().list_batches(path) for entry in batch]
        pages = [entries[start : start + 10] for start in range(0, len(entries), 10)]
        for page in reversed(pages):
            time.sleep(0.01)  # so the snapshots in between are due
            yield page


def test_rows_on_screen_keep_their_order_and_the_cursor_its_entry_while_a_folder_loads() -> None:
    fs = fsspec.filesystem("memory")
    root = f"/pages-{uuid.uuid4().hex}"
    for index in range(50):
        fs.pipe(f"{root}/file{index:02d}", b"x")
    model = TreeModel(Entry("pages", root, Kind.FOLDER))
    controller = ListingController(LastPageFirst(fs, "memory"), model)
    request = controller.request(root)
    assert request is not None
    try:
        results = [
            Listing(root, snapshot.entries, snapshot.done, request.generation, snapshot.ordered)
            for snapshot in batched_snapshots(
                request.backend, root, interval=0.0, cancelled=lambda: False
            )
        ]
    finally:
        fs.rm(root, recursive=True)
    *partial, final = results
    assert len(partial) >= 3 and not any(result.ordered for result in partial)
    cursor, on_screen = 0, list[str]()
    cursor_entry: Entry | None = None
    for result in partial:
        assert controller.accept(result)
        model.rebuild()
        if cursor_entry is None:  # the user moves onto the third row of the first page
            cursor = 3
            cursor_entry = model.rows[cursor].entry
            on_screen = names(model)
        else:  # as the tree widget keeps its cursor: by the entry's path and key
            found = model.index_of(cursor_entry.path, cursor, cursor_entry.sort_key)
            assert found == cursor  # the cursor's row did not move
        assert names(model)[: len(on_screen)] == on_screen  # nor did any row on screen
        assert model.rows[len(model.rows) - 1].message.startswith("loading…")
    assert controller.accept(final)
    model.rebuild()
    assert names(model) == [f"file{index:02d}" for index in range(50)]
    assert cursor_entry is not None
    found = model.index_of(cursor_entry.path, cursor, cursor_entry.sort_key)
    assert found is not None and model.rows[found].entry.path == cursor_entry.path
    assert all(row.kind is RowKind.ENTRY for row in model.rows)  # no longer loading


def test_the_ends_of_a_huge_local_folder_keep_their_rows_when_the_rest_comes(
    tmp_path: Path,
) -> None:
    """The child sends both ends of the order ahead of the whole sort: no row moves after."""
    count = SCAN_CHUNK + 500
    for index in reversed(range(count)):
        (tmp_path / f"item-{index}.log").touch()
    (tmp_path / "Zeta").mkdir()  # a folder sorts first whatever its name
    root = str(tmp_path)
    model = TreeModel(Entry(tmp_path.name, root, Kind.FOLDER))
    controller = ListingController(LocalBackend(), model)
    request = controller.request(root)
    assert request is not None
    results = [
        Listing(
            root,
            snapshot.entries,
            snapshot.done,
            request.generation,
            snapshot.ordered,
            snapshot.tail,
            snapshot.between,
        )
        for snapshot in local_snapshots(root, root + "/", limit=50)
    ]
    ends, *rest = results
    assert not ends.ordered and len(ends.entries) == HEAD and len(ends.tail) == HEAD
    assert controller.accept(ends)
    model.rebuild()
    on_screen = names(model)
    assert on_screen[:3] == ["Zeta", "item-0.log", "item-1.log"]
    between = model.rows[HEAD + 1]
    assert between.kind is RowKind.LOADING
    assert between.message == f"loading… {count + 1 - 2 * HEAD:,} more entries"
    last = len(model.rows) - 1
    assert model.rows[last].entry.name == f"item-{count - 1}.log"  # End shows the real end
    tail = on_screen[HEAD:]
    head_cursor, tail_cursor = 40, last - 5
    head_entry, tail_entry = model.rows[head_cursor].entry, model.rows[tail_cursor].entry
    for result in rest:
        assert controller.accept(result)
        model.rebuild()
        assert names(model)[: len(on_screen[:HEAD])] == on_screen[:HEAD]
        assert names(model)[-len(tail) :] == tail
        assert model.index_of(head_entry.path, head_cursor, head_entry.sort_key) == head_cursor
        # the same rows around the entry: the tree keeps it on its screen line
        moved = model.index_of(tail_entry.path, tail_cursor, tail_entry.sort_key)
        assert moved == len(model.rows) - 6
    assert names(model)[-1] == f"item-{count - 1}.log" and len(names(model)) == count + 1
    assert all(row.kind is RowKind.ENTRY for row in model.rows)
