"""Run a headless job in a thread worker and hand its updates to a widget as messages."""

from __future__ import annotations

import itertools
from typing import Generic, TypeVar

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.job import Job
from spyglass.jobs.runner import MAX_RESULTS, UPDATE_INTERVAL, run_job
from spyglass.jobs.update import JobUpdate
from spyglass.secrets import mask_text

R = TypeVar("R")

# One count for every JobWorker, so two on one widget never share an id.
_job_ids = itertools.count(1)


class JobUpdated(Message, Generic[R]):
    """A job's update, posted to the widget that started it (`on_job_updated`)."""

    bubble = False

    def __init__(self, job_id: int, update: JobUpdate[R]) -> None:
        super().__init__()
        self.job_id = job_id
        self.update = update


class JobWorker(Generic[R]):
    """One job at a time for `widget`, in a thread worker of `group`.

    Starting a job cancels the one before. Updates already posted by an older
    job can still arrive afterwards; the handler drops them::

        def on_job_updated(self, message: JobUpdated[Match]) -> None:
            if not self._search.owns(message):
                return  # from a job that was cancelled or replaced
            ...

    Cancelling the worker any way (here, `workers.cancel_group`, the widget
    leaving the screen) cancels the job; it ends at its next check, and its
    final update (CANCELLED) still arrives.
    """

    def __init__(
        self,
        widget: Widget,
        group: str,
        *,
        interval: float = UPDATE_INTERVAL,
        max_results: int = MAX_RESULTS,
    ) -> None:
        self._widget = widget
        self._group = group
        self._interval = interval
        self._max_results = max_results
        self._job_id: int | None = None
        self._worker: Worker[None] | None = None

    @property
    def job_id(self) -> int | None:
        """The current job's id; None before the first, or after `cancel(keep_final=False)`."""
        return self._job_id

    @property
    def running(self) -> bool:
        """A job was started and neither ended nor was cancelled."""
        return self._worker is not None and not self._worker.is_finished

    def owns(self, message: JobUpdated[R]) -> bool:
        """True for an update of the current job; False for a stale one."""
        return self._job_id is not None and message.job_id == self._job_id

    def start(self, job: Job[R]) -> int:
        """Cancel the running job, if any, and start `job`. Call on the UI thread."""
        self.cancel()
        job_id = self._job_id = next(_job_ids)
        self._worker = self._widget.run_worker(
            lambda: self._drive(job, job_id),
            name=f"{self._group}-{job_id}",
            group=self._group,
            description=mask_text(job.action),
            exit_on_error=False,
            thread=True,
        )
        return job_id

    def cancel(self, *, keep_final: bool = True) -> None:
        """Stop the current job. With `keep_final`, its last (CANCELLED) update still counts."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        if not keep_final:
            self._job_id = None

    def _drive(self, job: Job[R], job_id: int) -> None:
        """In the worker's thread: never touch the widget here, only post to it."""
        worker = get_current_worker()
        cancellation = Cancellation(linked=lambda: worker.is_cancelled)
        widget = self._widget

        def post(update: JobUpdate[R]) -> None:
            try:
                posted = widget.post_message(JobUpdated(job_id, update))
            except RuntimeError:  # the app's event loop has closed
                posted = False
            if not posted:
                cancellation.cancel()  # nobody to show it to

        run_job(
            job,
            post,
            cancellation=cancellation,
            interval=self._interval,
            max_results=self._max_results,
        )
