"""A real pseudo-terminal around a child process, read through a pyte screen.

Timing is taken from the moment the bytes that completed the screen arrived,
not from when a poll noticed them, so polling costs no accuracy.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import pyte

COLUMNS = 120
LINES = 40
POLL_SECONDS = 0.003
T = TypeVar("T")

KEYS = {
    "end": b"\x1b[F",
    "home": b"\x1b[H",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "enter": b"\r",
    "escape": b"\x1b",
}


class _AnsweringScreen(pyte.Screen):
    """A pyte screen that answers status queries as a real terminal does.

    Some programs (yazi among them) ask for the device attributes or the cursor
    position at start and wait for the answer; unanswered, they would be timed
    waiting for a reply no real terminal withholds.
    """

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.reply: Callable[[bytes], None] = lambda data: None

    def write_process_input(self, data: str) -> None:
        self.reply(data.encode())

    def report_device_status(self, mode: int, **kwargs: bool) -> None:
        # private forms (`CSI ? n n`) are not implemented by pyte, which would raise on them
        if not kwargs.get("private"):
            super().report_device_status(mode)


class ScreenTimeout(TimeoutError):
    """The screen did not show what was expected in time; the text says what it showed."""


class ProgramEnded(ScreenTimeout):
    """The program exited (or closed its terminal) while the screen was awaited."""


class ScreenView:
    """What a predicate sees: the live screen, read under the terminal's lock."""

    def __init__(self, screen: pyte.Screen) -> None:
        self._screen = screen
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self._screen.display
        return self._lines

    def contains(self, needle: str) -> bool:
        return any(needle in line for line in self.lines)

    def background(self, row: int, column: int) -> str:
        return str(self._screen.buffer[row][column].bg)


Predicate = Callable[[ScreenView], bool]


def _as_predicate(target: str | Predicate) -> Predicate:
    if isinstance(target, str):
        return lambda view: view.contains(target)
    return target


class Terminal:
    """Runs one command in a pty of fixed size; use as a context manager so it always ends."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        columns: int = COLUMNS,
        lines: int = LINES,
    ) -> None:
        self.argv = list(argv)
        self.columns = columns
        self.lines = lines
        self._env = dict(env if env is not None else os.environ)
        self._env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor"})
        self._env.pop("TEXTUAL", None)
        # the pty's size is the size: Textual would take these over it (a test runner sets them)
        self._env.pop("COLUMNS", None)
        self._env.pop("LINES", None)
        self._cwd = cwd
        self._screen = _AnsweringScreen(columns, lines)
        self._stream = pyte.ByteStream(self._screen)
        self._lock = threading.Condition()
        self._version = 0
        self._updated_at = 0.0
        self._closed = False
        self._reader: threading.Thread | None = None
        self.pid = 0
        self.fd = -1
        self.started_at = 0.0
        self.exit_status: int | None = None

    # lifecycle
    def start(self) -> Terminal:
        master, slave = os.openpty()
        size = struct.pack("HHHH", self.lines, self.columns, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        self.started_at = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: the pty becomes its controlling terminal
            try:
                os.close(master)
                os.login_tty(slave)
                if self._cwd:
                    os.chdir(self._cwd)
                os.execvpe(self.argv[0], self.argv, self._env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.fd = master
        self._screen.reply = self._reply
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()
        return self

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError as exc:
                if exc.errno in (errno.EIO, errno.EBADF):
                    break
                raise
            if not data:
                break
            now = time.perf_counter()
            with self._lock:
                self._stream.feed(data)
                self._version += 1
                self._updated_at = now
                self._lock.notify_all()
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def _reply(self, data: bytes) -> None:
        """Answer the program (from the reader thread, as a terminal would)."""
        with contextlib.suppress(OSError):  # the program is gone: nobody waits for it
            os.write(self.fd, data)

    def is_running(self) -> bool:
        if self.exit_status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.exit_status = os.waitstatus_to_exitcode(status)
        return False

    def wait_exit(self, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.is_running():
                return True
            time.sleep(0.01)
        return not self.is_running()

    def quit(self, key: str = "q", timeout: float = 5.0) -> bool:
        """Ask politely; True when the program ended by itself."""
        if not self.is_running():
            return True
        self.send(key)
        return self.wait_exit(timeout)

    def close(self) -> None:
        """End the child and its process group, whatever state it is in."""
        if self.pid and self.is_running():
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.pid, sig)
                except ProcessLookupError:
                    break
                if self.wait_exit(2.0):
                    break
        # The reader ends by itself once the child's side of the pty is gone.
        if self._reader is not None:
            self._reader.join(timeout=2.0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    # input
    def send(self, key: str) -> float:
        """Write a key (a name from KEYS or literal text); returns when it was sent."""
        data = KEYS.get(key, key.encode())
        sent_at = time.perf_counter()
        os.write(self.fd, data)
        return sent_at

    # output
    def text(self) -> str:
        with self._lock:
            return "\n".join(self._screen.display)

    def read(self, reader: Callable[[ScreenView], T]) -> T:
        """Apply `reader` to the screen as it is now."""
        with self._lock:
            return reader(ScreenView(self._screen))

    def wait_for(self, target: str | Predicate, timeout: float = 10.0) -> float:
        """Block until the screen satisfies `target`; returns when the deciding bytes arrived."""
        return self.wait_all([target], timeout)[0]

    def wait_all(self, targets: Sequence[str | Predicate], timeout: float = 10.0) -> list[float]:
        """Block until every target has been met once; returns when each first was.

        Each target is checked on every screen update, so a marker that shows
        early is timed when it showed, not when the caller got round to it.
        """
        predicates = [_as_predicate(target) for target in targets]
        met: list[float | None] = [None] * len(predicates)
        deadline = time.perf_counter() + timeout
        seen = -1
        with self._lock:
            while True:
                if self._version != seen:
                    seen = self._version
                    view = ScreenView(self._screen)
                    for index, predicate in enumerate(predicates):
                        if met[index] is None and predicate(view):
                            met[index] = self._updated_at
                    if all(value is not None for value in met):
                        return [value for value in met if value is not None]
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self._closed:
                    break
                self._lock.wait(min(POLL_SECONDS, remaining))
            shown = "\n".join(self._screen.display)
        if self._closed:
            raise ProgramEnded(f"the program ended before the screen showed it:\n{shown}")
        raise ScreenTimeout(f"{timeout:.1f} s passed before the screen showed it:\n{shown}")

    def wait_quiet(self, quiet: float, timeout: float) -> bool:
        """Block until the screen has not changed for `quiet` seconds; False on `timeout`."""
        deadline = time.perf_counter() + timeout
        with self._lock:
            while not self._closed:
                now = time.perf_counter()
                still = now - max(self._updated_at, self.started_at)
                if still >= quiet:
                    return True
                if now >= deadline:
                    return False
                self._lock.wait(min(quiet - still, deadline - now))
        return False

    def memory(self) -> dict[str, int]:
        """VmRSS and VmHWM of the child in bytes, from /proc."""
        return read_memory(self.pid)


def read_memory(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) * 1024
    return values
