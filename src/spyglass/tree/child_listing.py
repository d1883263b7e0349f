"""A huge local folder listed, sorted and stat'ed in a child process.

The sort of 1,000,000 names is one C call of about a second that holds the
interpreter lock, and their details a second of Python: in a thread, every
key would wait for them. A forked child has its own interpreter, runs on the
other core, and hands back four blocks of bytes: the first `HEAD` names in
tree order and the last `HEAD` (found without the whole sort, so the first
screen, and End, come sooner), then all the names in tree order (names never
hold NUL) with their kind codes and which of them hide, then the detail
arrays and who owns them. The parent only splits the names, a part at a time.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
import time
from array import array
from collections.abc import Callable
from itertools import repeat
from operator import eq
from typing import NamedTuple

from spyglass.fs.entry_columns import (
    FOLDER,
    Details,
    Hidden,
    Owners,
    empty_details,
    hidden_index,
    owners_of,
)
from spyglass.fs.local_backend import read_details, scan_names
from spyglass.tree.name_order import first_in_order, last_in_order, tree_keys

# bytes of names, bytes of codes (one per name), names in the whole folder, and the
# number of names that show with hidden files off (NOT_INDEXED, or ALL_SHOWN: no dot)
_NAMES_HEADER = struct.Struct("<QQQq")
_NOT_INDEXED = -2
_ALL_SHOWN = -1
_UINT_SIZE = array("I").itemsize  # positions, uids and gids are sent as 4-byte numbers
_OWNERS_HEADER = struct.Struct("<Q")  # (uid, gid) pairs that follow the details
_READ = 1 << 20
_SPLIT_CHUNK = 1 << 18
_POLL = 0.05
HEAD = 300  # names sent ahead of the whole order at each end: more than a screen holds


class NamesBlock(NamedTuple):
    """Names in tree order with their kind codes; `total`: names in the whole folder."""

    names: list[str]
    codes: bytes
    total: int
    hidden: Hidden | None = None  # worked out by the child (the whole order only)


class Ends(NamedTuple):
    """The first and the last names of the final order, and how many lie between."""

    head: NamesBlock
    tail: NamesBlock
    between: int


class ChildListingFailed(Exception):
    """The child ended without a whole answer; the caller lists in-process instead."""


class ChildListing:
    """One folder's listing in a forked child; `close` ends the child whatever it is doing."""

    def __init__(self, path: str, prefix: str) -> None:
        self.path = path
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: checked by its answer
            _child(path, prefix, read_end, write_end)
        os.close(write_end)
        self._pid: int | None = pid
        self._fd = read_end
        self._count = 0

    def ends(self, cancelled: Callable[[], bool]) -> Ends | None:
        """The first and the last `HEAD` names in tree order; None when cancelled."""
        head = self._names_block(cancelled)
        tail = self._names_block(cancelled) if head is not None else None
        if head is None or tail is None:
            return None
        return Ends(head, tail, head.total - len(head.names) - len(tail.names))

    def names(self, cancelled: Callable[[], bool]) -> NamesBlock | None:
        """All the names in tree order and their kind codes (after `ends`); None when cancelled."""
        block = self._names_block(cancelled)
        if block is not None:
            self._count = len(block.codes)
        return block

    def _names_block(self, cancelled: Callable[[], bool]) -> NamesBlock | None:
        header = self._read(_NAMES_HEADER.size, cancelled)
        if header is None:
            return None
        names_size, codes_size, total, shown = _NAMES_HEADER.unpack(header)
        blob = self._read(names_size, cancelled)
        codes = self._read(codes_size, cancelled)
        hidden: Hidden | None = None
        if shown >= 0:
            positions = self._read(shown * _UINT_SIZE, cancelled)
            if positions is None:
                return None
            hidden = Hidden(array("I", bytes(positions)))
        elif shown == _ALL_SHOWN:
            hidden = Hidden(None)
        if blob is None or codes is None:
            return None
        names = _split_names(bytes(blob)) if codes_size else []
        return NamesBlock(names, bytes(codes), total, hidden)

    def details(self, cancelled: Callable[[], bool]) -> tuple[Details, Owners] | None:
        """The details of the names, in the same order, and who owns them; None when
        cancelled."""
        details = empty_details()
        for column in details:
            data = self._read(self._count * column.itemsize, cancelled)
            if data is None:
                return None
            column.frombytes(data)
        size = self._read(_OWNERS_HEADER.size, cancelled)
        if size is None:
            return None
        flat = self._read(_OWNERS_HEADER.unpack(size)[0] * 2 * _UINT_SIZE, cancelled)
        if flat is None:
            return None
        ids = array("I", bytes(flat))
        return details, set(zip(ids[::2], ids[1::2], strict=True))

    def close(self) -> None:
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        os.close(self._fd)
        self._pid = None

    def _read(self, size: int, cancelled: Callable[[], bool]) -> bytearray | None:
        data = bytearray()
        while len(data) < size:
            if cancelled():
                return None
            ready, _, _ = select.select([self._fd], [], [], _POLL)
            if not ready:
                continue
            chunk = os.read(self._fd, min(_READ, size - len(data)))
            if not chunk:
                raise ChildListingFailed(self.path)
            data += chunk
        return data


def _child(path: str, prefix: str, read_end: int, write_end: int) -> None:  # pragma: no cover
    """List, sort, answer, stat, answer, and leave without running what the parent set up."""
    status = 1
    try:
        gc.disable()  # a collection could finalise the parent's objects (files, the terminal)
        os.close(read_end)
        scanned = scan_names(path)
        folders = list(map(eq, scanned.codes, repeat(FOLDER)))
        for position, entry in scanned.specials.items():
            folders[position] = entry.is_folder
        keys = tree_keys(scanned.names, folders)
        head = first_in_order(keys, HEAD)
        _write_names(write_end, scanned.names, scanned.codes, head)
        tail = last_in_order(keys, HEAD, after=len(head))  # never one of the head's
        _write_names(write_end, scanned.names, scanned.codes, tail)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        del keys
        names = _write_names(write_end, scanned.names, scanned.codes, order, index=True)
        del order, scanned
        details = read_details(prefix, names)
        assert details is not None
        for column in details:
            _write_all(write_end, column.tobytes())
        owners = owners_of(details)
        flat = array("I", [number for pair in owners for number in pair])
        _write_all(write_end, _OWNERS_HEADER.pack(len(owners)) + flat.tobytes())
        status = 0
    except BaseException:
        pass
    finally:
        os._exit(status)


def _write_names(  # pragma: no cover - runs in the child
    fd: int, names: list[str], codes: bytearray, order: list[int], *, index: bool = False
) -> list[str]:
    """The names and codes at `order`, as one block; the names, in that order.

    `index`: with the positions of the names that show with hidden files off,
    worked out here so that the parent does not test each name again.
    """
    ordered = list(map(names.__getitem__, order))
    blob = "\0".join(ordered).encode("utf-8", "surrogateescape")
    kinds = bytes(map(codes.__getitem__, order))
    shown, positions = _NOT_INDEXED, b""
    if index:
        unhidden = hidden_index(ordered).unhidden
        shown = _ALL_SHOWN if unhidden is None else len(unhidden)
        positions = b"" if unhidden is None else unhidden.tobytes()
    header = _NAMES_HEADER.pack(len(blob), len(kinds), len(names), shown)
    _write_all(fd, header + blob + kinds + positions)
    return ordered


def _write_all(fd: int, data: bytes) -> None:  # pragma: no cover - runs in the child
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _split_names(blob: bytes) -> list[str]:
    """Decode and split a part at a time, handing the lock to the UI thread between parts."""
    names: list[str] = []
    start = 0
    while start <= len(blob):
        if start:
            time.sleep(0)  # else a key waits for the switch interval
        end = blob.find(b"\0", start + _SPLIT_CHUNK)
        if end == -1:
            end = len(blob)
        names += blob[start:end].decode("utf-8", "surrogateescape").split("\0")
        start = end + 1
    return names
