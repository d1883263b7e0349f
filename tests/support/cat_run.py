"""Run `spyglass cat` in a child with a deadline, and read the child's peak memory.

The peak is the child's own high-water mark of resident memory (`VmHWM`),
written as it exits. `ru_maxrss` would not do: Linux carries it over from the
forked copy of the test process, which may hold a bomb it just made. A child
past the deadline is killed and says so.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import spyglass

# The package under test, not whichever one the interpreter would find on its own.
_SOURCE = str(Path(spyglass.__file__).resolve().parents[1])


@dataclass(frozen=True)
class CatRun:
    seconds: float
    peak_mib: float
    finished: bool  # False when the deadline killed it
    returncode: int | None
    stderr: str

    @property
    def said(self) -> str:
        """stderr as one line: the console wraps long sentences."""
        return " ".join(self.stderr.split())


def _drain(fd: int) -> None:
    """Read a terminal's output so that the child never blocks writing it."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


# Runs the CLI as `python -m spyglass` does, and writes the peak memory on the way out.
_LAUNCH = """
import atexit, sys

REPORT = sys.argv[1]

def report():
    with open("/proc/self/status") as status, open(REPORT, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")))

atexit.register(report)
sys.argv = ["spyglass", "cat", sys.argv[2]]
from spyglass.cli import main

raise SystemExit(main())
"""


def _peak_mib(report: Path) -> float:
    try:
        return int(report.read_text().split()[1]) / 1024  # kB
    except (OSError, IndexError, ValueError):
        return float("nan")


def run_cat(path: Path, *, deadline: float = 30.0, terminal: bool = False) -> CatRun:
    """`spyglass cat PATH`, its output to a pipe (or a terminal), within `deadline` seconds."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(path.parent),
        "PYTHONPATH": _SOURCE,
        "COLUMNS": "100",
        "LINES": "40",
        "TERM": "xterm-256color",
    }
    master = slave = None
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        if terminal:
            master, slave = pty.openpty()
            threading.Thread(target=_drain, args=(master,), daemon=True).start()
        start = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, str(report), str(path)],
            stdin=subprocess.DEVNULL,
            stdout=slave if slave is not None else subprocess.DEVNULL,
            stderr=errors,
            env=env,
            start_new_session=True,
        )
        if slave is not None:
            os.close(slave)
        finished = True
        while True:
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > deadline:
                os.killpg(child.pid, signal.SIGKILL)
                pid, status = os.waitpid(child.pid, 0)
                finished = False
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        if master is not None:
            os.close(master)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
        peak = _peak_mib(report)
    return CatRun(
        seconds=seconds,
        peak_mib=peak,
        finished=finished,
        returncode=child.returncode if finished else None,
        stderr=stderr,
    )
