"""Drive a job to its end in the calling thread; a failure is a sentence, never a raise."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from spyglass.errors import SpyglassError, cause_of
from spyglass.jobs.cancellation import Cancellation, JobCancelled
from spyglass.jobs.context import JobContext, Sink
from spyglass.jobs.job import Job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text

R = TypeVar("R")

log = logging.getLogger(__name__)

# A few updates a second is as fast as anyone reads, and each one costs the UI a refresh.
UPDATE_INTERVAL = 0.25
MAX_RESULTS = 1_000


def failure_sentence(action: str, exc: BaseException) -> str:
    """`Cannot search /var/log: permission denied.`: one line, secrets masked."""
    cause = cause_of(exc)  # a SpyglassError is already a whole sentence
    sentence = cause if isinstance(exc, SpyglassError) else f"Cannot {action}: {cause}"
    if not sentence.endswith("."):
        sentence += "."
    return safe_name(mask_text(sentence))


def run_job(
    job: Job[R],
    sink: Sink[R],
    *,
    cancellation: Cancellation | None = None,
    interval: float = UPDATE_INTERVAL,
    max_results: int = MAX_RESULTS,
    clock: Callable[[], float] = time.monotonic,
) -> JobUpdate[R]:
    """Run `job` here and now; every update goes to `sink`, the last one final.

    Returns the final update. The job's own exceptions end it as FAILED with a
    sentence (the traceback goes to the debug log). Two things do raise, after
    the job has unwound: an exception from `sink` (nobody is listening: the job
    is cancelled and the error handed back), and KeyboardInterrupt, after the
    final update says CANCELLED, so that Ctrl-C still ends the program.
    `clock` paces the updates; it is replaceable for tests.
    """
    if cancellation is None:
        cancellation = Cancellation()
    context: JobContext[R] = JobContext(
        sink, cancellation, interval=interval, max_results=max_results, clock=clock
    )
    state, error, interrupted = JobState.FINISHED, None, False
    try:
        if not cancellation.is_cancelled:
            job.run(context)
    except JobCancelled:
        state = JobState.CANCELLED
    except KeyboardInterrupt:
        cancellation.cancel()
        state, interrupted = JobState.CANCELLED, True
    except Exception as exc:
        if context.sink_error is None:
            if log.isEnabledFor(logging.DEBUG):
                # masked too: exception texts can carry URLs with passwords
                trace = mask_text("".join(traceback.format_exception(exc)))
                log.debug("job %s failed:\n%s", mask_text(job.action), trace)
            state, error = JobState.FAILED, failure_sentence(job.action, exc)
    if context.sink_error is not None:
        raise context.sink_error
    if state is JobState.FINISHED and cancellation.is_cancelled:
        state = JobState.CANCELLED  # it stopped early on its own look at `cancelled`
    final = context.finish(state, error)
    if interrupted:
        raise KeyboardInterrupt
    return final
