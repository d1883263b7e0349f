"""The shared test support does what the tests rely on."""

from __future__ import annotations

from pathlib import Path

from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.local_backend import LocalBackend
from tests.support.counting_backend import CountingBackend
from tests.support.memory_store import fresh_memory_store


def test_memory_store_is_empty_inside_and_given_back_after() -> None:
    outside = MemoryFileSystem()
    outside.pipe_file("/kept/a.txt", b"a")
    try:
        with fresh_memory_store() as fs:
            assert not fs.exists("/kept/a.txt")
            assert fs.ls("/") == []
            fs.pipe_file("/made/b.txt", b"b")
        assert outside.cat_file("/kept/a.txt") == b"a"
        assert not outside.exists("/made")
    finally:
        outside.rm("/kept", recursive=True)


def test_counting_backend_records_listings_and_reads(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(bytes(100))
    backend = CountingBackend(LocalBackend())
    list(backend.list_batches(str(tmp_path)))
    backend.read_range(str(tmp_path / "data.bin"), 10, 30)
    backend.read_range(str(tmp_path / "data.bin"), 90, 30)
    assert backend.listings == 1
    assert backend.reads == [(10, 30), (90, 10)]
    assert backend.bytes_read == 40
