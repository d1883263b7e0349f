"""One corpus of files, served by every backend the explorer supports.

Servers start once per test session on free ports of 127.0.0.1; each test gets
a `Case`: a location URL and its storage options.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from spyglass.fs.backend import Backend
from spyglass.location import Location, open_backend, resolve
from tests.remote.servers import (
    Azurite,
    GcsEmulator,
    HttpServer,
    MotoServer,
    OpenSshServer,
    Server,
    ServerUnavailable,
)

BUCKET = "spyglass-test"
BIG_LOG_BYTES = 6 * 1024 * 1024
BACKENDS = ("local", "memory", "s3", "gcs", "azure", "sftp", "http")
S = TypeVar("S", bound=Server)


def _parquet_bytes() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    table = pa.table({"id": [1, 2, 3], "name": ["alpha", "beta", "gamma"]})
    pq.write_table(table, sink)
    return sink.getvalue()


def _png_bytes() -> bytes:
    from PIL import Image

    sink = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(sink, format="PNG")
    return sink.getvalue()


def _zip_bytes() -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("inner/readme.txt", "inside the zip\n")
        archive.writestr("top.json", '{"zipped": true}')
    return sink.getvalue()


def _big_log() -> bytes:
    line = b"2026-01-02T03:04:05 INFO request served in 12 ms from the cache\n"
    return (line * (BIG_LOG_BYTES // len(line) + 1))[:BIG_LOG_BYTES]


def corpus_files() -> dict[str, bytes]:
    """Relative path -> content of every file in the corpus."""
    return {
        "hello.txt": b"hello from spyglass\n",
        "config.json": json.dumps({"name": "spyglass", "ok": True}).encode(),
        "table.csv": b"id,name\n1,alpha\n2,beta\n3,gamma\n",
        "table.parquet": _parquet_bytes(),
        "pic.png": _png_bytes(),
        "archive.zip": _zip_bytes(),
        "nested/deep.txt": b"deep down\n",
        "big.log": _big_log(),
    }


@dataclass
class Case:
    """Where the corpus is for one backend, and how to reach it."""

    name: str
    url: str
    options: dict[str, Any] = field(default_factory=dict)
    server: Server | None = None

    def location(self, suffix: str = "", timeout: float = 15.0) -> Location:
        url = self.url.rstrip("/") + (f"/{suffix}" if suffix else "")
        if self.name == "http" and not suffix:
            url += "/"
        return resolve(url, dict(self.options), timeout=timeout)

    def backend(self) -> tuple[Backend, str]:
        return open_backend(self.location())


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, content in corpus_files().items():
        target = root / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return root


def _upload(fs: Any, prefix: str) -> None:
    fs.pipe({f"{prefix}/data/{name}": content for name, content in corpus_files().items()})


class Servers:
    """Starts each server the first time a test asks for it; stops all at the end."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus
        self.started: dict[str, Case] = {}
        self.failed: dict[str, str] = {}
        self.servers: list[Server] = []

    def case(self, name: str) -> Case:
        if name in self.failed:
            pytest.skip(self.failed[name])
        if name not in self.started:
            try:
                self.started[name] = self._start(name)
            except ServerUnavailable as exc:
                self.failed[name] = str(exc)
                pytest.skip(str(exc))
        return self.started[name]

    def _keep(self, server: S) -> S:
        self.servers.append(server)
        server.start()
        return server

    def _start(self, name: str) -> Case:
        starters: dict[str, Callable[[], Case]] = {
            "local": lambda: Case("local", str(self.corpus / "data")),
            "memory": self._memory,
            "s3": self._s3,
            "gcs": self._gcs,
            "azure": self._azure,
            "sftp": self._sftp,
            "http": self._http,
        }
        return starters[name]()

    def _memory(self) -> Case:
        import fsspec

        fs = fsspec.filesystem("memory")
        _upload(fs, "/spyglass-corpus")
        return Case("memory", "memory://spyglass-corpus/data")

    def _s3(self) -> Case:
        import s3fs

        server = self._keep(MotoServer())
        options = server.options()
        fs = s3fs.S3FileSystem(**options)
        fs.mkdir(BUCKET)
        _upload(fs, BUCKET)
        return Case("s3", f"s3://{BUCKET}/data", options, server)

    def _gcs(self) -> Case:
        from spyglass.fs.remote_filesystems import build_gcs

        server = self._keep(GcsEmulator(BUCKET))
        options = server.options()
        fs, _ = build_gcs(f"gs://{BUCKET}", dict(options))  # as spyglass builds it
        fs.pipe(
            {f"{BUCKET}/data/{n}": c for n, c in corpus_files().items()},
            batch_size=4,
        )
        return Case("gcs", f"gs://{BUCKET}/data", options, server)

    def _azure(self) -> Case:
        import adlfs

        server = self._keep(Azurite())
        options = server.options()
        fs = adlfs.AzureBlobFileSystem(**options)
        fs.mkdir(BUCKET)
        _upload(fs, BUCKET)
        return Case("azure", f"az://{BUCKET}/data", options, server)

    def _sftp(self) -> Case:
        server = OpenSshServer(self.corpus)
        self._keep(server)
        known_hosts = server.workdir / "known_hosts"
        known_hosts.write_text(server.known_hosts_line())
        options = {**server.options(), "known_hosts": str(known_hosts)}
        options.pop("port")
        url = f"sftp://root@127.0.0.1:{server.port}{self.corpus}/data"
        return Case("sftp", url, options, server)

    def _http(self) -> Case:
        server = self._keep(HttpServer(self.corpus))
        return Case("http", f"{server.url}data", {}, server)

    def stop_all(self) -> None:
        for server in self.servers:
            server.cleanup()


@pytest.fixture(scope="session")
def servers(corpus: Path) -> Iterator[Servers]:
    running = Servers(corpus)
    yield running
    running.stop_all()


@pytest.fixture(params=BACKENDS)
def case(request: pytest.FixtureRequest, servers: Servers) -> Case:
    return servers.case(request.param)
