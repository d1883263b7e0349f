"""A big local tree counted by forked children, one a core, each walking part of it.

Threads do not help: every entry is one short `fstatat` and a stat object
built in Python, so two threads mostly wait for the interpreter lock
(measured: slower than one). Forked children each have their own, and on 2
cores two of them count 200,000 files in about half the time of one. Each
child walks the folders it was given and sends what it read in pickled
batches over a pipe; the parent alone writes the tree (hard links are
settled there, so a file linked from two children's parts counts once).
Cancelling, or the parent leaving, kills the children.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
import time

from spyglass.jobs.context import JobContext
from spyglass.safe_text import safe_name
from spyglass.sizes.local_read import Folder, LocalWalk, read_folder
from spyglass.sizes.tree import FolderSize, SizeTree

MAX_CHILDREN = 4
BATCH_FOLDERS = 512  # folders a child reads before it sends them
BATCH_SECONDS = 0.05  # or this long, whichever comes first: the screen keeps filling in
POLL = 0.05  # seconds between cancellation checks while the children work
REPORT_EVERY = 0.1
_FRAME = struct.Struct("<Q")  # the length of the pickled batch that follows
_READ = 1 << 20


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class ChildWalk:
    """One child walking `part`; its batches are read with `take`, `close` ends it."""

    def __init__(self, part: list[tuple[str, FolderSize]], apparent: bool, device: int | None):
        self.nodes = [node for _, node in part]  # by the child's numbering: its folders in order
        paths = [path for path, _ in part]
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: checked by what it sends
            _child(paths, apparent, device, read_end, write_end)
        os.close(write_end)
        self.pid: int | None = pid
        self.fd = read_end
        self.finished = False  # it said it was done
        self._buffer = bytearray()

    def take(self) -> list[tuple[int, Folder]] | None:
        """The folders read since the last call; None once the child's output has ended."""
        chunk = os.read(self.fd, _READ)
        if not chunk:
            return None
        buffer = self._buffer
        buffer += chunk
        records: list[tuple[int, Folder]] = []
        while len(buffer) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(buffer)
            end = _FRAME.size + size
            if len(buffer) < end:
                break
            batch = pickle.loads(buffer[_FRAME.size : end])  # from our own child
            del buffer[:end]
            if batch is None:
                self.finished = True
            else:
                records.extend(batch)
        return records

    def close(self) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.pid = None


def share_out(
    walk: LocalWalk, stack: list[tuple[str, FolderSize]], context: JobContext[SizeTree]
) -> bool:
    """Count the folders on `stack` (and all below them) in children; False if none can start.

    On False nothing was taken from `stack`: the caller walks it as before.
    """
    count = min(cores(), MAX_CHILDREN, len(stack))
    if count < 2:
        return False
    children: list[ChildWalk] = []
    try:
        for index in range(count):
            children.append(ChildWalk(stack[index::count], walk.apparent, walk.device))
    except OSError:  # no fork here (a process limit): walk in this process
        for child in children:
            child.close()
        return False
    stack.clear()
    walk.tree.how = f"walked the folders in {len(children)} processes"
    try:
        _gather(walk, children, context)
    finally:
        for child in children:
            child.close()
    return True


def _gather(walk: LocalWalk, children: list[ChildWalk], context: JobContext[SizeTree]) -> None:
    tree = walk.tree
    working = {child.fd: child for child in children}
    shown = f"{safe_name(tree.root_path)} in {len(children)} processes"
    next_report = 0.0
    while working:
        context.check()
        ready, _, _ = select.select(list(working), [], [], POLL)
        for fd in ready:
            child = working[fd]
            records = child.take()
            if records is None:
                del working[fd]
                if not child.finished:
                    sentence = "Part of the count was lost: a counting process ended early."
                    tree.add_error(tree.root_path, sentence)
                continue
            for ident, read in records:
                child.nodes.extend(walk.add(child.nodes[ident], read))
        now = time.monotonic()
        if now >= next_report:
            next_report = now + REPORT_EVERY
            walk.report(context, shown)
            context.emit_latest(tree)


def _child(
    paths: list[str], apparent: bool, device: int | None, read_end: int, write_end: int
) -> None:  # pragma: no cover - runs in the child
    """Walk, send batches, say done, and leave without running what the parent set up."""
    status = 1
    try:
        gc.disable()  # a collection could finalise the parent's objects (files, the terminal)
        os.close(read_end)
        stack = list(enumerate(paths))
        next_id = len(paths)
        batch: list[tuple[int, Folder]] = []
        sent = time.monotonic()
        while stack:
            ident, path = stack.pop()
            read = read_folder(path, apparent, device, _go_on)
            for child_path in read.paths:
                stack.append((next_id, child_path))
                next_id += 1
            batch.append((ident, read._replace(paths=[])))  # the parent needs no paths
            if len(batch) >= BATCH_FOLDERS or time.monotonic() - sent >= BATCH_SECONDS:
                _send(write_end, batch)
                batch, sent = [], time.monotonic()
        if batch:
            _send(write_end, batch)
        _send(write_end, None)
        status = 0
    except BaseException:
        pass
    finally:
        os._exit(status)


def _go_on() -> None:
    """A child is not cancelled: it is killed."""


def _send(fd: int, batch: list[tuple[int, Folder]] | None) -> None:  # pragma: no cover
    data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_FRAME.pack(len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
