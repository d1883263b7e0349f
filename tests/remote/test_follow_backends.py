"""Following a file over SFTP (stat polls, range reads) and an S3 object (ETag polls)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from spyglass.follow.events import Appended, FollowEvent, Replaced, Truncated
from spyglass.follow.tailer import Tailer
from spyglass.location import open_backend
from tests.remote.conftest import Case, Servers


def _lines(events: list[FollowEvent]) -> list[str]:
    return [line for event in events if isinstance(event, Appended) for line in event.lines]


class _Reads:
    """Counts the bytes the tailer asks for: only the new ones, never the whole file."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.asked = 0
        self.capabilities = backend.capabilities

    def read_range(self, path: str, start: int, length: int) -> bytes:
        self.asked += length
        data: bytes = self.backend.read_range(path, start, length)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)


def _poll_until(tailer: Tailer, wanted: int, seconds: float = 10.0) -> list[FollowEvent]:
    events: list[FollowEvent] = []
    end = time.monotonic() + seconds
    while len(_lines(events)) < wanted and time.monotonic() < end:
        events += tailer.poll()
        if len(_lines(events)) < wanted:
            time.sleep(0.05)
    return events


def test_sftp_appends_are_read_as_ranges_and_truncation_is_seen(
    servers: Servers, corpus: Path
) -> None:
    case: Case = servers.case("sftp")
    log = corpus / "data" / "follow-sftp.log"
    log.write_text("".join(f"old {n}\n" for n in range(20_000)))
    backend, _ = open_backend(case.location())
    reads = _Reads(backend)
    path = case.location("follow-sftp.log").path
    tailer = Tailer(reads, path)
    assert _lines(tailer.start()) == [f"old {n}" for n in range(19_990, 20_000)]
    reads.asked = 0
    with log.open("a") as handle:
        handle.write("new 1\nnew \x1b[31m2\n")
    assert _lines(_poll_until(tailer, 2)) == ["new 1", "new \\x1b[31m2"]
    assert reads.asked < 1024  # the new bytes and a small anchor, not the 200 KB before
    log.write_text("")
    with log.open("a") as handle:
        handle.write("after\n")
    events = _poll_until(tailer, 1)
    assert any(isinstance(event, Truncated) for event in events)
    assert _lines(events) == ["after"]


def test_sftp_rotation_by_rename_is_followed(servers: Servers, corpus: Path) -> None:
    case: Case = servers.case("sftp")
    log = corpus / "data" / "rotate-sftp.log"
    log.write_text("".join(f"old line {n}\n" for n in range(30)))
    backend, _ = open_backend(case.location())
    tailer = Tailer(backend, case.location("rotate-sftp.log").path)
    tailer.start()
    log.rename(log.with_suffix(".log.1"))
    log.write_text("".join(f"a new file's line number {n}\n" for n in range(40)))
    events = _poll_until(tailer, 40)
    assert any(isinstance(event, Replaced | Truncated) for event in events)
    assert _lines(events)[:2] == ["a new file's line number 0", "a new file's line number 1"]


@pytest.mark.parametrize("store", ["s3"])
def test_an_object_that_grows_is_read_from_its_tail_and_a_new_one_is_replaced(
    servers: Servers, store: str
) -> None:
    case: Case = servers.case(store)
    backend, _ = open_backend(case.location())
    path = case.location("follow-object.log").path
    body = b"".join(b"line %d\n" % n for n in range(5_000))
    backend.write_file(path, body, expected=None)
    reads = _Reads(backend)
    tailer = Tailer(reads, path)
    assert _lines(tailer.start())[-1] == "line 4999"
    assert tailer.whole_objects
    reads.asked = 0
    backend.write_file(path, body + b"grown 1\ngrown 2\n", expected=None)
    assert _lines(_poll_until(tailer, 2)) == ["grown 1", "grown 2"]
    assert reads.asked < 1024
    backend.write_file(
        path, b"something else entirely, longer than the anchor\n" * 3, expected=None
    )
    events = _poll_until(tailer, 3)
    replaced = [event for event in events if isinstance(event, Replaced)]
    assert replaced and replaced[0].whole_object
    assert replaced[0].message.startswith("object replaced")
    assert _lines(events)[0] == "something else entirely, longer than the anchor"
