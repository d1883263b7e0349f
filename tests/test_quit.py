"""`q` and Ctrl-C end spyglass at once, whatever is still running."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.terminal import Terminal

# The figure is 0.5 s on a quiet machine; a loaded test machine gets some room.
QUIT_SECONDS = 1.5


@pytest.fixture
def hung_server() -> Iterator[str]:
    """A server that accepts connections and never answers a byte."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/data/"
    stop.set()
    listener.close()
    for conn in held:
        conn.close()


def _spyglass(*args: str, cwd: Path) -> Terminal:
    return Terminal([sys.executable, "-m", "spyglass", *args], cwd=str(cwd))


def _quit_time(terminal: Terminal, key: str) -> float:
    started = time.perf_counter()
    terminal.send(key)
    assert terminal.wait_exit(10), "spyglass did not quit"
    return time.perf_counter() - started


@pytest.mark.parametrize("key", ["q", "\x03"], ids=["q", "ctrl-c"])
def test_quitting_does_not_wait_for_a_hung_server(
    hung_server: str, tmp_path: Path, key: str
) -> None:
    with _spyglass(hung_server, "--timeout", "60", cwd=tmp_path) as terminal:
        terminal.wait_for("spyglass", timeout=20)
        time.sleep(0.5)  # the connection is now made and waiting for an answer
        assert _quit_time(terminal, key) < QUIT_SECONDS
        assert terminal.exit_status == 0
