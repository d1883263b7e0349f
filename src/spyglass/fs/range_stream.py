"""A forward-only byte stream over `Backend.read_range`, for row formats read from the start.

CSV and JSON Lines previews pull bytes only as the parser asks for them, so a
preview of the first rows of a 1 GB file reads about what those rows take.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from spyglass.fs.backend import Backend

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

CHUNK_SIZE = 64 * 1024


class RangeStream(io.RawIOBase):
    """Stops at the end of the file or at `limit` bytes; `cut` tells which."""

    def __init__(
        self,
        backend: Backend,
        path: str,
        *,
        head: bytes = b"",
        head_complete: bool = False,
        limit: int | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.path = path
        self.limit = limit
        self.chunk_size = chunk_size
        self.bytes_fetched = 0
        self.cut = False
        self._buffer = head
        self._offset = len(head)  # next file offset to fetch
        self._eof = head_complete
        self._consumed = 0

    def readable(self) -> bool:
        return True

    @property
    def position(self) -> int:
        """Bytes handed to the reader so far."""
        return self._consumed

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if not self._buffer and not self._fill():
            return 0
        count = min(len(view), len(self._buffer))
        view[:count] = self._buffer[:count]
        self._buffer = self._buffer[count:]
        self._consumed += count
        return count

    def _fill(self) -> bool:
        if self._eof:
            return False
        want = self.chunk_size
        if self.limit is not None:
            want = min(want, self.limit - self._offset)
            if want <= 0:
                self.cut = True
                self._eof = True
                return False
        data = self.backend.read_range(self.path, self._offset, want)
        self.bytes_fetched += len(data)
        self._offset += len(data)
        if len(data) < want:
            self._eof = True
        self._buffer = data
        return bool(data)
