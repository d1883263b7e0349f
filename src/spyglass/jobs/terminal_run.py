"""Run a job from the command line: `spyglass find`, `grep`, `du`, `cat --follow`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TextIO, TypeVar

from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.job import Job
from spyglass.jobs.runner import MAX_RESULTS, UPDATE_INTERVAL, run_job
from spyglass.jobs.update import JobState, JobUpdate

R = TypeVar("R")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as the shell reports Ctrl-C


def run_in_terminal(
    job: Job[R],
    show: Callable[[R], None],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    interval: float = UPDATE_INTERVAL,
    max_results: int = MAX_RESULTS,
) -> int:
    """Run `job` on this thread, `show` each result (it prints), return the exit status.

    Output is flushed after every update, so a pipe sees results as they come
    (`cat --follow | grep`). Ctrl-C cancels the job: the results found so
    far are shown and the status is 130. A reader that goes away (`| head`)
    ends the job quietly with status 0. A failure is one line on stderr.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr

    def deliver(update: JobUpdate[R]) -> None:
        for result in update.results:
            show(result)
        out.flush()

    try:
        final = run_job(
            job, deliver, cancellation=Cancellation(), interval=interval, max_results=max_results
        )
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence(out)
        return EXIT_OK
    if final.state is JobState.FAILED:
        print(f"spyglass: {final.error}", file=err)
        return EXIT_FAILED
    return EXIT_OK


def _silence(out: TextIO) -> None:
    """Point the closed stream at /dev/null, so the flush at exit cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test's StringIO)
        pass
