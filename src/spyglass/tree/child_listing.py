"""A huge local folder listed and sorted in a child process.

The sort of 1,000,000 names is one C call of about a second that holds the
interpreter lock: in a thread, every key would wait for it. A forked child has
its own interpreter, runs on the other core, and hands back the names in tree
order as one block of bytes (names never hold NUL), which the parent splits a
megabyte at a time.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
from collections.abc import Callable
from itertools import repeat
from operator import eq

from spyglass.fs.entry_columns import FOLDER
from spyglass.fs.local_backend import scan_names
from spyglass.tree.name_order import natural_order

_HEADER = struct.Struct("<QQ")
_READ = 1 << 20
_SPLIT_CHUNK = 1 << 20
_POLL = 0.05


class ChildListingFailed(Exception):
    """The child ended without a whole answer; the caller lists in-process instead."""


def sorted_in_child(
    path: str, cancelled: Callable[[], bool] = lambda: False
) -> tuple[list[str], bytes] | None:
    """The names of `path` in tree order and their kind codes; None when cancelled."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: measured by its answer, not by coverage
        _child(path, read_end, write_end)
    os.close(write_end)
    data: bytearray | None = None
    try:
        data = _read_all(read_end, cancelled)
    finally:
        os.close(read_end)
        if data is None:
            _kill(pid)
        status = os.waitpid(pid, 0)[1]
    if data is None:
        return None
    if os.waitstatus_to_exitcode(status) != 0 or len(data) < _HEADER.size:
        raise ChildListingFailed(path)
    names_size, codes_size = _HEADER.unpack_from(data)
    if len(data) != _HEADER.size + names_size + codes_size:
        raise ChildListingFailed(path)
    blob = memoryview(data)[_HEADER.size : _HEADER.size + names_size]
    codes = bytes(data[_HEADER.size + names_size :])
    names = _split_names(bytes(blob)) if codes_size else []
    return names, codes


def _child(path: str, read_end: int, write_end: int) -> None:  # pragma: no cover
    """List, sort, answer, and leave without running anything the parent set up."""
    status = 1
    try:
        gc.disable()  # a collection could finalise the parent's objects (files, the terminal)
        os.close(read_end)
        scanned = scan_names(path)
        folders = list(map(eq, scanned.codes, repeat(FOLDER)))
        for position, entry in scanned.specials.items():
            folders[position] = entry.is_folder
        order = natural_order(scanned.names, folders)
        names = "\0".join(map(scanned.names.__getitem__, order)).encode("utf-8", "surrogateescape")
        codes = bytes(map(scanned.codes.__getitem__, order))
        _write_all(write_end, _HEADER.pack(len(names), len(codes)))
        _write_all(write_end, names)
        _write_all(write_end, codes)
        status = 0
    except BaseException:
        pass
    finally:
        os._exit(status)


def _write_all(fd: int, data: bytes) -> None:  # pragma: no cover - runs in the child
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int, cancelled: Callable[[], bool]) -> bytearray | None:
    """Everything the child writes; None as soon as the listing is cancelled."""
    data = bytearray()
    while True:
        if cancelled():
            return None
        ready, _, _ = select.select([fd], [], [], _POLL)
        if not ready:
            continue
        chunk = os.read(fd, _READ)
        if not chunk:
            return data
        data += chunk


def _split_names(blob: bytes) -> list[str]:
    """Decode and split a megabyte at a time, so no single call holds the lock for long."""
    names: list[str] = []
    start = 0
    while start <= len(blob):
        end = blob.find(b"\0", start + _SPLIT_CHUNK)
        if end == -1:
            end = len(blob)
        names += blob[start:end].decode("utf-8", "surrogateescape").split("\0")
        start = end + 1
    return names


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
