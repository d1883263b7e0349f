"""Sizes on an SSH host: GNU find there prints every entry's blocks, size and inode; summed here.

`du` prints only totals and cannot tell an empty folder from a file, nor
count files; `find -printf` gives each entry once with its kind, so the
sums, the file counts and the hard-link rule are the local walk's. Only
names and numbers cross the network. Hosts without GNU find (BusyBox, the
BSDs) raise `NoGnuFind` before anything runs, and are walked over SFTP.
"""

from __future__ import annotations

import time

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Backend, CommandFailed
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.search.server_commands import start_point
from spyglass.search.server_output import NulRecords, decode
from spyglass.search.server_problems import problem_from
from spyglass.search.server_tools import tools_of
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import SizeTree

TIMEOUT = 20.0  # seconds to start a command on the server
# kind, 512-byte blocks, bytes, device, inode, links, path relative to the start
FORMAT = "%y %b %s %D %i %n %P\\0"
REPORT_EVERY = 0.1


class NoGnuFind(SpyglassError):
    """The host's find has no -printf: the sizes come from a walk instead."""


def find_sizes(root: str, options: SizeOptions) -> list[str]:
    """The argument vector: the start point first (never read as an option), then the tests."""
    argv = ["find", start_point(root)]
    if not options.cross_filesystems:
        argv.append("-xdev")
    return [*argv, "-printf", FORMAT]


class _Sums:
    """The records of find's output turned into entries of the tree, hard links once."""

    def __init__(self, apparent: bool) -> None:
        self.apparent = apparent
        self.linked: set[bytes] = set()
        self.files = self.folders = 0

    def entries(self, records: list[bytes]) -> list[tuple[str, bool, int]]:
        found: list[tuple[str, bool, int]] = []
        for record in records:
            fields = record.split(b" ", 6)
            if len(fields) != 7:
                continue  # not find's -printf output: nothing to count
            kind, blocks, size, device, inode, links, path = fields
            try:
                counted = int(size) if self.apparent else int(blocks) * 512
                many = int(links) > 1
            except ValueError:
                continue
            if kind == b"d":
                self.folders += 1
                found.append((decode(path), True, counted))
                continue
            if many:
                key = device + b":" + inode
                if key in self.linked:
                    continue
                self.linked.add(key)
            self.files += 1
            found.append((decode(path), False, counted))
        return found


def scan_on_server(
    backend: Backend,
    tree: SizeTree,
    options: SizeOptions,
    context: JobContext[SizeTree],
    *,
    timeout: float = TIMEOUT,
) -> None:
    """Fill `tree` from find on the host; ExecRefused / NoGnuFind before any output."""
    if not tools_of(backend, timeout).find_printf:
        raise NoGnuFind("the server's find has no -printf")
    root = tree.root_path
    sums = _Sums(options.apparent)
    records = NulRecords()
    received = 0
    next_report = 0.0
    unexplained: list[str] = []

    def stderr(line: str) -> None:
        problem = problem_from(line, root, backend)
        if problem is None:
            if line.strip():
                unexplained[:] = [*unexplained[-4:], line]
            return
        reason = line.rpartition(": ")[2].strip().rstrip(".").lower()
        shown = safe_name(backend.display(problem.path))
        tree.add_error(problem.path, f"Cannot read {shown}: {safe_name(reason)}.")

    chunks = backend.run(find_sizes(root, options), timeout=timeout, on_stderr=stderr)
    try:
        for chunk in chunks:
            context.check()
            if not chunk:
                continue
            received += len(chunk)
            tree.add_entries(sums.entries(records.feed(chunk)))
            now = time.monotonic()
            if now >= next_report:
                next_report = now + REPORT_EVERY
                _report(tree, context, sums, received)
                context.emit_latest(tree)
    except CommandFailed as exc:
        if exc.status != 1 or unexplained:  # 1: some entries could not be read, reported
            said = "; ".join(safe_name(line.strip()) for line in unexplained) or str(exc)
            raise SpyglassError(f"find on the server failed: {said}") from exc
    finally:
        chunks.close()  # ends find if it is still running
    _report(tree, context, sums, received)


def _report(tree: SizeTree, context: JobContext[SizeTree], sums: _Sums, received: int) -> None:
    total, _, _ = tree.totals()
    context.progress(
        Progress(
            visited=sums.files,
            done=sums.folders,
            skipped=len(tree.errors),
            byte_count=total,
            text=f"find on the server: {safe_name(tree.root_path)} ({received:,} bytes received)",
        )
    )
