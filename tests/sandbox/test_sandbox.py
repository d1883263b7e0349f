"""The sandbox runs tasks in a child it can kill: limits, cancelling, reads through the parent."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.backend import Unsupported
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.sandbox.limits import MIB, Limits
from spyglass.sandbox.pool import Sandbox
from spyglass.sandbox.stopped import Cancelled, Stopped
from tests.support import sandbox_tasks as tasks

# Generous: a loaded 2-core machine starts a child in well under this.
DEADLINE = 15.0


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox(Limits(memory_bytes=200 * MIB, seconds=2.0))
    yield box
    box.close()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_task_runs_in_another_process(sandbox: Sandbox) -> None:
    assert sandbox.run(tasks.add, 2, 3) == 5
    assert sandbox.run(tasks.pid) != os.getpid()


def test_the_warm_child_is_used_again(sandbox: Sandbox) -> None:
    assert sandbox.run(tasks.pid) == sandbox.run(tasks.pid)


def test_a_retired_child_is_unused_and_ends_after_its_call_whether_it_returns_or_raises(
    sandbox: Sandbox,
) -> None:
    used = sandbox.run(tasks.pid)
    first = sandbox.run(tasks.pid, retire=True)
    assert first != used and _gone(first)
    second = sandbox.run(tasks.pid)
    assert second != first
    with pytest.raises(ValueError, match="bad log"):
        sandbox.run(tasks.fail, "bad log", retire=True)
    assert sandbox.run(tasks.pid) == second  # the used child still waits for the next call


def test_what_a_task_raises_is_raised_in_the_parent(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="bad bytes"):
        sandbox.run(tasks.fail, "bad bytes")
    assert sandbox.run(tasks.add, 1, 1) == 2  # the child survives a failing task


def test_reads_go_through_the_parents_backend(
    sandbox: Sandbox, memory_fs: MemoryFileSystem
) -> None:
    # The child has no memory filesystem of its own: only the parent holds these bytes.
    memory_fs.pipe("/data.bin", bytes(range(256)) * 4)
    backend = FsspecBackend(memory_fs, "memory")
    data = sandbox.run(tasks.read_through, "/data.bin", 250, 10, backend=backend)
    assert data == bytes([250, 251, 252, 253, 254, 255, 0, 1, 2, 3])


def test_a_failed_read_is_raised_in_the_child_as_the_backend_raised_it(
    sandbox: Sandbox, memory_fs: MemoryFileSystem
) -> None:
    backend = FsspecBackend(memory_fs, "memory")
    with pytest.raises(FileNotFoundError):
        sandbox.run(tasks.read_through, "/missing.bin", 0, 10, backend=backend)


def test_the_child_may_only_read(sandbox: Sandbox, memory_fs: MemoryFileSystem) -> None:
    backend = FsspecBackend(memory_fs, "memory")
    with pytest.raises(Unsupported):
        sandbox.run(tasks.list_through, "/", backend=backend)
    with pytest.raises(Exception, match="may not call invalidate"):
        sandbox.run(tasks.ask_forbidden, "/", backend=backend)


def test_a_task_that_never_ends_is_stopped_at_the_deadline(sandbox: Sandbox) -> None:
    pid = sandbox.run(tasks.pid)
    started = time.monotonic()
    with pytest.raises(Stopped, match="stopped after 2 s"):
        sandbox.run(tasks.spin)
    assert 1.9 < time.monotonic() - started < DEADLINE
    assert _gone(pid)
    assert sandbox.run(tasks.add, 1, 2) == 3  # a fresh child takes over


def test_a_task_that_grows_is_stopped_at_the_memory_cap(sandbox: Sandbox) -> None:
    with pytest.raises(Stopped, match="used more than 200 MiB"):
        sandbox.run(tasks.hog, 4 * MIB)
    assert sandbox.run(tasks.add, 1, 2) == 3


def test_one_huge_allocation_fails_at_once(sandbox: Sandbox) -> None:
    started = time.monotonic()
    with pytest.raises(Stopped, match="used more than 200 MiB"):
        sandbox.run(tasks.one_huge, 8 * 1024 * MIB)
    assert time.monotonic() - started < DEADLINE


def test_a_crash_in_c_code_is_a_sentence(sandbox: Sandbox) -> None:
    with pytest.raises(Stopped, match="ended unexpectedly"):
        sandbox.run(tasks.crash)
    assert sandbox.run(tasks.add, 2, 2) == 4


def test_cancelling_kills_a_stuck_task_at_once(sandbox: Sandbox) -> None:
    pid = sandbox.run(tasks.pid)
    wanted = threading.Event()
    threading.Timer(0.3, wanted.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        sandbox.run(tasks.spin, cancelled=wanted.is_set)
    assert time.monotonic() - started < 1.0
    assert _gone(pid)


class _Interrupted(BaseException):
    """What a caller's thread sees when it is interrupted mid-call (like KeyboardInterrupt)."""


def test_a_call_interrupted_in_the_parent_never_hands_its_busy_child_on(
    sandbox: Sandbox,
) -> None:
    pid = sandbox.run(tasks.pid)
    started = time.monotonic()

    def interrupt() -> bool:
        if time.monotonic() - started > 0.3:
            raise _Interrupted
        return False

    with pytest.raises(_Interrupted):
        sandbox.run(tasks.spin, cancelled=interrupt)
    assert _gone(pid)  # still spinning otherwise, and the next call would wait on it
    assert sandbox.run(tasks.add, 2, 2) == 4


def test_closing_kills_busy_children_from_another_thread(sandbox: Sandbox) -> None:
    pid = sandbox.run(tasks.pid)
    errors: list[BaseException] = []

    def stuck() -> None:
        try:
            sandbox.run(tasks.spin)
        except BaseException as exc:
            errors.append(exc)

    runner = threading.Thread(target=stuck)
    runner.start()
    time.sleep(0.3)
    started = time.monotonic()
    sandbox.close()
    runner.join(DEADLINE)
    assert time.monotonic() - started < 0.5
    assert _gone(pid)
    assert errors and isinstance(errors[0], Stopped | Cancelled)
    with pytest.raises(Cancelled):
        sandbox.run(tasks.add, 1, 1)


def test_nothing_the_child_prints_reaches_the_terminal(
    sandbox: Sandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    sandbox.run(tasks.chatter, "\x1b]0;owned\x07")
    out, err = capfd.readouterr()
    assert "owned" not in out and "owned" not in err


def test_several_threads_share_the_sandbox(sandbox: Sandbox) -> None:
    results: list[int] = []

    def add(n: int) -> None:
        results.append(sandbox.run(tasks.add, n, n))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE)
    assert sorted(results) == [0, 2, 4, 6, 8, 10]
