"""Measured steps shared by scenarios: open a big folder, reach its end, press keys, read memory."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from bench.subjects import Subject
from bench.terminal import Predicate, ProgramEnded, ScreenTimeout, ScreenView, Terminal

ENTRY_NAME = re.compile(r"item\d+\.txt")
SETTLE_SECONDS = 0.5
MB = 1_000_000


def shows_entries(view: ScreenView) -> bool:
    """Any entry of the big folder on screen (the first bar and the footer do not count)."""
    return any(ENTRY_NAME.search(line) for line in view.lines[1:-1])


def highlights(subject: Subject, text: str) -> Predicate:
    def predicate(view: ScreenView) -> bool:
        row = subject.highlighted_row(view)
        return row is not None and text in row

    return predicate


def press_until(
    terminal: Terminal, key: str, predicate: Predicate, timeout: float, every: float = 0.05
) -> float:
    """Press `key` every `every` seconds, like a held key, until the screen shows what is wanted.

    Needed where one press cannot be enough: End while a folder is still listing
    goes to the end of what is listed so far. The figure is at most `every` late.
    """
    deadline = time.perf_counter() + timeout
    while True:
        terminal.send(key)
        remaining = deadline - time.perf_counter()
        try:
            return terminal.wait_for(predicate, max(0.0, min(every, remaining)))
        except ProgramEnded:
            raise
        except ScreenTimeout:
            if time.perf_counter() >= deadline:
                raise


@dataclass(frozen=True)
class FolderOpening:
    """Seconds from exec to each step of opening a big folder."""

    painted: float
    first_entries: float
    last_reached: float

    @property
    def first_after_paint(self) -> float:
        return self.first_entries - self.painted

    @property
    def last_after_paint(self) -> float:
        return self.last_reached - self.painted


def open_big_folder(
    terminal: Terminal, subject: Subject, last_name: str, timeout: float
) -> FolderOpening:
    """Wait for the first frame and the first entries, then press End until the last one."""
    painted, first = terminal.wait_all([subject.painted, shows_entries], timeout)
    reached = press_until(terminal, "end", highlights(subject, last_name), timeout)
    start = terminal.started_at
    return FolderOpening(painted - start, max(first, painted) - start, reached - start)


def keypress_latencies(
    terminal: Terminal,
    subject: Subject,
    *,
    until: float,
    min_presses: int,
    key: str = "down",
    timeout: float = 5.0,
) -> list[float]:
    """Press `key` until `until` (a perf_counter time), each press waiting for the cursor to move.

    A press that never shows (the cursor left the screen, say) is counted as
    `timeout` seconds, and ends the series.
    """
    latencies: list[float] = []
    while len(latencies) < min_presses or time.perf_counter() < until:
        try:
            latencies.append(press_and_time(terminal, subject, key, timeout))
        except ProgramEnded:
            raise
        except ScreenTimeout:
            latencies.append(timeout)
            break
    return latencies


def press_and_time(terminal: Terminal, subject: Subject, key: str, timeout: float) -> float:
    """Seconds from sending `key` until the highlighted row changes (ScreenTimeout if never)."""
    before = terminal.read(subject.highlighted_row)

    def moved(view: ScreenView) -> bool:
        row = subject.highlighted_row(view)
        return row is not None and row != before

    sent = terminal.send(key)
    return max(0.0, terminal.wait_for(moved, timeout) - sent)


def settled_memory(terminal: Terminal, settle: float = SETTLE_SECONDS) -> dict[str, float]:
    """Resident and peak resident memory in MB, once the app has had time to finish its work."""
    time.sleep(settle)
    memory = terminal.memory()
    return {"rss": memory["VmRSS"] / MB, "peak": memory["VmHWM"] / MB}
