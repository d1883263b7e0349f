"""Cooperative cancellation: a flag the job polls and a wait that wakes on it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

# How often a wait looks at a linked flag (a Textual worker's), which cannot wake it.
LINKED_POLL = 0.05


class JobCancelled(BaseException):
    """Raised inside a job when it is cancelled; the runner swallows it.

    A BaseException, as asyncio's CancelledError is, so that a job's own
    `except Exception` around a failing read does not swallow it.
    """


class Cancellation:
    """Set from any thread (Esc, Ctrl-C, a newer job); read by the job's thread.

    `linked` is another cancel flag to honour, such as a Textual worker's
    `is_cancelled`: cancelling the worker cancels the job.
    """

    __slots__ = ("_event", "_linked")

    def __init__(self, linked: Callable[[], bool] | None = None) -> None:
        self._event = threading.Event()
        self._linked = linked

    def cancel(self) -> None:
        self._event.set()

    @property
    def is_cancelled(self) -> bool:
        if self._event.is_set():
            return True
        if self._linked is not None and self._linked():
            self._event.set()
            return True
        return False

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True as soon as it is cancelled."""
        if self._linked is None:
            return self._event.wait(max(0.0, seconds))
        end = time.monotonic() + seconds
        while not self.is_cancelled:
            left = end - time.monotonic()
            if left <= 0:
                return False
            self._event.wait(min(left, LINKED_POLL))
        return True
