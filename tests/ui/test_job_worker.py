"""Jobs in a thread worker: updates come back as messages, stale ones are dropped, Esc cancels."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static

from spyglass.jobs.context import JobContext
from spyglass.jobs.update import JobState
from spyglass.ui.job_worker import JobUpdated, JobWorker


class ListFiles:
    """Names of the files under a real folder, one result each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.action = f"list {root}"

    def run(self, context: JobContext[str]) -> None:
        for folder, _, files in os.walk(self.root):
            context.check()
            for name in sorted(files):
                context.emit(os.path.relpath(os.path.join(folder, name), self.root))


class Ticks:
    """Counts until cancelled; `stopped` is set once its thread is out of the job."""

    action = "tick"

    def __init__(self) -> None:
        self.stopped = threading.Event()

    def run(self, context: JobContext[str]) -> None:
        try:
            tick = 0
            while True:
                tick += 1
                context.emit(f"tick {tick}")
                context.sleep(0.01)
        finally:
            self.stopped.set()


class Held:
    """Emits once, then waits for `release` without looking at the context (a slow read)."""

    action = "hold"

    def __init__(self) -> None:
        self.release = threading.Event()

    def run(self, context: JobContext[str]) -> None:
        context.emit("held 1")
        self.release.wait(10)
        context.emit("held 2")


class Results(Static):
    BINDINGS = [Binding("escape", "cancel_job", "Cancel")]
    can_focus = True

    def __init__(self) -> None:
        super().__init__("")
        self.jobs: JobWorker[str] = JobWorker(self, "test-job")
        self.received: list[JobUpdated[str]] = []
        self.accepted: list[JobUpdated[str]] = []
        self.handler_threads: set[int] = set()

    def on_job_updated(self, message: JobUpdated[str]) -> None:
        self.handler_threads.add(threading.get_ident())
        self.received.append(message)
        if not self.jobs.owns(message):
            return
        self.accepted.append(message)
        self.update(f"{sum(len(m.update.results) for m in self.accepted)} results")

    def action_cancel_job(self) -> None:
        self.jobs.cancel()

    def results_of(self, job_id: int) -> list[str]:
        return [
            result
            for message in self.accepted
            if message.job_id == job_id
            for result in message.update.results
        ]

    def finished(self, job_id: int, messages: list[JobUpdated[str]] | None = None) -> bool:
        return any(
            message.job_id == job_id and message.update.final
            for message in (self.accepted if messages is None else messages)
        )


class JobApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Results()


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition not reached in 5 s")


async def test_updates_arrive_as_messages_on_the_ui_thread(tmp_path: Path) -> None:
    expected = []
    for index in range(300):
        (tmp_path / f"f{index:03}.txt").write_text("x")
        expected.append(f"f{index:03}.txt")
    app = JobApp()
    async with app.run_test() as pilot:
        results = app.query_one(Results)
        job_id = results.jobs.start(ListFiles(tmp_path))
        await wait_until(pilot, lambda: results.finished(job_id))
        assert results.results_of(job_id) == expected
        assert results.accepted[-1].update.state is JobState.FINISHED
        assert results.handler_threads == {threading.get_ident()}
        assert not results.jobs.running


async def test_updates_from_a_replaced_job_are_dropped() -> None:
    app = JobApp()
    async with app.run_test() as pilot:
        results = app.query_one(Results)
        held = Held()
        old = results.jobs.start(held)
        await wait_until(pilot, lambda: results.results_of(old) == ["held 1"])
        new = results.jobs.start(Ticks())
        held.release.set()  # the old job now posts its last (cancelled) update
        await wait_until(pilot, lambda: results.finished(old, results.received))
        stale = [message for message in results.received if message.job_id == old]
        assert stale[-1].update.state is JobState.CANCELLED
        assert stale[-1] not in results.accepted
        await wait_until(pilot, lambda: len(results.results_of(new)) >= 2)
        assert all(message.job_id == new for message in results.accepted[1:])
        results.jobs.cancel()


async def test_escape_cancels_the_job_and_its_thread_stops() -> None:
    app = JobApp()
    async with app.run_test() as pilot:
        results = app.query_one(Results)
        ticks = Ticks()
        job_id = results.jobs.start(ticks)
        await wait_until(pilot, lambda: len(results.results_of(job_id)) >= 3)
        await pilot.press("escape")
        await wait_until(pilot, ticks.stopped.is_set)
        await wait_until(pilot, lambda: results.finished(job_id))
        assert results.accepted[-1].update.state is JobState.CANCELLED
        ticks_seen = results.results_of(job_id)
        assert ticks_seen == [f"tick {n}" for n in range(1, len(ticks_seen) + 1)]


async def test_a_job_ends_when_its_widget_leaves_the_screen() -> None:
    app = JobApp()
    async with app.run_test() as pilot:
        results = app.query_one(Results)
        ticks = Ticks()
        job_id = results.jobs.start(ticks)
        await wait_until(pilot, lambda: len(results.results_of(job_id)) >= 1)
        await results.remove()
        await wait_until(pilot, ticks.stopped.is_set)
