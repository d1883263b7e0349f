"""At most one go per interval, the first at once: the pace of updates to a screen."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class Throttle:
    """Says when the next update is due; the caller does the work and then marks it::

        if throttle.due():
            send(snapshot)
            throttle.mark()

    `mark()` counts from the latest `due()` check (the one that let the work
    through), so the time the work itself takes (a merge, a message, a
    print) is not charged to the next interval and the pace stays even.
    """

    __slots__ = ("_checked", "_clock", "_last", "interval")

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        *,
        started: bool = False,
    ) -> None:
        """`started`: the first interval begins now (something is already shown)."""
        self.interval = interval
        self._clock = clock
        self._last = clock() if started else -math.inf  # else the first go is due at once
        self._checked: float | None = None

    def due(self) -> bool:
        now = self._checked = self._clock()
        return now - self._last >= self.interval

    def mark(self) -> None:
        """Start the next interval at the last `due()` check, or now if there was none."""
        self._last = self._clock() if self._checked is None else self._checked
        self._checked = None

    def remaining(self) -> float:
        """Seconds until the next go is due (0.0 when it is due now)."""
        elapsed = self._clock() - self._last  # the same sum as `due()`, so they agree
        return 0.0 if elapsed >= self.interval else self.interval - elapsed
