"""A TCP relay on 127.0.0.1 that counts the bytes it carries and can slow each request down.

Counting at the TCP level measures what crossed the wire (headers, bodies,
retries, readahead), not what the client says it read. HTTP/1.1 keeps a
connection open for many requests, so a request is recognised as the first
bytes the client sends after the server last spoke; the added latency is slept
before those bytes are passed on, once per request, as a long link would.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType

CHUNK = 256 * 1024
ACCEPT_POLL = 0.1


@dataclass
class Exchange:
    """One request as the client sent it, and how many bytes came back for it."""

    request: str  # the request line, e.g. "GET /bucket/key HTTP/1.1"
    range: str | None  # the Range header, if any
    at: float = field(default_factory=time.perf_counter)  # when it reached the proxy
    downstream: int = 0

    def describe(self) -> str:
        method, _, rest = self.request.partition(" ")
        target = rest.rpartition(" ")[0] or rest
        ranged = f" [{self.range}]" if self.range else ""
        return f"{method} {target[:100]}{ranged}: {self.downstream:,} B"


def _exchange(data: bytes) -> Exchange:
    """The request line and Range header from the first bytes of a request."""
    lines = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    ranged = None
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"range":
            ranged = value.strip().decode("latin-1")
    return Exchange(lines[0].decode("latin-1"), ranged)


@dataclass(frozen=True)
class Traffic:
    """What went through the proxy: bytes each way, requests, connections."""

    downstream: int = 0  # server -> client: response headers and bodies
    upstream: int = 0  # client -> server: requests
    requests: int = 0
    connections: int = 0

    def __sub__(self, other: Traffic) -> Traffic:
        return Traffic(
            self.downstream - other.downstream,
            self.upstream - other.upstream,
            self.requests - other.requests,
            self.connections - other.connections,
        )


class _Connection:
    """One client connection and its own connection to the server, relayed both ways."""

    def __init__(self, proxy: CountingProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.downstream = 0
        self.upstream = 0
        self.requests = 0
        self._awaiting_request = True
        self._current: Exchange | None = None
        self._open_directions = 2
        self._lock = threading.Lock()

    def start(self) -> None:
        for target, name in ((self._to_server, "to-server"), (self._to_client, "to-client")):
            threading.Thread(target=target, name=f"proxy-{name}", daemon=True).start()

    def _to_server(self) -> None:
        try:
            while data := self.client.recv(CHUNK):
                if self._awaiting_request:
                    self._awaiting_request = False
                    self.requests += 1
                    self._current = _exchange(data)
                    self.proxy.record(self._current)
                    if self.proxy.latency > 0 and self.proxy.stopping.wait(self.proxy.latency):
                        break
                self.upstream += len(data)
                self.proxy.touch()
                self.server.sendall(data)
        except OSError:
            pass
        self._finish(self.server)

    def _to_client(self) -> None:
        try:
            while data := self.server.recv(CHUNK):
                self.downstream += len(data)
                if self._current is not None:
                    self._current.downstream += len(data)
                self._awaiting_request = True
                self.proxy.touch()
                self.client.sendall(data)
        except OSError:
            pass
        self._finish(self.client)

    def _finish(self, peer: socket.socket) -> None:
        """One direction ended: pass the end on; close both sockets once both have ended."""
        with contextlib.suppress(OSError):
            peer.shutdown(socket.SHUT_WR)
        with self._lock:
            self._open_directions -= 1
            last = self._open_directions == 0
        if last:
            self.close()

    def close(self) -> None:
        for sock in (self.client, self.server):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


class CountingProxy:
    """Relays 127.0.0.1:`port` to 127.0.0.1:`upstream_port`; `traffic()` says how much went by."""

    def __init__(self, upstream_port: int, *, latency: float = 0.0) -> None:
        self.upstream_port = upstream_port
        self.latency = latency  # seconds added to each request; may change between runs
        self.stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(ACCEPT_POLL)
        self.port = int(self._listener.getsockname()[1])
        self._connections: list[_Connection] = []
        self.exchanges: list[Exchange] = []  # every request, in the order they arrived
        self._lock = threading.Lock()
        self._last_activity = time.perf_counter()
        self._acceptor = threading.Thread(target=self._accept, name="proxy-accept", daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> CountingProxy:
        self._acceptor.start()
        return self

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.settimeout(None)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(self, client, server)
            with self._lock:
                self._connections.append(connection)
            connection.start()

    def record(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    def touch(self) -> None:
        self._last_activity = time.perf_counter()

    @property
    def last_activity(self) -> float:
        """When bytes last went through (a `time.perf_counter()` value)."""
        return self._last_activity

    def traffic(self) -> Traffic:
        """Totals since the proxy started, summed over every connection it relayed."""
        with self._lock:
            connections = list(self._connections)
        return Traffic(
            downstream=sum(c.downstream for c in connections),
            upstream=sum(c.upstream for c in connections),
            requests=sum(c.requests for c in connections),
            connections=len(connections),
        )

    def wait_quiet(self, quiet: float, timeout: float) -> bool:
        """Block until nothing was relayed for `quiet` seconds; False if `timeout` came first."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            idle = now - self._last_activity
            if idle >= quiet:
                return True
            if now >= deadline:
                return False
            time.sleep(min(quiet - idle, deadline - now, 0.05))

    def close(self) -> None:
        self.stopping.set()
        self._listener.close()
        if self._acceptor.is_alive():
            self._acceptor.join(timeout=2 * ACCEPT_POLL + 1)
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.close()

    def __enter__(self) -> CountingProxy:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
