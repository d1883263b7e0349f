"""What a runner hands its sink: new results, the newest progress, and how it ended."""

from __future__ import annotations

import enum
from typing import Generic, NamedTuple, TypeVar

from spyglass.jobs.progress import Progress

R = TypeVar("R")


class JobState(enum.Enum):
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"  # results so far are delivered, but there may have been more
    FAILED = "failed"


class JobUpdate(NamedTuple, Generic[R]):
    """One delivery. `results` are new since the previous update, in the order emitted.

    Results emitted with `emit_latest` replace the ones not yet delivered, so
    for a job that only uses it `results` holds at most one value: the newest.
    Exactly one update per run is final (state not RUNNING), and it is the last.
    """

    results: tuple[R, ...]
    progress: Progress
    state: JobState = JobState.RUNNING
    error: str | None = None  # with FAILED: one sentence for the user, secrets masked

    @property
    def final(self) -> bool:
        return self.state is not JobState.RUNNING
