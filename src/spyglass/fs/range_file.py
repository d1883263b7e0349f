"""A read-only, seekable file over `Backend.read_range`, for formats that need random access.

Parquet footers, zip directories and Arrow IPC files are read from the end or
in jumps; this object turns those reads into cached range reads and counts the
bytes fetched, so a preview can stop when it has read its budget.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import TYPE_CHECKING

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Backend

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

BLOCK_SIZE = 64 * 1024
MAX_BLOCKS = 256


class RangeFile(io.RawIOBase):
    """Reads whole blocks through a small LRU cache; never more than `limit` bytes in all."""

    def __init__(
        self,
        backend: Backend,
        path: str,
        size: int,
        *,
        limit: int | None = None,
        block_size: int = BLOCK_SIZE,
        head: bytes = b"",
    ) -> None:
        super().__init__()
        self.backend = backend
        self.path = path
        self.size = size
        self.limit = limit
        self.block_size = block_size
        self.bytes_fetched = 0
        self._position = 0
        self._blocks: OrderedDict[int, bytes] = OrderedDict()
        # The head the loader already read serves the first blocks for free.
        for index in range(len(head) // block_size):
            self._blocks[index] = head[index * block_size : (index + 1) * block_size]
        if head and len(head) >= size:
            last = len(head) // block_size
            self._blocks[last] = head[last * block_size : size]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            position = offset
        elif whence == io.SEEK_CUR:
            position = self._position + offset
        elif whence == io.SEEK_END:
            position = self.size + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if position < 0:
            raise OSError("negative seek position")
        self._position = position
        return position

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._read_at(self._position, len(view))
        view[: len(data)] = data
        self._position += len(data)
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = max(0, self.size - self._position)
        data = self._read_at(self._position, size)
        self._position += len(data)
        return data

    def readall(self) -> bytes:
        return self.read(-1)

    def _read_at(self, start: int, length: int) -> bytes:
        end = min(start + length, self.size)
        if end <= start:
            return b""
        first, last = start // self.block_size, (end - 1) // self.block_size
        missing = [index for index in range(first, last + 1) if index not in self._blocks]
        if missing:
            self._fetch(missing[0], missing[-1])
        pieces = [self._block(index) for index in range(first, last + 1)]
        data = b"".join(pieces)
        offset = start - first * self.block_size
        return data[offset : offset + end - start]

    def _block(self, index: int) -> bytes:
        block = self._blocks[index]
        self._blocks.move_to_end(index)
        return block

    def _fetch(self, first: int, last: int) -> None:
        """One range read for a run of blocks: fewer round trips on remote stores."""
        start = first * self.block_size
        end = min((last + 1) * self.block_size, self.size)
        if self.limit is not None and self.bytes_fetched + (end - start) > self.limit:
            raise BudgetExceeded(self.limit)
        data = self.backend.read_range(self.path, start, end - start)
        self.bytes_fetched += len(data)
        if len(data) < end - start:
            raise SpyglassError("the file ended early: it was truncated or changed while reading")
        for index in range(first, last + 1):
            offset = (index - first) * self.block_size
            self._blocks[index] = data[offset : offset + self.block_size]
            self._blocks.move_to_end(index)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)


class BudgetExceeded(SpyglassError):
    """Reading on would pass the byte budget of the preview."""

    def __init__(self, limit: int) -> None:
        from spyglass.format import human_size

        super().__init__(f"showing it would read more than the {human_size(limit)} budget")
        self.limit = limit
