"""A folder's snapshots as the tree receives them: rows so far keep their place, one sort."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import fsspec
import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.entry_columns import EntryColumns, without_hidden
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import SCAN_CHUNK, LocalBackend
from spyglass.tree.child_listing import HEAD, ChildListing
from spyglass.tree.local_listing import local_snapshots
from spyglass.tree.sorted_listing import batched_snapshots, sorted_snapshots
from tests.support.breaking_backend import BreaksOff


def by_sort_key(folder: Path) -> list[str]:
    """What the tree order must be: every entry's sort key, sorted the slow way."""
    entries = [entry for batch in LocalBackend().list_batches(str(folder)) for entry in batch]
    return [entry.name for entry in sorted(entries, key=lambda entry: entry.sort_key)]


def test_a_local_folder_comes_sorted_at_once_then_with_details(tmp_path: Path) -> None:
    for index in range(1_000):
        (tmp_path / f"file{index}.txt").write_bytes(b"x" * index)
    (tmp_path / "sub").mkdir()
    snapshots = list(sorted_snapshots(LocalBackend(), str(tmp_path), interval=0.0))
    assert [(shot.ordered, shot.done) for shot in snapshots] == [(True, False), (True, True)]
    names, final = snapshots[0].entries, snapshots[-1].entries
    assert [entry.name for entry in names] == [entry.name for entry in final]
    assert [entry.name for entry in final[:3]] == ["sub", "file0.txt", "file1.txt"]
    assert final[-1].name == "file999.txt"
    assert names[-1].size is None and final[-1].size == 999  # filled in after the names
    assert isinstance(final, EntryColumns)  # no Entry object per name is kept


def hostile_folder(folder: Path, count: int) -> None:
    """Names that sort differently by case, digits and kind, links, a fifo, bad bytes."""
    for index in range(count):
        (folder / (f"Item{index}.log" if index % 3 else f"item{index:05d}.LOG")).touch()
    (folder / "b-dir").mkdir()
    (folder / "to-dir").symlink_to(folder / "b-dir")
    (folder / "broken").symlink_to(folder / "nowhere")
    os.mkfifo(folder / "pipe")
    (folder / "new\nline").touch()
    (folder / ".hidden-file").touch()
    (folder / ".hidden-dir").mkdir()
    os.close(os.open(os.fsencode(folder) + b"/bad-\xff-bytes", os.O_CREAT | os.O_WRONLY, 0o644))


@pytest.mark.parametrize(
    ("limit", "count"),
    [(1_000_000, 400), (50, SCAN_CHUNK + 400)],  # past one scan chunk: the child really lists
    ids=["in-process", "child-process"],
)
def test_the_one_sort_gives_the_order_of_the_sort_keys(
    tmp_path: Path, limit: int, count: int
) -> None:
    hostile_folder(tmp_path, count)
    prefix = str(tmp_path) + "/"
    *head, ordered, done = list(local_snapshots(str(tmp_path), prefix, limit=limit))
    expected = by_sort_key(tmp_path)
    assert [entry.name for entry in ordered.entries] == expected
    # which names hide: worked out by the child when it sorted, here otherwise
    shown = [entry.name for entry in without_hidden(ordered.entries)]
    assert shown == [name for name in expected if not name.startswith(".")]
    if limit < count:  # the child sends both ends in order ahead of the whole sort
        [first] = head
        assert not first.ordered and not first.done
        assert [entry.name for entry in first.entries] == expected[:HEAD]
        assert {entry.name: entry.kind for entry in first.entries}["to-dir"] is Kind.FOLDER
        assert [entry.name for entry in first.tail] == expected[-HEAD:]
        assert first.between == len(expected) - 2 * HEAD
    else:
        assert head == []
    kinds = {entry.name: entry for entry in done.entries}
    assert kinds["to-dir"].kind is Kind.FOLDER and kinds["to-dir"].link_target is not None
    assert kinds["broken"].kind is Kind.SYMLINK and kinds["broken"].error
    assert kinds["pipe"].kind is Kind.FIFO
    assert os.path.exists(kinds[os.fsdecode(b"bad-\xff-bytes")].path)
    assert all(entry.mode is not None for entry in done.entries)


def test_a_cancelled_listing_ends_without_a_snapshot(tmp_path: Path) -> None:
    for index in range(500):
        (tmp_path / f"f{index}").touch()
    prefix = str(tmp_path) + "/"
    for limit in (1_000, 50):
        assert list(local_snapshots(str(tmp_path), prefix, lambda: True, limit=limit)) == []


def test_details_come_in_new_entries_and_what_was_posted_stays_as_it_was(
    tmp_path: Path,
) -> None:
    for index in range(3_000):
        (tmp_path / f"f{index}").write_bytes(b"x" * (index % 5 + 1))
    before, final = (
        snapshot.entries for snapshot in sorted_snapshots(LocalBackend(), str(tmp_path))
    )
    assert [entry.path for entry in before] == [entry.path for entry in final]
    assert all(entry.size is None for entry in before)  # what the tree was given is unchanged
    assert [entry.size for entry in final[:3]] == [1, 2, 3]  # f0, f1, f2


def memory_backend() -> FsspecBackend:
    return FsspecBackend(fsspec.filesystem("memory"), "memory")


def entries(*names: str) -> list[Entry]:
    return [Entry(name, f"/x/{name}", Kind.FILE) for name in names]


def test_rows_so_far_keep_their_place_until_the_folder_is_sorted_once() -> None:
    # Each batch sorts before the one before it: a merge would reshuffle the top rows.
    batches = iter([entries("m", "n"), entries("g", "h"), entries("a", "b")])
    snapshots = list(batched_snapshots(memory_backend(), "/x", batches=batches, interval=0.0))
    *partial, final = snapshots
    shown = [[entry.name for entry in snapshot.entries] for snapshot in partial]
    assert shown == [["m", "n"], ["m", "n", "g", "h"], ["m", "n", "g", "h", "a", "b"]]
    assert not any(snapshot.ordered for snapshot in partial)
    assert final.ordered and final.done
    assert [entry.name for entry in final.entries] == ["a", "b", "g", "h", "m", "n"]


def test_a_quick_listing_is_shown_sorted_first() -> None:
    fs = fsspec.filesystem("memory")
    root = f"/sorted-{uuid.uuid4().hex}"
    for name in ("b.txt", "a.txt"):
        fs.pipe(f"{root}/{name}", b"x")
    try:
        snapshots = list(sorted_snapshots(FsspecBackend(fs, "memory"), root))
    finally:
        fs.rm(root, recursive=True)
    [final] = snapshots  # no half-way snapshot, no details pass
    assert final.ordered and final.done
    assert [(entry.name, entry.size) for entry in final.entries] == [("a.txt", 1), ("b.txt", 1)]


def test_entries_that_arrived_before_a_failure_are_all_kept_sorted(tmp_path: Path) -> None:
    for index in range(2_000):
        (tmp_path / f"item{index:04d}").touch()
    seen: list[list[str]] = []
    with pytest.raises(ConnectionResetError):
        for snapshot in sorted_snapshots(BreaksOff(), str(tmp_path), interval=3600):
            seen.append([entry.sort_key for entry in snapshot.entries])
    batches = LocalBackend().list_batches(str(tmp_path))
    first, second = next(batches), next(batches)
    assert len(seen[-1]) == len(first) + len(second)  # the second batch was not dropped
    assert seen[-1] == sorted(seen[-1])


def test_the_child_hands_back_the_owners_of_what_it_stat_ed(tmp_path: Path) -> None:
    for index in range(60):
        (tmp_path / f"f{index}").touch()
    if os.geteuid() == 0:  # another owner for some, where this user may give one
        for index in range(0, 60, 7):
            os.chown(tmp_path / f"f{index}", 4321, 4322)
    listing = ChildListing(str(tmp_path), str(tmp_path) + "/")
    try:
        assert listing.ends(lambda: False) is not None
        assert listing.names(lambda: False) is not None
        answer = listing.details(lambda: False)
    finally:
        listing.close()
    assert answer is not None
    details, owners = answer
    stats = [os.lstat(tmp_path / f"f{index}") for index in range(60)]
    assert owners == {(info.st_uid, info.st_gid) for info in stats}
    assert sorted(details.sizes) == [0] * 60
