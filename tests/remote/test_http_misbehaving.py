"""HTTP servers that send more than asked, or pages built to be slow: reads stay bounded."""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from spyglass.errors import describe
from spyglass.fs import http_filesystem
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.location import open_backend, resolve
from spyglass.place import connect
from spyglass.previews.loader import DEFAULT_MAX_BYTES, load_preview
from spyglass.previews.results import HexPreview, TextPreview
from tests.remote.conftest import Servers
from tests.remote.servers import HttpServer

CHUNK = 64 * 1024
TEN_GB = 10 * 1024**3
# What loopback TCP and aiohttp buffer beyond the bytes read before the connection
# is closed: measured 0.2-0.5 MiB after a 1 MiB read, 1.4 MiB after 5 MiB (the
# receive window grows with the transfer). The old reader pulled 256 MiB.
IN_FLIGHT = 2 * 1024 * 1024
# fsspec's link regex takes about 10 s of CPU on one of these 1.5 KB blocks.
BACKTRACKING_BLOCK = "<a " + " " * 1500 + ">"
FILE = b"0123456789" * 1000


def endless_text() -> Iterator[bytes]:
    block = b"spyglass " * (CHUNK // 9)
    for _ in range(TEN_GB // len(block)):
        yield block


def gzip_of_zeros() -> Iterator[bytes]:
    """10 GB of zeros, gzip-encoded as it is sent (about 10 MB on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    for _ in range(TEN_GB // len(zeros)):
        piece = compressor.compress(zeros)
        if piece:
            yield piece
    yield compressor.flush()


class Misbehaving(BaseHTTPRequestHandler):
    """Ignores Range everywhere; counts what it manages to send of each body."""

    sent: list[int]

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, CHUNK)

    def do_HEAD(self) -> None:
        self.send_response(200)
        if self.path == "/lying.bin":  # a size, and a 206 to every range: both lies
            self.send_header("Content-Length", str(TEN_GB))
        self.end_headers()  # elsewhere no size: the body has no end

    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        if name == "endless.txt":
            self._stream(endless_text())
        elif name == "lying.bin":
            self._stream(endless_text(), status=206)
        elif name == "bomb.txt":
            self._stream(gzip_of_zeros(), encoding="gzip")
        elif name == "norange.txt":
            self._body(FILE, "text/plain")
        elif name == "slow-index/":
            links = "".join(f'<a href="file{index}.txt">file{index}</a>\n' for index in range(3))
            self._body((BACKTRACKING_BLOCK * 2 + links).encode(), "text/html")
        elif name == "big-index/":
            links = "".join(f'<a href="file{index}.txt">file{index}</a>\n' for index in range(8))
            self._body(links.encode(), "text/html")
        else:
            self._body(b"", "text/plain", status=404)

    def _body(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(
        self, pieces: Iterator[bytes], encoding: str | None = None, status: int = 200
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        count = 0
        try:
            for piece in pieces:
                self.wfile.write(piece)
                count += len(piece)
        except OSError:  # the client closed the connection: what it asked for has been sent
            pass
        finally:
            self.sent.append(count)


@pytest.fixture
def server() -> Iterator[tuple[str, list[int]]]:
    sent: list[int] = []
    handler = type("Handler", (Misbehaving,), {"sent": sent})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", sent
    httpd.shutdown()
    httpd.server_close()


def backend_for(url: str) -> tuple[Backend, str]:
    return open_backend(resolve(url, timeout=20))


def wait_for_bodies(sent: list[int], count: int) -> None:
    """The server thread notes a body once its writes fail: give it a moment."""
    deadline = time.monotonic() + 10
    while len(sent) < count and time.monotonic() < deadline:
        time.sleep(0.02)


def test_a_preview_stops_reading_an_endless_body_that_ignores_range(
    server: tuple[str, list[int]],
) -> None:
    url, sent = server
    backend, path = backend_for(f"{url}/endless.txt")
    preview = load_preview(backend, Entry("endless.txt", path, Kind.FILE))
    assert isinstance(preview, TextPreview)
    assert preview.lines[0].startswith("spyglass spyglass")
    wait_for_bodies(sent, 2)  # the preview's read, then one request for the size
    assert sent and sum(sent) <= DEFAULT_MAX_BYTES + IN_FLIGHT


def test_a_gzip_encoded_body_is_cut_at_the_budget_of_decompressed_bytes(
    server: tuple[str, list[int]],
) -> None:
    url, sent = server
    backend, path = backend_for(f"{url}/bomb.txt")
    tracemalloc.start()
    try:
        head = backend.read_range(path, 0, DEFAULT_MAX_BYTES)
        preview = load_preview(backend, Entry("bomb.txt", path, Kind.FILE))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert head == bytes(DEFAULT_MAX_BYTES)
    assert isinstance(preview, HexPreview)
    assert peak < 32 * 1024 * 1024  # the whole body would be 10 GB
    wait_for_bodies(sent, 1)
    assert sum(sent) < 1024 * 1024  # about a kilobyte a MiB on the wire


def test_a_file_object_reads_a_block_of_a_206_that_never_ends(
    server: tuple[str, list[int]],
) -> None:
    url, sent = server
    backend, path = backend_for(f"{url}/lying.bin")
    with backend.open_binary(path) as handle:  # as an archive over HTTP is read
        assert handle.read(9) == b"spyglass "
    wait_for_bodies(sent, 1)
    block = 5 * 1024 * 1024  # fsspec's block size for HTTP files
    assert sent and sum(sent) <= 2 * block  # one block and what was in flight, of 10 GB


def test_a_later_part_from_a_server_that_ignores_range_is_the_part_asked_for(
    server: tuple[str, list[int]],
) -> None:
    url, _ = server
    backend, path = backend_for(f"{url}/norange.txt")
    assert backend.read_range(path, 0, 10) == FILE[:10]
    assert backend.read_range(path, 1_005, 20) == FILE[1_005:1_025]  # not the start again


def test_a_part_far_into_a_file_from_a_server_that_ignores_range_is_a_sentence(
    server: tuple[str, list[int]],
) -> None:
    url, sent = server
    backend, path = backend_for(f"{url}/endless.txt")
    with pytest.raises(Exception) as raised:
        backend.read_range(path, 5 * 1024**3, 1024)
    assert describe(raised.value, "read", path).endswith(
        "the server does not send parts of files (it ignores Range requests): "
        "only the first 4.0 MiB can be read."
    )
    wait_for_bodies(sent, 1)
    assert sum(sent) <= IN_FLIGHT


def test_an_index_page_built_to_make_a_regex_backtrack_lists_at_once(
    server: tuple[str, list[int]],
) -> None:
    url, _ = server
    backend, path = backend_for(f"{url}/slow-index/")
    started = time.process_time()
    names = [entry.name for batch in backend.list_batches(path) for entry in batch]
    assert time.process_time() - started < 5  # "does not hang": fsspec's regex took 20 s
    assert sorted(names) == ["file0.txt", "file1.txt", "file2.txt"]


def test_an_index_with_more_links_than_the_limit_keeps_the_first_and_says_so(
    server: tuple[str, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_filesystem, "MAX_LINKS", 5)
    url, _ = server
    backend, path = backend_for(f"{url}/big-index/")
    names: list[str] = []
    with pytest.raises(Exception) as raised:
        for batch in backend.list_batches(path):
            names += [entry.name for entry in batch]
    assert names == [f"file{index}.txt" for index in range(5)]
    assert describe(raised.value, "list", path) == (
        f"Cannot list {path}: the index page is longer than spyglass reads (5 links)."
    )


class NoIndex(BaseHTTPRequestHandler):
    """Serves one file; every folder, the root too, is 404."""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        body = FILE if self.path == "/docs/file.txt" else b""
        self.send_response(200 if body else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


@pytest.fixture
def no_index() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NoIndex)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


NO_INDEX = (
    "no index page here (HTTP 404): the folder does not exist, or the server "
    "does not list folders (a file opens by its full URL)."
)


def listed(url: str) -> tuple[list[str], str | None]:
    """Names listed at the place a URL opens, and the sentence if the listing fails."""
    place = connect(resolve(url, timeout=10))
    names: list[str] = []
    try:
        for batch in place.backend.list_batches(place.root):
            names += [entry.name for entry in batch]
    except Exception as exc:
        return names, describe(exc, "list", place.shown)
    return names, None


@pytest.mark.parametrize("suffix", ["", "/", "/docs/"])
def test_a_server_root_or_folder_without_an_index_page_says_so(no_index: str, suffix: str) -> None:
    url = no_index + suffix
    names, sentence = listed(url)
    assert names == []
    assert sentence == f"Cannot list {url}: {NO_INDEX}"


def test_a_file_opened_by_its_url_is_listed_where_its_folder_has_no_index(
    no_index: str,
) -> None:
    names, sentence = listed(f"{no_index}/docs/file.txt")
    assert names == ["file.txt"]
    assert sentence is not None and NO_INDEX in sentence


@pytest.fixture
def corpus_root(servers: Servers) -> str:
    """The root URL of the server the backend tests read their corpus from."""
    server = servers.case("http").server
    assert isinstance(server, HttpServer)
    return server.url


def test_the_root_url_of_a_server_with_an_index_lists_it(corpus_root: str) -> None:
    for url in (corpus_root, corpus_root.rstrip("/")):
        place = connect(resolve(url, timeout=10))
        assert place.focus is None
        names = [entry.name for batch in place.backend.list_batches(place.root) for entry in batch]
        assert names == ["data"]
        assert place.backend.parent(place.root) == place.root  # nothing above a server's root


def test_a_folder_url_without_its_slash_is_the_folder(corpus_root: str) -> None:
    place = connect(resolve(f"{corpus_root}data", timeout=10))
    assert place.focus is None and place.root.endswith("/data")
    names = {entry.name for batch in place.backend.list_batches(place.root) for entry in batch}
    assert {"hello.txt", "nested"} <= names
