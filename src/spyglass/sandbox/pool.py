"""The children the app decodes in: a warm one waits, a killed one is replaced."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from spyglass.fs.backend import Backend
from spyglass.sandbox.limits import Limits
from spyglass.sandbox.stopped import Cancelled
from spyglass.sandbox.wire import BackendFacts, Call
from spyglass.sandbox.worker import Worker

T = TypeVar("T")
log = logging.getLogger(__name__)

# Imported by each child as it starts, before it is handed its first call.
PRELOAD = ("spyglass.sandbox.child", "spyglass.previews.decode")
# Children kept waiting between calls: one for the preview, one for a highlight or a sheet.
MAX_IDLE = 2


def _never() -> bool:
    return False


class Sandbox:
    """Runs tasks in child processes under `limits`; safe to call from several threads."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def _new_worker(self) -> Worker:
        return Worker(self.limits, PRELOAD)

    def warm(self) -> None:
        """Start a child in the background, so the next call finds one ready."""
        threading.Thread(target=self._add_idle, name="spyglass-sandbox-warm", daemon=True).start()

    def _add_idle(self) -> None:
        with self._lock:
            if self._closed or self._idle:
                return
        try:
            worker = self._new_worker()
        except Exception:  # e.g. quitting meanwhile; the next call starts its own and says why
            log.debug("could not start a decoding child ahead of time", exc_info=True)
            return
        with self._lock:
            if self._closed or len(self._idle) >= MAX_IDLE:
                worker.kill()
                return
            self._idle.append(worker)

    def _take(self, fresh: bool = False) -> Worker:
        with self._lock:
            if self._closed:
                raise Cancelled("spyglass is quitting")
            ready = [worker for worker in self._idle if not (fresh and worker.used)]
            worker = ready[-1] if ready else None
            if worker is not None:
                self._idle.remove(worker)
        if worker is None or not worker.alive():
            worker = self._new_worker()
        with self._lock:
            self._busy.add(worker)
            if self._closed:  # closed while the child started
                worker.kill()
                raise Cancelled("spyglass is quitting")
        return worker

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if not worker.killed and not self._closed and len(self._idle) < MAX_IDLE:
                self._idle.append(worker)
                return
        worker.kill()

    def run(
        self,
        task: Callable[..., T],
        *args: Any,
        backend: Backend | None = None,
        cancelled: Callable[[], bool] = _never,
        seconds: float | None = None,
        retire: bool = False,
    ) -> T:
        """`task(*args)` in a child, with a read-only view of `backend` as its first
        argument when one is given.

        `seconds` replaces the deadline of the limits for this call. With `retire`
        the call runs in a child no other call has used, which ends after it: for
        a library whose runtime and mappings (a Delta log reader's) must neither
        meet another decoder's nor stay for the next one under the memory cap.
        Raises what the task raises, `Stopped` when a limit was passed or the child
        died, `Cancelled` when `cancelled()` turned true or the sandbox closed.
        """
        facts = None if backend is None else BackendFacts(backend.protocol, backend.capabilities)
        worker = self._take(fresh=retire)
        try:
            value: T = worker.call(Call(task, args, facts), backend, cancelled, seconds)
        except BaseException:
            if retire:
                worker.kill()
            if not worker.killed:  # the task raised: the child is fine
                self._give_back(worker)
                raise
            with self._lock:
                self._busy.discard(worker)
            if not self._closed:
                self.warm()  # the next preview should not wait for a child to start
            raise
        if retire:
            worker.kill()
        self._give_back(worker)
        if retire and not self._closed:
            self.warm()
        return value

    def close(self) -> None:
        """Kill every child at once, busy ones too: quitting never waits for a decode."""
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
        for worker in workers:
            worker.kill()


_shared: Sandbox | None = None
_shared_lock = threading.Lock()


def shared_sandbox() -> Sandbox:
    """The app's and `spyglass cat`'s sandbox, made on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Sandbox()
        return _shared


def configure(limits: Limits) -> Sandbox:
    """Set the limits from the settings; closes a sandbox made with other limits."""
    global _shared
    with _shared_lock:
        old, _shared = _shared, Sandbox(limits)
    if old is not None:
        old.close()
    return _shared
