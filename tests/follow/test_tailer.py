"""The tailer over real local files: appends, truncation, rotation, deletion, hostile bytes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from spyglass.follow.events import Appended, Back, FollowEvent, Gone, Replaced, Truncated
from spyglass.follow.tailer import GONE_GRACE, Tailer
from spyglass.follow.window import LineWindow
from spyglass.fs.local_backend import LocalBackend


def _lines(events: list[FollowEvent]) -> list[str]:
    return [line for event in events if isinstance(event, Appended) for line in event.lines]


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def _tailer(path: Path, initial: int = 10) -> Tailer:
    return Tailer(LocalBackend(), str(path), initial_lines=initial)


def test_start_shows_the_last_lines_and_holds_the_open_one(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"line {n}\n" for n in range(100)) + "half")
    tailer = _tailer(log)
    events = tailer.start()
    assert _lines(events) == [f"line {n}" for n in range(90, 100)]
    assert events[0].initial  # type: ignore[union-attr]
    _append(log, " done\nnext\n")
    assert _lines(tailer.poll()) == ["half done", "next"]
    assert tailer.poll() == []


def test_offsets_point_at_the_lines(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"a\nbb\r\nccc\n")
    tailer = _tailer(log)
    (event,) = tailer.start()
    assert isinstance(event, Appended)
    assert event.lines == ("a", "bb", "ccc")
    assert event.offsets == (0, 2, 6)
    assert event.end == 10


def test_escape_sequences_and_bad_bytes_are_made_visible(tmp_path: Path) -> None:
    log = tmp_path / "hostile.log"
    log.write_bytes(b"start\n")
    tailer = _tailer(log)
    tailer.start()
    _append(log, "\x1b]0;owned\x07\x1b[2J red \u202e evil\n")
    with log.open("ab") as handle:
        handle.write(b"bad \xff\xfe bytes\n")
    lines = _lines(tailer.poll())
    assert lines[0] == "\\x1b]0;owned\\x07\\x1b[2J red \\u202e evil"
    assert lines[1] == "bad \ufffd\ufffd bytes"
    assert all("\x1b" not in line for line in lines)


def test_truncation_is_reported_and_new_lines_follow(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("old 1\nold 2\n")
    tailer = _tailer(log)
    tailer.start()
    with log.open("w") as handle:  # copytruncate: same file, cut to nothing
        handle.write("")
    events = tailer.poll()
    assert [type(event) for event in events] == [Truncated]
    _append(log, "new 1\n")
    assert _lines(tailer.poll()) == ["new 1"]


def test_copytruncate_with_lines_already_written_shows_them(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"old {n}\n" for n in range(50)))
    tailer = _tailer(log)
    tailer.start()
    inode = log.stat().st_ino
    os.truncate(log, 0)
    _append(log, "new 1\nnew 2\n")
    assert log.stat().st_ino == inode
    events = tailer.poll()
    assert isinstance(events[0], Truncated)
    assert _lines(events) == ["new 1", "new 2"]


def test_rotation_by_rename_follows_the_new_file_from_its_start(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"old {n}\n" for n in range(5)))
    tailer = _tailer(log)
    tailer.start()
    log.rename(tmp_path / "app.log.1")
    log.write_text("fresh 1\nfresh 2 is longer than anything before it, much longer\n")
    events = tailer.poll()
    assert isinstance(events[0], Replaced)
    assert not events[0].whole_object
    assert _lines(events) == [
        "fresh 1",
        "fresh 2 is longer than anything before it, much longer",
    ]
    _append(log, "fresh 3\n")
    assert _lines(tailer.poll()) == ["fresh 3"]


def test_rewritten_in_place_with_the_same_size_is_a_replacement(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("aaaa\n")
    tailer = _tailer(log)
    tailer.start()
    time.sleep(0.01)
    with log.open("r+") as handle:  # same inode, same size, other bytes
        handle.write("bbbb\n")
    events = tailer.poll()
    assert isinstance(events[0], Replaced)
    assert _lines(events) == ["bbbb"]


def test_a_deleted_file_is_gone_then_back(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("one\n")
    tailer = _tailer(log)
    tailer.start()
    log.unlink()
    assert tailer.poll() == []  # not yet: it may be a rotation under way
    assert tailer.unsure
    time.sleep(GONE_GRACE + 0.05)
    assert [type(event) for event in tailer.poll()] == [Gone]
    assert tailer.poll() == []
    log.write_text("two\n")
    events = tailer.poll()
    assert isinstance(events[0], Back)
    assert _lines(events) == ["two"]


def test_a_big_growth_is_read_in_chunks(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("")
    tailer = Tailer(LocalBackend(), str(log), chunk=4096)
    tailer.start()
    _append(log, "".join(f"{n:07d}\n" for n in range(10_000)))
    got: list[str] = []
    polls = 0
    while True:
        got += _lines(tailer.poll())
        polls += 1
        if not tailer.behind:
            break
    assert got == [f"{n:07d}" for n in range(10_000)]
    assert polls >= 80000 // 4096


@pytest.mark.parametrize("capacity", [100, 1000])
def test_the_window_stays_bounded_while_the_log_grows(tmp_path: Path, capacity: int) -> None:
    log = tmp_path / "app.log"
    log.write_text("")
    tailer = Tailer(LocalBackend(), str(log), chunk=64 * 1024)
    window = LineWindow(capacity)
    for event in tailer.start():
        assert isinstance(event, Appended)
        window.append(event)
    most = 0
    for round_ in range(50):
        _append(log, "".join(f"round {round_} line {n}\n" for n in range(500)))
        while True:
            for event in tailer.poll():
                assert isinstance(event, Appended)
                window.append(event)
                most = max(most, len(window))
            if not tailer.behind:
                break
    assert most == capacity
    assert window.lines[-1] == "round 49 line 499"
    assert window.offsets[0] == log.read_bytes().index(window.lines[0].encode())
