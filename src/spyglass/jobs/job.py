"""What a job is: a thing with a name for its failures and a `run` that reports to a context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from spyglass.jobs.context import JobContext

R = TypeVar("R")


class Job(Protocol[R]):
    @property
    def action(self) -> str:
        """What the job does and where, as in "Cannot <action>: <cause>.".

        For example "search /var/log" or "follow app.log": names already safe
        (`safe_name`), secrets are masked by the runner.
        """
        ...

    def run(self, context: JobContext[R]) -> None:
        """Do the work in the calling thread, reporting through `context`."""
        ...
