"""The job's side of a run: results and progress go in, paced updates come out."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from spyglass.jobs.cancellation import Cancellation, JobCancelled
from spyglass.jobs.progress import Progress
from spyglass.jobs.throttle import Throttle
from spyglass.jobs.update import JobState, JobUpdate

R = TypeVar("R")

Sink = Callable[[JobUpdate[R]], None]


class JobContext(Generic[R]):
    """Handed to `Job.run` by the runner; used from the job's thread only.

    Updates are delivered to the sink from inside these calls, in the job's
    thread: the first result at once, then at most one update per `interval`,
    except that a full batch of `max_results` goes at once. Capping both the
    pace and the size would cap the throughput instead (4,000 results a second
    with the defaults) and make the job wait on the screen; this way a burst
    of a million results is a thousand updates, none of them giant. Results
    wait for the job's next call here, so a job that blocks for long between
    calls delivers late: call `check()` in every loop.

    Once the job is cancelled, `check`, `emit`, `emit_latest` and `sleep`
    raise `JobCancelled`.
    """

    def __init__(
        self,
        sink: Sink[R],
        cancellation: Cancellation,
        *,
        interval: float,
        max_results: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_results < 1:
            raise ValueError("max_results must be at least 1")
        self._sink = sink
        self._cancellation = cancellation
        self._throttle = Throttle(interval, clock)
        self._max_results = max_results
        self._pending: list[R] = []
        self._progress = Progress()
        self._sent_progress: Progress | None = None
        self._no_results_yet = True  # the first result goes at once, whatever went before
        self.sink_error: Exception | None = None  # the sink failed: the job was cancelled

    @property
    def cancelled(self) -> bool:
        """For a job that would rather stop at a good place than be interrupted."""
        return self._cancellation.is_cancelled

    def check(self) -> None:
        """A cancellation point, and a chance to deliver what is due."""
        if self._cancellation.is_cancelled:
            raise JobCancelled
        if self._has_news() and self._throttle.due():
            self._deliver()

    def emit(self, result: R) -> None:
        """One more result, appended to those delivered before."""
        if self._cancellation.is_cancelled:
            raise JobCancelled
        self._pending.append(result)
        # due() first: it notes the time the next interval counts from
        if self._throttle.due() or len(self._pending) >= self._max_results or self._no_results_yet:
            self._deliver()

    def emit_latest(self, value: R) -> None:
        """A value that supersedes all before it (a whole snapshot): latest wins.

        Values not yet delivered are dropped, so only the newest one of an
        interval reaches the sink, and the final update carries the last.
        """
        if self._cancellation.is_cancelled:
            raise JobCancelled
        self._pending = [value]
        if self._throttle.due() or self._no_results_yet:
            self._deliver()

    def progress(self, progress: Progress) -> None:
        """The newest progress; sent with the next update, or alone when one is due.

        Once cancelled it only keeps the value for the final update, so a job
        may report its last counts in a `finally`.
        """
        self._progress = progress
        if not self._cancellation.is_cancelled and self._throttle.due():
            self._deliver()

    def sleep(self, seconds: float) -> None:
        """Wait in real time (a follow job's poll), delivering what falls due meanwhile.

        Wakes at once on cancel and raises `JobCancelled`.
        """
        self.check()
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._has_news():
                left = min(left, self._throttle.remaining())
            if self._cancellation.wait(left):
                raise JobCancelled
            if self._has_news() and self._throttle.due():
                self._deliver()

    # the runner's side

    def finish(self, state: JobState, error: str | None = None) -> JobUpdate[R]:
        """The one final update, with the results not yet delivered (never a full batch).

        A sink that fails here raises: the job is over, the caller's sink is its own.
        """
        final = JobUpdate(tuple(self._take()), self._progress, state, error)
        if self.sink_error is None:
            self._sink(final)
        return final

    def _has_news(self) -> bool:
        return bool(self._pending) or self._progress is not self._sent_progress

    def _take(self) -> list[R]:
        # never more than a batch: `emit` sends a full one at once
        batch, self._pending = self._pending, []
        return batch

    def _deliver(self) -> None:
        if self._has_news():
            self._send(self._take())
            self._throttle.mark()

    def _send(self, results: list[R]) -> None:
        if self.sink_error is not None:
            return
        self._sent_progress = self._progress
        self._no_results_yet = self._no_results_yet and not results
        try:
            self._sink(JobUpdate(tuple(results), self._progress))
        except Exception as exc:  # nobody is listening any more (a closed pipe): stop the job
            self.sink_error = exc
            self._cancellation.cancel()
            raise JobCancelled from exc
