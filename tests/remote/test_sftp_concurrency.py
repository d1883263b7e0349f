"""One SSH connection used by several workers at once: the tree, the preview, a download."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from spyglass.fs.backend import Backend
from spyglass.location import open_backend, resolve
from tests.remote.servers import OpenSshServer, ServerUnavailable

ENTRIES = 2_000
BODY = b"".join(b"line %05d of the small file\n" % index for index in range(400))


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    try:
        server = OpenSshServer(tmp_path)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    many = tmp_path / "data" / "many"
    many.mkdir(parents=True)
    for index in range(ENTRIES):
        (many / f"entry{index:05d}.txt").write_bytes(b"x")
    (tmp_path / "data" / "small.txt").write_bytes(BODY)
    server.start()
    yield server
    server.cleanup()


def backend_for(server: OpenSshServer) -> tuple[Backend, str]:
    known_hosts = server.workdir / "known_hosts"
    known_hosts.write_text(server.known_hosts_line())
    options = {**server.options(), "known_hosts": str(known_hosts)}
    port = options.pop("port")
    url = f"sftp://root@127.0.0.1:{port}{server.root}/data"
    return open_backend(resolve(url, options, timeout=20))


def test_listings_and_reads_from_several_threads_share_one_connection_safely(
    sshd: OpenSshServer,
) -> None:
    backend, root = backend_for(sshd)
    many, small = backend.join(root, "many"), backend.join(root, "small.txt")
    problems: list[BaseException] = []
    counts = {"listings": 0, "reads": 0}
    start = threading.Barrier(3)

    def list_again() -> None:
        start.wait()
        for _ in range(8):
            backend.invalidate(many)
            names = [entry.name for batch in backend.list_batches(many) for entry in batch]
            assert len(names) == ENTRIES
            counts["listings"] += 1

    def read_again() -> None:
        start.wait()
        for index in range(60):
            offset = (index * 97) % (len(BODY) - 64)
            assert backend.read_range(small, offset, 64) == BODY[offset : offset + 64]
            counts["reads"] += 1

    def guarded(work: Callable[[], None]) -> threading.Thread:
        def run() -> None:
            try:
                work()
            except BaseException as exc:  # handed to the test thread
                problems.append(exc)

        return threading.Thread(target=run)

    threads = [guarded(list_again), guarded(read_again), guarded(read_again)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not problems, problems
    assert counts == {"listings": 8, "reads": 120}
