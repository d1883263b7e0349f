"""What find, grep and rg print on the server, parsed as it arrives in chunks of any size.

Names are NUL-terminated, so any name survives: spaces, newlines, escape
sequences, bytes that are not UTF-8 (kept as surrogate escapes, shown escaped).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


def decode(raw: bytes) -> str:
    """Server bytes as text without losing any: what is not UTF-8 stays a surrogate escape."""
    return raw.decode("utf-8", errors="surrogateescape")


class Found(NamedTuple):
    relative: str  # "/"-separated, relative to the searched folder
    is_folder: bool


class NulRecords:
    """NUL-terminated records from chunks that may split them anywhere."""

    def __init__(self) -> None:
        self._partial = b""

    def feed(self, data: bytes) -> list[bytes]:
        *records, self._partial = (self._partial + data).split(b"\0")
        return records

    @property
    def unfinished(self) -> bytes:
        return self._partial


class KindedNames:
    """GNU find's `-printf '%Y %P\\0'`: the kind letter (of a link's target), a space, the path."""

    def __init__(self) -> None:
        self._records = NulRecords()

    def feed(self, data: bytes) -> Iterator[Found]:
        for record in self._records.feed(data):
            if len(record) > 2:
                yield Found(decode(record[2:]), record[:1] == b"d")

    def end(self) -> Iterator[Found]:
        return iter(())


class DoubledFolders:
    """POSIX find's `-print0`, where each folder was printed twice in a row to mark it.

    Paths are unique, so a record equal to the one before it can only be a
    folder's second print; a record is known for a file once the next differs.
    """

    def __init__(self, prefix: str, *, kind: bool | None = None) -> None:
        self._records = NulRecords()
        self._prefix = prefix.encode("utf-8", errors="surrogateescape")
        self._kind = kind  # every entry printed once, all of this kind (a `-type` search)
        self._pending: bytes | None = None

    def _found(self, record: bytes, is_folder: bool) -> Found | None:
        if not record.startswith(self._prefix) or len(record) == len(self._prefix):
            return None
        return Found(decode(record[len(self._prefix) :]), is_folder)

    def feed(self, data: bytes) -> Iterator[Found]:
        for record in self._records.feed(data):
            if self._kind is not None:
                found = self._found(record, self._kind)
            elif self._pending is None:
                self._pending, found = record, None
            elif record == self._pending:
                self._pending, found = None, self._found(record, True)
            else:
                found = self._found(self._pending, False)
                self._pending = record
            if found is not None:
                yield found

    def end(self) -> Iterator[Found]:
        pending, self._pending = self._pending, None
        if pending is not None:
            found = self._found(pending, False)
            if found is not None:
                yield found


class Line(NamedTuple):
    path: bytes
    line: int
    text: bytes


class NulLines:
    """grep `--null -n -H` and rg `--null -n`: `path\\0LINE:text\\n` a matching line.

    The path ends at the first NUL (a name has none) and the text at the next
    newline (a line has none), so either may hold anything else.
    """

    def __init__(self) -> None:
        self._partial = b""

    def feed(self, data: bytes) -> Iterator[Line]:
        buffer = self._partial + data
        position = 0
        while True:
            nul = buffer.find(b"\0", position)
            if nul < 0:
                break
            newline = buffer.find(b"\n", nul)
            if newline < 0:
                break
            number, colon, text = buffer[nul + 1 : newline].partition(b":")
            if colon and number.isdigit():
                yield Line(buffer[position:nul], int(number), text)
            position = newline + 1
        self._partial = buffer[position:]
