"""Blocking calls against a deadline in a bounded pool: a hung server costs a few threads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.errors import SpyglassError
from spyglass.fs.call_pool import MAX_THREADS, THREAD_NAME, CallPool, shared_pool
from spyglass.fs.fsspec_backend import FsspecBackend

TIMEOUT = 0.3


def pool_threads(name: str) -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == name]


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


class SilentServerFs(MemoryFileSystem):  # type: ignore[misc]  # fsspec has no types
    """A memory store whose server stops answering while `answering` is clear."""

    cachable = False  # a store of its own per test, not fsspec's shared instance

    def __init__(self, answering: threading.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.answering = answering

    def ls(self, path: str, detail: bool = True, **kwargs: Any) -> Any:
        self.answering.wait()
        return super().ls(path, detail=detail, **kwargs)

    def cat_file(
        self, path: str, start: int | None = None, end: int | None = None, **kw: Any
    ) -> Any:
        self.answering.wait()
        return super().cat_file(path, start=start, end=end, **kw)


@pytest.fixture
def silent_server() -> Iterator[tuple[SilentServerFs, threading.Event, str]]:
    answering = threading.Event()
    fs = SilentServerFs(answering)
    root = f"/silent-{uuid.uuid4().hex}"
    fs.pipe(f"{root}/hello.txt", b"hello")
    try:
        yield fs, answering, root
    finally:
        answering.set()  # let every hung call end
        fs.rm(root, recursive=True)


def call_at_once(count: int, call: Callable[[], object]) -> list[BaseException | object]:
    """`call` from `count` threads at the same time; what each one got."""
    outcomes: list[BaseException | object] = [None] * count

    def run(index: int) -> None:
        try:
            outcomes[index] = call()
        except BaseException as exc:
            outcomes[index] = exc

    callers = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(30)
    return outcomes


def test_a_call_returns_its_answer_and_raises_its_error() -> None:
    pool = CallPool(2, name=f"test-pool-{uuid.uuid4().hex}")
    assert pool.call(5, lambda a, b=0: a + b, 2, b=3) == 5
    with pytest.raises(FileNotFoundError):
        pool.call(5, os.stat, f"/no/such/{uuid.uuid4().hex}")


def test_a_hung_server_costs_at_most_the_pool_size_in_threads(
    silent_server: tuple[SilentServerFs, threading.Event, str],
) -> None:
    fs, answering, root = silent_server
    name = f"test-pool-{uuid.uuid4().hex}"
    size = 3
    backend = FsspecBackend(fs, "memory", timeout=TIMEOUT, pool=CallPool(size, name=name))
    outcomes = call_at_once(size + 5, lambda: list(backend.list_batches(root)))
    assert all(isinstance(outcome, SpyglassError) for outcome in outcomes), outcomes
    assert {str(outcome) for outcome in outcomes} == {"no answer after 0.3 s (timed out)"}
    assert len(pool_threads(name)) <= size
    answering.set()
    [batch] = list(backend.list_batches(root))
    assert [entry.name for entry in batch] == ["hello.txt"]
    assert backend.read_range(f"{root}/hello.txt", 0, 4) == b"hell"
    assert len(pool_threads(name)) <= size


def test_backends_share_one_bounded_pool_by_default(
    silent_server: tuple[SilentServerFs, threading.Event, str],
) -> None:
    fs, answering, root = silent_server
    backend = FsspecBackend(fs, "memory", timeout=TIMEOUT)
    assert backend.pool is shared_pool
    outcomes = call_at_once(MAX_THREADS + 5, lambda: backend.read_range(f"{root}/hello.txt", 0, 5))
    assert all(isinstance(outcome, SpyglassError) for outcome in outcomes), outcomes
    assert len(pool_threads(THREAD_NAME)) <= MAX_THREADS
    answering.set()
    assert backend.read_range(f"{root}/hello.txt", 0, 5) == b"hello"


def test_a_late_answer_is_dropped_and_the_next_call_gets_its_own() -> None:
    pool = CallPool(1, name=f"test-pool-{uuid.uuid4().hex}")
    release = threading.Event()

    def slow() -> str:
        release.wait(10)
        return "late"

    with pytest.raises(SpyglassError, match=r"no answer after 0\.1 s"):
        pool.call(0.1, slow)
    release.set()
    assert pool.call(5, lambda: "fresh") == "fresh"


def test_a_call_that_never_got_a_thread_never_runs() -> None:
    pool = CallPool(1, name=f"test-pool-{uuid.uuid4().hex}")
    release = threading.Event()
    ran: list[str] = []
    try:
        with pytest.raises(SpyglassError):
            pool.call(0.1, release.wait, 10)  # holds the only thread
        with pytest.raises(SpyglassError, match="timed out"):
            pool.call(0.1, ran.append, "queued")  # waits for a thread, gives up
    finally:
        release.set()
    assert pool.call(5, ran.append, "later") is None
    assert ran == ["later"]


def test_idle_threads_end_by_themselves() -> None:
    name = f"test-pool-{uuid.uuid4().hex}"
    pool = CallPool(4, idle_seconds=0.05, name=name)
    call_at_once(4, lambda: pool.call(5, time.sleep, 0.05))
    assert wait_until(lambda: not pool_threads(name))


def test_a_hung_call_does_not_hold_up_the_interpreter_at_exit() -> None:
    script = textwrap.dedent(
        """
        import threading
        from spyglass.errors import SpyglassError
        from spyglass.fs.call_pool import shared_pool

        try:
            shared_pool.call(0.1, threading.Event().wait)  # a server that never answers
        except SpyglassError as exc:
            print(exc)
        """
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "no answer after 0.1 s (timed out)"
    assert time.monotonic() - started < 20


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_starts_threads_of_its_own() -> None:
    pool = CallPool(1, name=f"test-pool-{uuid.uuid4().hex}")
    assert pool.call(5, lambda: 1) == 1  # one idle thread now, in this process only
    child = os.fork()
    if child == 0:  # never return into pytest from here
        ok = False
        try:
            ok = pool.call(5, lambda: 2) == 2
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
