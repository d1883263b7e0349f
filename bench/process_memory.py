"""Resident memory of a process and all its descendants, sampled while it works.

An app may hand work to child processes; their memory is the app's too. The
peak is the highest sum of resident set sizes seen across samples, and never
less than the main process's own high-water mark (VmHWM): both are lower
bounds of the true peak, the larger one is the closer.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from types import TracebackType

from bench.terminal import read_memory

SAMPLE_SECONDS = 0.02


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc's children lists."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue  # it ended meanwhile
        for task in tasks:
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def tree_rss(pid: int) -> int:
    """Bytes resident now in `pid` and its descendants."""
    total = 0
    for process in descendants(pid):
        try:
            total += read_memory(process).get("VmRSS", 0)
        except OSError:
            continue
    return total


class PeakMemory:
    """Samples a process tree's resident memory in a thread until stopped; use `with`."""

    def __init__(self, pid: int, every: float = SAMPLE_SECONDS) -> None:
        self.pid = pid
        self.every = every
        self.peak_sum = 0
        self.own_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="memory", daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.every)

    def _take(self) -> None:
        self.peak_sum = max(self.peak_sum, tree_rss(self.pid))
        with contextlib.suppress(OSError):  # it ended meanwhile
            self.own_peak = max(self.own_peak, read_memory(self.pid).get("VmHWM", 0))

    def stop(self) -> int:
        """End sampling (one last sample first); the peak in bytes."""
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join()
            if os.path.exists(f"/proc/{self.pid}"):
                self._take()
        return self.peak

    @property
    def peak(self) -> int:
        return max(self.peak_sum, self.own_peak)
