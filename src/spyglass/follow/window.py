"""The lines a follow view holds: a bounded window over the file, by byte offsets.

A log that grows by gigabytes costs the same memory as one that does not: the
window keeps at most `capacity` lines and drops the oldest. Lines above the
window are read again with range reads (`lines_before`) when scrolled to. A
notice ("file truncated") is a line with offset -1: it is no part of the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from spyglass.follow.events import Appended

NOTICE = -1
CAPACITY = 5_000


class LineWindow:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.lines: list[str] = []
        self.offsets: list[int] = []
        self.detached = False  # the newest lines are not held (scrolled back, then full)
        self.end = 0  # the byte after the newest line held, or known when detached

    def __len__(self) -> int:
        return len(self.lines)

    def is_notice(self, index: int) -> bool:
        return self.offsets[index] == NOTICE

    @property
    def first_offset(self) -> int:
        """Where the file's first line held starts (0 when nothing is held)."""
        return next((offset for offset in self.offsets if offset != NOTICE), self.end)

    def append(self, event: Appended, *, keep_top: bool = False) -> int:
        """New lines at the bottom; returns how many were dropped from the top.

        With `keep_top` (the user reads older lines), a full window stops taking
        lines instead, and becomes detached: the newest are read again on return.
        """
        self.end = event.end
        if self.detached:
            return 0
        if keep_top and len(self.lines) + len(event.lines) > self.capacity:
            room = max(0, self.capacity - len(self.lines))
            self.lines.extend(event.lines[:room])
            self.offsets.extend(event.offsets[:room])
            self.detached = True
            return 0
        self.lines.extend(event.lines)
        self.offsets.extend(event.offsets)
        return self._trim_top()

    def notice(self, text: str, *, clear: bool) -> None:
        """A line that says what happened; `clear`: the lines above belong to another file."""
        if clear:
            self.lines.clear()
            self.offsets.clear()
            self.detached = False
        self.lines.append(text)
        self.offsets.append(NOTICE)
        self._trim_top()

    def prepend(self, lines: Sequence[str], offsets: Sequence[int]) -> None:
        """Older lines read again above the window; the newest go if it overflows."""
        self.lines[:0] = lines
        self.offsets[:0] = offsets
        extra = len(self.lines) - self.capacity
        if extra > 0:
            del self.lines[-extra:]
            del self.offsets[-extra:]
            self.detached = True

    def replace(self, lines: Sequence[str], offsets: Sequence[int], end: int) -> None:
        """The newest lines, read again from the end: attached once more."""
        self.lines = list(lines)[-self.capacity :]
        self.offsets = list(offsets)[-self.capacity :]
        self.end = max(self.end, end)
        self.detached = False

    def _trim_top(self) -> int:
        extra = len(self.lines) - self.capacity
        if extra <= 0:
            return 0
        del self.lines[:extra]
        del self.offsets[:extra]
        return extra
