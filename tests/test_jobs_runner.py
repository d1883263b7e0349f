"""Jobs run to a final update: paced, bounded, nothing lost, cancelled from anywhere."""

from __future__ import annotations

import errno
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from spyglass.errors import SpyglassError
from spyglass.fs.entry import Entry
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.context import JobContext
from spyglass.jobs.progress import Progress
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.tree.sorted_listing import sorted_snapshots


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FindFiles:
    """A small search over a real folder tree: the shape the real jobs will have."""

    root: Path
    suffix: str

    @property
    def action(self) -> str:
        return f"search {self.root}"

    def run(self, context: JobContext[str]) -> None:
        visited = matched = 0
        folders = [self.root]
        while folders:
            folder = folders.pop(0)
            context.check()
            with os.scandir(folder) as entries:
                for entry in sorted(entries, key=lambda entry: entry.name):
                    visited += 1
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif entry.name.endswith(self.suffix):
                        matched += 1
                        context.emit(str(Path(entry.path).relative_to(self.root)))
            context.progress(
                Progress(visited=visited, matched=matched, text=f"searching {folder.name}")
            )


class Scripted:
    """Runs `body` as the job; for the behaviours of the context itself."""

    def __init__(self, body: Callable[[JobContext[int]], None], action: str = "count") -> None:
        self.body = body
        self.action = action

    def run(self, context: JobContext[int]) -> None:
        self.body(context)


@dataclass
class Collect:
    updates: list[JobUpdate[int]] = field(default_factory=list)

    def __call__(self, update: JobUpdate[int]) -> None:
        self.updates.append(update)

    @property
    def results(self) -> list[int]:
        return [result for update in self.updates for result in update.results]


def build_tree(root: Path) -> set[str]:
    expected = set()
    for top in range(3):
        for sub in range(4):
            folder = root / f"dir{top}" / f"sub{sub}"
            folder.mkdir(parents=True)
            for index in range(5):
                (folder / f"file{index}.log").write_text("x")
                (folder / f"file{index}.txt").write_text("x")
                expected.add(f"dir{top}/sub{sub}/file{index}.log")
    (root / "top.log").write_text("x")
    expected.add("top.log")
    return expected


def test_a_search_over_a_real_tree_delivers_every_match_then_a_final_update(
    tmp_path: Path,
) -> None:
    expected = build_tree(tmp_path)
    updates: list[JobUpdate[str]] = []
    final = run_job(FindFiles(tmp_path, ".log"), updates.append)
    found = [result for update in updates for result in update.results]
    assert sorted(found) == sorted(expected) and len(found) == len(expected)
    assert updates[-1] is final and final.state is JobState.FINISHED and final.error is None
    assert not any(update.final for update in updates[:-1])
    assert final.progress.matched == len(expected)
    assert final.progress.visited == 3 + 12 + 12 * 10 + 1


def test_the_first_result_is_delivered_at_once() -> None:
    clock = FakeClock()
    seen: list[tuple[int, ...]] = []

    def body(context: JobContext[int]) -> None:
        context.emit(1)
        assert seen == [(1,)]  # before the job goes on
        context.emit(2)
        assert seen == [(1,)]  # the next one waits for the interval

    run_job(Scripted(body), lambda update: seen.append(update.results), clock=clock)
    assert seen == [(1,), (2,)]


def test_a_burst_becomes_few_bounded_updates_and_nothing_is_lost() -> None:
    clock = FakeClock()
    sink = Collect()

    def body(context: JobContext[int]) -> None:
        for number in range(10_000):
            context.emit(number)

    run_job(Scripted(body), sink, clock=clock, max_results=100)
    assert sink.results == list(range(10_000))
    assert all(len(update.results) <= 100 for update in sink.updates)
    assert len(sink.updates) <= 10_000 // 100 + 2


def test_a_trickle_is_paced_to_one_update_per_interval() -> None:
    clock = FakeClock()
    times: list[float] = []

    def body(context: JobContext[int]) -> None:
        for number in range(640):
            clock.now += 1 / 64
            context.emit(number)

    sink = Collect()

    def record(update: JobUpdate[int]) -> None:
        times.append(clock.now)
        sink(update)

    run_job(Scripted(body), record, clock=clock, interval=0.25)
    running = times[:-1]
    gaps = [later - earlier for earlier, later in itertools.pairwise(running)]
    assert gaps and min(gaps) >= 0.25
    assert len(sink.updates) == 10 * 4 + 1  # 10 s at 4 a second, and the final
    assert sink.results == list(range(640))


def test_latest_value_wins_within_an_interval() -> None:
    clock = FakeClock()
    sink = Collect()

    def body(context: JobContext[int]) -> None:
        for snapshot in range(1, 101):
            clock.now += 1 / 64
            context.emit_latest(snapshot)

    run_job(Scripted(body), sink, clock=clock, interval=0.25)
    assert [update.results for update in sink.updates] == [
        (1,),
        (17,),
        (33,),
        (49,),
        (65,),
        (81,),
        (97,),
        (100,),
    ]
    assert sink.updates[-1].final


def test_progress_alone_is_delivered_when_due_and_the_newest_wins() -> None:
    clock = FakeClock()
    sink = Collect()

    def body(context: JobContext[int]) -> None:
        for visited in range(1, 101):
            clock.now += 1 / 64
            context.progress(Progress(visited=visited, text=f"at {visited}"))

    final = run_job(Scripted(body), sink, clock=clock, interval=0.25)
    assert [update.progress.visited for update in sink.updates[:3]] == [1, 17, 33]
    assert final.progress == Progress(visited=100, text="at 100")
    assert all(update.results == () for update in sink.updates)


def test_a_failure_is_a_masked_sentence_in_the_final_update(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sink = Collect()

    def body(context: JobContext[int]) -> None:
        context.emit(1)
        raise PermissionError(errno.EACCES, "denied by password=hunter22")

    job = Scripted(body, "search sftp://bob:hunter22@example.org/logs")
    with caplog.at_level(logging.DEBUG, logger="spyglass.jobs"):
        final = run_job(job, sink)
    assert final.state is JobState.FAILED
    assert final.error == "Cannot search sftp://bob:****@example.org/logs: permission denied."
    assert sink.results == [1]  # what was found before the failure is kept
    assert "Traceback" in caplog.text and "PermissionError" in caplog.text
    assert "hunter22" not in caplog.text


def test_a_failure_of_any_kind_is_one_line_with_controls_escaped() -> None:
    def body(context: JobContext[int]) -> None:
        raise ValueError("bad\x1b[31m value\nsecond line token=abcdef")

    final = run_job(Scripted(body), Collect())
    assert final.error == "Cannot count: ValueError: bad\\x1b[31m value."


def test_a_spyglass_error_is_already_the_sentence() -> None:
    def body(context: JobContext[int]) -> None:
        raise SpyglassError("The pattern [a- is not valid")

    final = run_job(Scripted(body), Collect())
    assert final.error == "The pattern [a- is not valid."


def test_cancel_from_another_thread_ends_a_busy_job_quickly() -> None:
    cancellation = Cancellation()
    sink = Collect()

    def body(context: JobContext[int]) -> None:
        number = 0
        while True:
            context.check()
            number += 1
            if number % 1_000 == 0:
                context.emit(number)

    threading.Timer(0.1, cancellation.cancel).start()
    started = time.monotonic()
    final = run_job(Scripted(body), sink, cancellation=cancellation)
    assert time.monotonic() - started < 1.0
    assert final.state is JobState.CANCELLED and final is sink.updates[-1]


def test_sleep_wakes_on_cancel() -> None:
    cancellation = Cancellation()

    def body(context: JobContext[int]) -> None:
        context.sleep(30)

    threading.Timer(0.05, cancellation.cancel).start()
    started = time.monotonic()
    final = run_job(Scripted(body), Collect(), cancellation=cancellation)
    assert time.monotonic() - started < 1.0
    assert final.state is JobState.CANCELLED


def test_sleep_wakes_on_a_linked_flag() -> None:
    flag = threading.Event()

    def body(context: JobContext[int]) -> None:
        context.sleep(30)

    threading.Timer(0.05, flag.set).start()
    started = time.monotonic()
    final = run_job(Scripted(body), Collect(), cancellation=Cancellation(linked=flag.is_set))
    assert time.monotonic() - started < 1.0
    assert final.state is JobState.CANCELLED


def test_sleep_delivers_results_that_fall_due() -> None:
    deliveries: list[tuple[float, tuple[int, ...]]] = []
    started = time.monotonic()

    def body(context: JobContext[int]) -> None:
        context.emit(1)
        context.emit(2)  # waits for the interval, which passes during the sleep
        context.sleep(0.5)
        assert [results for _, results in deliveries] == [(1,), (2,)]

    def record(update: JobUpdate[int]) -> None:
        deliveries.append((time.monotonic() - started, update.results))

    run_job(Scripted(body), record, interval=0.1)
    assert 0.09 < deliveries[1][0] < 0.45  # during the sleep, not after it


def test_a_job_that_returns_after_seeing_cancelled_ends_cancelled() -> None:
    cancellation = Cancellation()

    def body(context: JobContext[int]) -> None:
        cancellation.cancel()
        if context.cancelled:
            return

    assert run_job(Scripted(body), Collect(), cancellation=cancellation).state is (
        JobState.CANCELLED
    )


def test_a_job_cancelled_before_it_starts_does_not_run() -> None:
    cancellation = Cancellation()
    cancellation.cancel()
    ran: list[bool] = []
    final = run_job(
        Scripted(lambda context: ran.append(True)), Collect(), cancellation=cancellation
    )
    assert ran == [] and final.state is JobState.CANCELLED


def test_except_exception_in_a_job_does_not_swallow_cancellation() -> None:
    cancellation = Cancellation()
    swallowed: list[bool] = []

    def body(context: JobContext[int]) -> None:
        cancellation.cancel()
        try:
            context.emit(1)
        except Exception:
            swallowed.append(True)
        context.emit(2)

    final = run_job(Scripted(body), Collect(), cancellation=cancellation)
    assert swallowed == [] and final.state is JobState.CANCELLED and final.results == ()


def test_progress_in_a_finally_after_cancel_reaches_the_final_update() -> None:
    cancellation = Cancellation()

    def body(context: JobContext[int]) -> None:
        try:
            cancellation.cancel()
            context.check()
        finally:
            context.progress(Progress(visited=7))

    final = run_job(Scripted(body), Collect(), cancellation=cancellation)
    assert final.state is JobState.CANCELLED and final.progress.visited == 7


def test_a_failing_sink_stops_the_job_and_its_error_comes_back() -> None:
    emitted: list[int] = []
    clock = FakeClock()

    def sink(update: JobUpdate[int]) -> None:
        if len(emitted) > 1:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def body(context: JobContext[int]) -> None:
        for number in range(1_000):
            clock.now += 1.0
            emitted.append(number)
            context.emit(number)

    with pytest.raises(BrokenPipeError):
        run_job(Scripted(body), sink, clock=clock)
    assert emitted == [0, 1]


def test_ctrl_c_delivers_a_final_cancelled_update_then_goes_on() -> None:
    sink = Collect()
    clock = FakeClock()

    def body(context: JobContext[int]) -> None:
        context.emit(1)
        context.emit(2)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_job(Scripted(body), sink, clock=clock)
    assert sink.results == [1, 2]
    assert sink.updates[-1].state is JobState.CANCELLED


def test_the_first_result_goes_at_once_even_after_a_progress_update() -> None:
    clock = FakeClock()
    seen: list[JobUpdate[int]] = []

    def body(context: JobContext[int]) -> None:
        context.progress(Progress(text="searching /"))
        clock.now += 0.01
        context.emit(1)
        assert [update.results for update in seen] == [(), (1,)]

    run_job(Scripted(body), seen.append, clock=clock)


@dataclass
class ListFolder:
    """The tree's listing as a job: every snapshot is a whole state."""

    path: Path

    @property
    def action(self) -> str:
        return f"list {self.path}"

    def run(self, context: JobContext[list[Entry]]) -> None:
        snapshots = sorted_snapshots(
            LocalBackend(), str(self.path), cancelled=lambda: context.cancelled, interval=0.0
        )
        for snapshot in snapshots:
            context.emit_latest(list(snapshot.entries))


def test_a_listing_job_delivers_only_the_newest_snapshot(tmp_path: Path) -> None:
    for index in range(2_000):
        (tmp_path / f"file{index}").touch()
    updates: list[JobUpdate[list[Entry]]] = []
    final = run_job(ListFolder(tmp_path), updates.append, clock=FakeClock())
    assert [len(update.results) for update in updates] == [1, 1]  # the first, then the last
    names = [entry.name for entry in final.results[0]]
    assert names == [f"file{index}" for index in range(2_000)]
