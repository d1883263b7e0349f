"""Following a file as a job: the same loop under the TUI and for `spyglass cat --follow`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spyglass.follow.events import Appended, FollowEvent
from spyglass.follow.tailer import Tailer
from spyglass.follow.waiting import (
    OBJECT_POLL,
    REMOTE_POLL,
    SOON,
    PollWaiter,
    Waiter,
    local_waiter,
)
from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.safe_text import safe_name


@dataclass
class FollowJob:
    """Emits `FollowEvent`s until cancelled: the last lines first, then whatever comes.

    `poll` overrides the interval between looks (None: inotify locally where it
    works, else a poll suited to the backend). `stop_when` ends it quietly.
    """

    backend: Backend
    path: str
    initial_lines: int = 10
    poll: float | None = None
    stop_when: Callable[[], bool] | None = None  # looked at after every wait: the reader left
    _lines: int = 0  # lines emitted so far, for the progress

    @property
    def action(self) -> str:
        return f"follow {safe_name(self.backend.display(self.path))}"

    def run(self, context: JobContext[FollowEvent]) -> None:
        tailer = Tailer(self.backend, self.path, initial_lines=self.initial_lines)
        self._lines = 0
        self._emit_all(context, tailer.start(), tailer)
        waiter = self._waiter(tailer)
        try:
            while True:
                if tailer.unsure:
                    context.sleep(SOON)
                elif not tailer.behind:
                    waiter.wait(context)
                context.check()
                if self.stop_when is not None and self.stop_when():
                    return
                self._emit_all(context, tailer.poll(), tailer)
        finally:
            waiter.close()

    def _waiter(self, tailer: Tailer) -> Waiter:
        if self.poll is not None:
            return PollWaiter(self.poll)
        if self.backend.capabilities.local_paths:
            return local_waiter(self.path)
        return PollWaiter(OBJECT_POLL if tailer.whole_objects else REMOTE_POLL)

    def _emit_all(
        self, context: JobContext[FollowEvent], events: list[FollowEvent], tailer: Tailer
    ) -> None:
        for event in events:
            context.emit(event)
        self._lines += sum(len(event.lines) for event in events if isinstance(event, Appended))
        if events:
            context.progress(
                Progress(visited=self._lines, byte_count=tailer.offset, text=self.action)
            )
