"""Growing sorted snapshots of a folder, as the tree receives them."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import fsspec
import pytest

from spyglass.fs.entry import Entry
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from spyglass.tree.sorted_listing import sorted_snapshots
from tests.support.breaking_backend import BreaksOff


def test_snapshots_grow_sorted_and_end_with_details(tmp_path: Path) -> None:
    for index in range(1_000):
        (tmp_path / f"file{index}.txt").write_bytes(b"x" * index)
    (tmp_path / "sub").mkdir()
    snapshots = list(sorted_snapshots(LocalBackend(), str(tmp_path), interval=0.0))
    assert [done for _, done in snapshots][-1] is True
    assert not any(done for _, done in snapshots[:-1])
    sizes = [len(entries) for entries, _ in snapshots]
    assert sizes == sorted(sizes) and sizes[-1] == 1_001
    final = snapshots[-1][0]
    assert [entry.name for entry in final[:3]] == ["sub", "file0.txt", "file1.txt"]
    assert final[-1].name == "file999.txt"
    assert final[-1].size == 999  # filled in after the names


def test_cancelled_listing_ends_without_a_final_snapshot(tmp_path: Path) -> None:
    for index in range(500):
        (tmp_path / f"f{index}").touch()
    snapshots = list(sorted_snapshots(LocalBackend(), str(tmp_path), cancelled=lambda: True))
    assert snapshots == []


def test_details_arrive_in_new_entries_and_earlier_snapshots_stay_as_posted(
    tmp_path: Path,
) -> None:
    for index in range(3_000):
        (tmp_path / f"f{index}").write_bytes(b"x" * (index % 5 + 1))
    snapshots = list(sorted_snapshots(LocalBackend(), str(tmp_path), interval=0.0))
    before, final = snapshots[-2][0], snapshots[-1][0]
    assert [entry.path for entry in before] == [entry.path for entry in final]
    assert all(entry.size is None for entry in before)  # what the tree was given is unchanged
    assert all(old is not new for old, new in zip(before, final, strict=True))
    assert [entry.size for entry in final[:3]] == [1, 2, 3]  # f0, f1, f2
    assert all(old.sort_key is new.sort_key for old, new in zip(before, final, strict=True))


def test_a_backend_without_names_first_has_no_details_pass() -> None:
    fs = fsspec.filesystem("memory")
    root = f"/sorted-{uuid.uuid4().hex}"
    for name in ("b.txt", "a.txt"):
        fs.pipe(f"{root}/{name}", b"x")
    try:
        snapshots = list(sorted_snapshots(FsspecBackend(fs, "memory"), root))
    finally:
        fs.rm(root, recursive=True)
    (first, first_done), (final, done) = snapshots
    assert not first_done and done
    assert [(entry.name, entry.size) for entry in first] == [("a.txt", 1), ("b.txt", 1)]
    assert final == first and all(a is b for a, b in zip(final, first, strict=True))


def test_a_listing_under_way_goes_on_with_its_first_batch(tmp_path: Path) -> None:
    for index in range(10):
        (tmp_path / f"f{index}").write_text("x")
    backend = LocalBackend()
    batches = backend.list_names_first(str(tmp_path))
    first = sorted(next(batches), key=lambda entry: entry.sort_key)
    snapshots = list(sorted_snapshots(backend, str(tmp_path), batches=batches, entries=first))
    final = snapshots[-1][0]
    assert [entry.name for entry in final] == [f"f{index}" for index in range(10)]
    assert all(entry.size == 1 for entry in final)


def test_entries_that_arrived_before_a_failure_are_all_kept(tmp_path: Path) -> None:
    for index in range(2_000):
        (tmp_path / f"item{index:04d}").touch()
    backend = BreaksOff()
    seen: list[list[Entry]] = []
    with pytest.raises(ConnectionResetError):
        for snapshot, _ in sorted_snapshots(backend, str(tmp_path), interval=3600):
            seen.append(snapshot)
    first, second = list(itertools.islice(LocalBackend().list_batches(str(tmp_path)), 2))
    assert len(seen[-1]) == len(first) + len(second)  # the second batch was not dropped
    assert [entry.sort_key for entry in seen[-1]] == sorted(entry.sort_key for entry in seen[-1])
