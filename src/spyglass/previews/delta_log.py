"""A Delta Lake table's snapshot, read from its `_delta_log` in the sandbox child.

Locally the child reads the table's own folder. Over any other backend the
parent copies the log's tail (the newest checkpoint and the commits after
it, bounded in files and bytes) through the backend into a private temporary
folder, and the child reads that: credentials and connections stay in the
parent, its timeouts and budgets hold, and every backend works the same.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
from collections.abc import Callable

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews.delta_reader import read_delta
from spyglass.previews.lake_snapshot import LakeSnapshot, LakeUnreadable
from spyglass.sandbox.pool import Sandbox

LOG_FOLDER = "_delta_log"
MAX_LOG_ENTRIES = 20_000
MAX_COPIED_FILES = 2_000
MAX_COPIED_BYTES = 64 * 1024 * 1024
# Reading a log takes longer than decoding one file: its own deadline in the child.
READ_SECONDS = 30.0

_COMMIT = re.compile(r"^(\d{20})\.json$")
_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint(?:\.(\d{10})\.(\d{10}))?\.parquet$")


def reader_installed() -> bool:
    """True where the `deltalake` package (the `lakes` extra) can be imported."""
    try:
        return importlib.util.find_spec("deltalake") is not None
    except ValueError:  # imported earlier as None: taken for missing
        return False


def log_tail(names: list[str]) -> list[str]:
    """The log files a snapshot needs: the newest whole checkpoint and the commits after it."""
    parts: dict[int, set[int]] = {}
    wanted_parts: dict[int, int] = {}
    commits: dict[int, str] = {}
    for name in names:
        commit = _COMMIT.match(name)
        if commit:
            commits[int(commit.group(1))] = name
            continue
        checkpoint = _CHECKPOINT.match(name)
        if checkpoint:
            version = int(checkpoint.group(1))
            part, total = int(checkpoint.group(2) or 1), int(checkpoint.group(3) or 1)
            parts.setdefault(version, set()).add(part)
            wanted_parts[version] = total
    whole = [v for v, got in parts.items() if got >= set(range(1, wanted_parts[v] + 1))]
    start = max(whole, default=-1)
    chosen = [name for name in names if (m := _CHECKPOINT.match(name)) and int(m.group(1)) == start]
    chosen += [commits[version] for version in sorted(commits) if version > start]
    return chosen


def _log_entries(backend: Backend, folder: str) -> list[Entry]:
    listed: list[Entry] = []
    for batch in backend.list_batches(folder):
        listed.extend(batch)
        if len(listed) > MAX_LOG_ENTRIES:
            raise LakeUnreadable(f"its log holds more than {MAX_LOG_ENTRIES:,} entries")
    return listed


def _copy_tail(backend: Backend, root: str, into: str, cancelled: Callable[[], bool]) -> None:
    folder = backend.join(root, LOG_FOLDER)
    entries = {entry.name: entry for entry in _log_entries(backend, folder) if not entry.is_folder}
    tail = log_tail(sorted(entries))
    if not tail:
        raise LakeUnreadable("its log holds no commit")
    if len(tail) > MAX_COPIED_FILES:
        raise LakeUnreadable(
            f"its log has more than {MAX_COPIED_FILES:,} commits since a checkpoint"
        )
    target = os.path.join(into, LOG_FOLDER)
    os.mkdir(target)
    copied = 0
    for name in tail:  # names matched the patterns above: no separator, no `..`
        if cancelled():
            raise LakeUnreadable("cancelled")
        entry = entries[name]
        size = entry.size if entry.size is not None else backend.stat(entry.path).size or 0
        copied += size
        if copied > MAX_COPIED_BYTES:
            raise LakeUnreadable("its log since the last checkpoint is larger than 64 MiB")
        data = backend.read_range(entry.path, 0, size)
        with open(os.path.join(target, name), "wb") as out:
            out.write(data)


def read_snapshot(
    backend: Backend,
    root: str,
    sandbox: Sandbox | None,
    cancelled: Callable[[], bool] = lambda: False,
) -> LakeSnapshot:
    """The table's current snapshot; `LakeUnreadable` says why there is none."""

    def run(folder: str) -> LakeSnapshot:
        if sandbox is None:
            return read_delta(folder)
        return sandbox.run(
            read_delta, folder, cancelled=cancelled, seconds=READ_SECONDS, retire=True
        )

    if backend.capabilities.local_paths:
        return run(root)
    with tempfile.TemporaryDirectory(prefix="spyglass-delta-") as copy:
        _copy_tail(backend, root, copy, cancelled)
        return run(copy)
