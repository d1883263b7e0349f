"""`spyglass cat --follow` as a user runs it: in a child process, into a pipe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cat_run import _SOURCE


def _follow(log: Path, home: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": _SOURCE, "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "spyglass", "cat", "-f", str(log), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_prints_the_last_ten_lines_then_new_ones_sanitised(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"line {n}\n" for n in range(30)))
    process = _follow(log, tmp_path)
    assert process.stdout is not None and process.stderr is not None
    first = [process.stdout.readline() for _ in range(10)]
    assert first == [f"line {n}\n".encode() for n in range(20, 30)]
    started = time.monotonic()
    with log.open("a") as handle:
        handle.write("\x1b[2J\x1b]0;title\x07cleared?\n")
    assert process.stdout.readline() == b"\\x1b[2J\\x1b]0;title\\x07cleared?\n"
    assert time.monotonic() - started < 2
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    assert b"Traceback" not in process.stderr.read()


def test_ends_when_the_pipe_reader_goes_away(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"line {n}\n" for n in range(30)))
    env = {**os.environ, "PYTHONPATH": _SOURCE, "HOME": str(tmp_path)}
    command = f"{sys.executable} -m spyglass cat -f {log} | head -n 3"
    done = subprocess.run(
        ["sh", "-c", command], capture_output=True, env=env, timeout=30, check=False
    )
    assert done.stdout == b"line 20\nline 21\nline 22\n"
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0


def test_says_what_happened_to_the_file_on_stderr(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("one\n")
    process = _follow(log, tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"one\n"
    log.rename(tmp_path / "app.log.1")
    log.write_text("two\n")
    assert process.stdout.readline() == b"two\n"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    said = process.stderr.read().decode()
    assert "replaced (rotated)" in said
    assert "Traceback" not in said


def test_a_missing_file_is_one_sentence(tmp_path: Path) -> None:
    process = _follow(tmp_path / "nope.log", tmp_path)
    assert process.wait(timeout=20) != 0
    assert process.stderr is not None
    said = process.stderr.read().decode()
    assert said.startswith("spyglass: ")
    assert "Traceback" not in said
