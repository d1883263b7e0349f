"""An HTTP server that misbehaves on loopback: each fault is its own short sentence."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from spyglass.errors import MAX_CAUSE, describe
from spyglass.fs.entry import Entry, Kind
from spyglass.location import open_backend, resolve
from spyglass.previews.loader import load_preview
from spyglass.previews.results import MessagePreview

LONG_REASON = "Overloaded " * 500  # 5,500 characters, under what a client reads in a line
TOO_LONG_REASON = "Overloaded " * 2_000  # more than a client reads in a line
HOSTILE_REASON = "Busy \x1b]52;c;aGFjaw==\x07 now"


class FaultyHandler(BaseHTTPRequestHandler):
    """One fault per path: a status, a redirect loop, a short body, no HTTP at all."""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for the server's log."""

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        name = self.path.strip("/").split(".")[0]
        if name == "error":
            self._status(500)
        elif name == "teapot":
            self._status(418, "I'm a teapot")
        elif name == "long":
            self._status(503, LONG_REASON)
        elif name == "toolong":
            self._status(503, TOO_LONG_REASON)
        elif name == "hostile":
            self._status(502, HOSTILE_REASON)
        elif name == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif name == "short":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"short")
            self.close_connection = True
        elif name == "garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
            self.close_connection = True
        else:
            self._status(404)

    def _status(self, status: int, reason: str | None = None) -> None:
        self.send_response(status, reason)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FaultyHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def opened(url: str) -> str:
    """The sentence for opening the URL (resolving, then a stat), as the app says it."""
    backend, path = open_backend(resolve(url, timeout=10))
    with pytest.raises(Exception) as raised:
        backend.stat(path)
    return describe(raised.value, "open", url)


def previewed(url: str) -> str:
    backend, path = open_backend(resolve(url, timeout=10))
    preview = load_preview(backend, Entry(path.rsplit("/", 1)[-1], path, Kind.FILE, size=10))
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    return preview.message


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("error.txt", "server error 500 (Internal Server Error)"),
        ("teapot.txt", "the server refused the request: 418 (I'm a teapot)"),
        ("loop.txt", "redirect loop: the server kept redirecting (10 hops)"),
        ("garbage.txt", "the server sent a malformed response"),
        ("toolong.txt", "the server sent a malformed response"),
        ("missing.txt", "it does not exist (it may have been moved or deleted)"),
    ],
)
def test_each_fault_is_named_when_opening_and_when_previewing(
    server: str, name: str, cause: str
) -> None:
    url = f"{server}/{name}"
    assert opened(url) == f"Cannot open {url}: {cause}."
    assert previewed(url) == f"Cannot read {url}: {cause}."


def test_a_body_shorter_than_its_length_is_a_malformed_response(server: str) -> None:
    url = f"{server}/short.txt"
    assert previewed(url) == f"Cannot read {url}: the server sent a malformed response."


def test_a_huge_reason_phrase_stays_a_short_sentence(server: str) -> None:
    sentence = opened(f"{server}/long.txt")
    assert "server error 503 (Overloaded" in sentence
    assert len(sentence) < len(server) + MAX_CAUSE + 40


def test_escape_sequences_in_a_reason_phrase_never_reach_the_terminal(server: str) -> None:
    sentence = opened(f"{server}/hostile.txt")
    assert "server error 502" in sentence
    assert "\x1b" not in sentence and "\x07" not in sentence
    assert "\\x1b" in sentence  # shown, escaped
