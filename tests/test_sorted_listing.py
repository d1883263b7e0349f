"""Growing sorted snapshots of a folder, as the tree receives them."""

from __future__ import annotations

from pathlib import Path

from spyglass.fs.local_backend import LocalBackend
from spyglass.fs.sorted_listing import sorted_snapshots


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
