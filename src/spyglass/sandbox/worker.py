"""One child process seen from the parent: send a call, serve its reads, watch its limits."""

from __future__ import annotations

import contextlib
import os
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.fs.backend import Backend
from spyglass.sandbox.limits import Limits
from spyglass.sandbox.parent_backend import ALLOWED_METHODS
from spyglass.sandbox.stopped import Cancelled, Stopped
from spyglass.sandbox.wire import Answer, Ask, Call, Raised, Returned

# How often the parent looks at the child's memory, the clock and the caller's wish to stop.
POLL_SECONDS = 0.02


class ReadFailed(SpyglassError):
    """A read for the child failed with an exception that does not pickle: its sentence."""


def _resident_bytes(pid: int) -> int:
    """The child's resident memory (Linux); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _answer(backend: Backend | None, ask: Ask) -> Answer:
    if backend is None or ask.method not in ALLOWED_METHODS:
        return Answer(error=ReadFailed(f"a decoder may not call {ask.method}"))
    try:
        return Answer(getattr(backend, ask.method)(*ask.args))
    except Exception as exc:  # the backend's failure is the child's to handle, like a local one
        try:
            pickle.dumps(exc)
        except Exception:
            return Answer(error=ReadFailed(cause_of(exc)))
        return Answer(error=exc)


def _child_environment() -> dict[str, str]:
    """The parent's environment with the parent's import path: the child runs the same
    code (this spyglass, the same plugins) whatever its current folder."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    return environment


class Worker:
    """A child that runs one call at a time; killed, it is never used again."""

    def __init__(self, limits: Limits, preload: tuple[str, ...]) -> None:
        self.limits = limits
        parent_end, child_end = socket.socketpair()
        command = [
            sys.executable,
            "-m",
            "spyglass.sandbox.child",
            str(child_end.fileno()),
            str(limits.memory_bytes),
            *preload,
        ]
        try:
            # Its own session: Ctrl-C in the terminal is the app's, not the child's; and
            # nothing it prints can reach the terminal the app draws on.
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(child_end.fileno(),),
                env=_child_environment(),
                start_new_session=True,
            )
        finally:
            child_end.close()
        self._conn = Connection(parent_end.detach())
        self.killed = False
        self.used = False  # a call ran here: its imports and mappings are still in the child

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return not self.killed and self.process.poll() is None

    def kill(self) -> None:
        if self.killed:
            return
        self.killed = True
        with contextlib.suppress(OSError):  # already gone
            self.process.kill()
        with contextlib.suppress(OSError):
            self._conn.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(0.5)  # reaped at once after SIGKILL; never a zombie

    def call(
        self,
        call: Call,
        backend: Backend | None,
        cancelled: Callable[[], bool],
        seconds: float | None = None,
    ) -> Any:
        """The task's value; raises what the task raised, `Stopped` or `Cancelled`.

        On anything but a value or the task's own error the child has been killed.
        """
        self.used = True
        try:
            self._conn.send(call)
        except (OSError, ValueError) as exc:
            self.kill()
            raise Stopped.ended(self.process.poll()) from exc
        try:
            outcome = self._wait(backend, cancelled, seconds)
        except BaseException:
            # Stopped, Cancelled, or the caller interrupted mid-call: the child may
            # still be decoding, so it is never handed to the next call.
            self.kill()
            raise
        if isinstance(outcome, Raised):
            raise outcome.error  # the task's own error: the child is fine
        return outcome.value

    def _wait(
        self, backend: Backend | None, cancelled: Callable[[], bool], seconds: float | None
    ) -> Returned | Raised:
        deadline = self.limits.seconds if seconds is None else seconds
        left = deadline
        while True:
            started = time.monotonic()
            try:
                ready = self._conn.poll(POLL_SECONDS)
                message = self._conn.recv() if ready else None
            except (EOFError, OSError, ValueError) as exc:  # the child died, or was killed
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(1)
                raise Stopped.ended(self.process.poll()) from exc
            if isinstance(message, Ask):
                self._conn.send(_answer(backend, message))
                continue  # the time the read took is not the decoder's
            if isinstance(message, Returned):
                return message
            if isinstance(message, Raised):
                if isinstance(message.error, MemoryError):
                    raise Stopped.over_memory(self.limits.memory_bytes)
                return message
            left -= time.monotonic() - started
            self._check(cancelled, left, deadline)

    def _check(self, cancelled: Callable[[], bool], left: float, deadline: float) -> None:
        if cancelled():
            raise Cancelled("no longer wanted")
        if left <= 0:
            raise Stopped.over_time(deadline)
        if _resident_bytes(self.pid) > self.limits.memory_bytes:
            raise Stopped.over_memory(self.limits.memory_bytes)
        code = self.process.poll()
        if code is not None:
            raise Stopped.ended(code)
