"""A few daemon threads that run blocking filesystem calls against a deadline.

A server that never answers holds the thread its call runs in: Python cannot
stop it. So the calls share a fixed number of threads, and a hung server costs
at most that many, however often it is asked. `concurrent.futures` is no use
here: its threads are joined at exit, so one hung call would stop `q` from
quitting. These are daemon threads, and a late answer is dropped.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from spyglass.errors import SpyglassError

T = TypeVar("T")

MAX_THREADS = 8
IDLE_SECONDS = 30.0  # an idle thread ends after this, so a quiet app keeps none
THREAD_NAME = "spyglass-fs-call"


def timed_out(timeout: float) -> SpyglassError:
    return SpyglassError(f"no answer after {timeout:g} s (timed out)")


class _Call(Generic[T]):
    __slots__ = ("args", "done", "error", "function", "kwargs", "value")

    def __init__(
        self, function: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.value: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            self.value = self.function(*self.args, **self.kwargs)
        except BaseException as exc:  # handed to the waiting caller
            self.error = exc
        finally:
            self.done.set()


class CallPool:
    """Runs each call in one of at most `max_threads` daemon threads, started as needed."""

    def __init__(
        self,
        max_threads: int = MAX_THREADS,
        *,
        idle_seconds: float = IDLE_SECONDS,
        name: str = THREAD_NAME,
    ) -> None:
        self.max_threads = max_threads
        self.idle_seconds = idle_seconds
        self.name = name
        self._lock = threading.Condition(threading.Lock())
        self._waiting: deque[_Call[Any]] = deque()
        self._threads = 0
        self._idle = 0
        if hasattr(os, "register_at_fork"):  # POSIX
            os.register_at_fork(after_in_child=self._forget_threads)

    def call(self, timeout: float, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`function(*args, **kwargs)`, or the "no answer" error after `timeout` seconds.

        The time counts from now: waiting for a free thread is part of it.
        """
        job: _Call[T] = _Call(function, args, kwargs)
        with self._lock:
            self._waiting.append(job)
            if len(self._waiting) > self._idle and self._threads < self.max_threads:
                self._start_thread()
            else:
                self._lock.notify()
        if not job.done.wait(timeout):
            with self._lock:
                if job in self._waiting:
                    self._waiting.remove(job)  # never started: it costs no thread
            raise timed_out(timeout)  # a late answer goes with the job, unread
        if job.error is not None:
            raise job.error
        return cast(T, job.value)

    def _start_thread(self) -> None:
        self._threads += 1
        try:
            threading.Thread(target=self._serve, name=self.name, daemon=True).start()
        except RuntimeError:  # out of threads: the call waits for a busy one, or times out
            self._threads -= 1

    def _serve(self) -> None:
        while True:
            with self._lock:
                while not self._waiting:
                    self._idle += 1
                    woken = self._lock.wait(self.idle_seconds)
                    self._idle -= 1
                    if not woken and not self._waiting:
                        self._threads -= 1
                        return
                job = self._waiting.popleft()
            job.run()
            del job

    def _forget_threads(self) -> None:
        """A forked child has none of the parent's threads: start afresh."""
        self._lock = threading.Condition(threading.Lock())
        self._waiting = deque()
        self._threads = self._idle = 0


shared_pool = CallPool()  # one for all backends: the bound holds across them
