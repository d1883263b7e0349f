from __future__ import annotations

import io

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.errors import SpyglassError
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.range_file import BudgetExceeded, RangeFile
from spyglass.fs.range_stream import RangeStream
from tests.support.counting_backend import CountingBackend

DATA = bytes(range(256)) * 1024  # 256 KiB


@pytest.fixture
def backend(memory_fs: MemoryFileSystem) -> CountingBackend:
    memory_fs.pipe_file("/range/data.bin", DATA)
    return CountingBackend(FsspecBackend(memory_fs, "memory"))


def test_reads_any_range_like_a_file(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA), block_size=4096)
    handle.seek(10_000)
    assert handle.read(50) == DATA[10_000:10_050]
    handle.seek(-100, io.SEEK_END)
    assert handle.read() == DATA[-100:]
    assert handle.tell() == len(DATA)
    assert handle.read(10) == b""


def test_cached_blocks_are_not_read_twice(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA), block_size=4096)
    handle.seek(0)
    handle.read(100)
    handle.seek(50)
    handle.read(100)
    assert len(backend.reads) == 1
    assert handle.bytes_fetched == 4096


def test_head_serves_the_first_blocks(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA), block_size=4096, head=DATA[:8192])
    assert handle.read(8000) == DATA[:8000]
    assert len(backend.reads) == 0


def test_limit_stops_reading_past_the_budget(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA), block_size=4096, limit=10_000)
    handle.read(8000)
    with pytest.raises(BudgetExceeded):
        handle.read(8000)
    assert backend.bytes_read <= 10_000


def test_short_read_is_reported_as_truncation(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA) + 5000, block_size=4096)
    handle.seek(len(DATA) - 10)
    with pytest.raises(SpyglassError, match="ended early"):
        handle.read(100)


def test_readinto_works_for_buffered_readers(backend: CountingBackend) -> None:
    handle = RangeFile(backend, "/range/data.bin", len(DATA))
    reader = io.BufferedReader(handle)
    assert reader.read(300) == DATA[:300]


def test_stream_reads_on_demand_and_stops_at_limit(backend: CountingBackend) -> None:
    stream = RangeStream(
        backend, "/range/data.bin", head=DATA[:1000], limit=20_000, chunk_size=4096
    )
    data = stream.read()
    assert data == DATA[:20_000]
    assert stream.cut
    assert backend.bytes_read == 19_000


def test_stream_ends_at_end_of_file(backend: CountingBackend) -> None:
    stream = RangeStream(backend, "/range/data.bin", chunk_size=100_000)
    assert stream.read() == DATA
    assert not stream.cut
