"""Sizes from listings: one recursive listing of a bucket, or a walk over any backend's folders.

Listings give each file's size, not its blocks on disk, so these count the
apparent size. A bucket is listed once without a delimiter and summed by
sub-prefix (a listing has only current objects: no older versions, no
unfinished multipart uploads). Other backends are walked a few folders at a
time, in daemon threads (a hung server must not hold up quitting); the job's
thread alone writes the tree and talks to the context.
"""

from __future__ import annotations

import queue
import threading
import time

from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name
from spyglass.sizes.tree import FolderSize, SizeTree

PARALLEL = 4  # folder listings at once: within the backend's pool of 8 calls
WAIT = 0.05  # seconds between cancellation checks while listings are out
REPORT_EVERY = 0.1


def scan_bucket(backend: Backend, tree: SizeTree, context: JobContext[SizeTree]) -> None:
    """Every object under the prefix, page by page; a listing cut short keeps what came."""
    root = tree.root_path
    own = root.strip("/")
    cut = len(own) + 1 if own else 0
    files = pages = 0
    try:
        for page in backend.list_recursive(root):
            context.check()
            pages += 1
            found: list[tuple[str, bool, int]] = []
            for entry in page:
                relative = entry.path.strip("/")[cut:]
                if not relative:
                    continue  # the prefix's own marker
                if entry.kind is Kind.FOLDER:
                    found.append((relative, True, 0))
                else:
                    files += 1
                    found.append((relative, False, entry.size or 0))
            tree.add_entries(found)
            _report(tree, context, f"listed {pages:,} pages of {safe_name(backend.display(root))}")
            context.emit_latest(tree)
    except Exception as exc:  # the listing broke off: what came before stays, with the reason
        if not pages:
            raise
        shown = safe_name(backend.display(root))
        tree.add_error(root, describe(exc, "list", shown))


class _Lister:
    """A few daemon threads listing folders; the answers wait in a queue for the job's thread."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.asked: queue.Queue[tuple[str, FolderSize] | None] = queue.Queue()
        self.answers: queue.Queue[tuple[str, FolderSize, list[Entry], BaseException | None]] = (
            queue.Queue()
        )
        self.stopped = threading.Event()
        for number in range(PARALLEL):
            name = f"spyglass-sizes-{number}"
            threading.Thread(target=self._serve, name=name, daemon=True).start()

    def _serve(self) -> None:
        listing = self.backend.list_batches  # sizes are needed: the full listing
        while not self.stopped.is_set():
            asked = self.asked.get()
            if asked is None:
                return
            path, node = asked
            entries: list[Entry] = []
            error: BaseException | None = None
            try:
                for batch in listing(path):
                    entries.extend(batch)
                    if self.stopped.is_set():
                        return
            except Exception as exc:  # one folder; the walk goes on
                error = exc
            self.answers.put((path, node, entries, error))

    def stop(self) -> None:
        self.stopped.set()
        for _ in range(PARALLEL):
            self.asked.put(None)


def scan_listings(backend: Backend, tree: SizeTree, context: JobContext[SizeTree]) -> None:
    """One listing call per folder, links not followed; the root unreadable raises."""
    lister = _Lister(backend)
    lister.asked.put((tree.root_path, tree.root))
    out = 1
    folders = 0
    next_report = 0.0
    try:
        while out:
            context.check()
            try:
                path, node, entries, error = lister.answers.get(timeout=WAIT)
            except queue.Empty:
                continue
            out -= 1
            folders += 1
            if error is not None:
                if node is tree.root and not entries:
                    raise error
                shown = safe_name(backend.display(path))
                tree.add_error(path, describe(error, "list", shown), node)
            for asked in _counted(tree, node, entries):
                lister.asked.put(asked)
                out += 1
            now = time.monotonic()
            if now >= next_report or not out:
                next_report = now + REPORT_EVERY
                _report(tree, context, f"walking {safe_name(backend.display(path))}", folders)
                context.emit_latest(tree)
    finally:
        lister.stop()


def _counted(
    tree: SizeTree, node: FolderSize, entries: list[Entry]
) -> list[tuple[str, FolderSize]]:
    """A folder's listing into the tree; returns its folders, to be listed next."""
    files_bytes = files = 0
    found: list[tuple[str, int]] = []
    paths: list[str] = []
    for entry in entries:
        if entry.is_folder and entry.link_target is None:
            found.append((entry.name, 0))
            paths.append(entry.path)
        elif entry.link_target is None:
            files_bytes += entry.size or 0
            files += 1
        else:
            files += 1  # a link: counted, its target is not
    return list(zip(paths, tree.add_listing(node, files_bytes, files, found), strict=True))


def _report(tree: SizeTree, context: JobContext[SizeTree], text: str, folders: int = 0) -> None:
    total, files, counted = tree.totals()
    context.progress(
        Progress(
            visited=files,
            done=folders or counted,
            skipped=len(tree.errors),
            byte_count=total,
            text=text,
        )
    )
