"""Names that are not UTF-8 on an SFTP server: listed, opened and read like any other."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.remote.servers import OpenSshServer, ServerUnavailable
from tests.remote.test_sftp_concurrency import backend_for

LATIN1_FILE = b"caf\xe9.txt"  # "café.txt" written by a Latin-1 system
LATIN1_FOLDER = b"d\xe9j\xe0"


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    try:
        server = OpenSshServer(tmp_path)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    data = os.fsencode(tmp_path / "data")
    os.makedirs(os.path.join(data, LATIN1_FOLDER))
    with open(os.path.join(data, LATIN1_FILE), "wb") as handle:
        handle.write(b"written in latin-1\n")
    with open(os.path.join(data, LATIN1_FOLDER, b"inside.txt"), "wb") as handle:
        handle.write(b"inside\n")
    with open(os.path.join(data, b"plain.txt"), "wb") as handle:
        handle.write(b"plain\n")
    server.start()
    yield server
    server.cleanup()


def _names(backend: object, folder: str) -> dict[str, object]:
    batches = backend.list_batches(folder)  # type: ignore[attr-defined]
    return {entry.name: entry for batch in batches for entry in batch}


def test_a_folder_with_a_name_that_is_not_utf8_is_listed_whole(sshd: OpenSshServer) -> None:
    backend, root = backend_for(sshd)
    names = _names(backend, root)
    # The same names the local backend gives for these bytes (os.fsdecode).
    assert set(names) == {os.fsdecode(LATIN1_FILE), os.fsdecode(LATIN1_FOLDER), "plain.txt"}


def test_a_file_with_such_a_name_is_read_and_stated(sshd: OpenSshServer) -> None:
    backend, root = backend_for(sshd)
    path = backend.join(root, os.fsdecode(LATIN1_FILE))
    assert backend.read_range(path, 0, 100) == b"written in latin-1\n"
    assert backend.stat(path).size == len(b"written in latin-1\n")


def test_a_folder_with_such_a_name_is_listed_and_its_files_read(sshd: OpenSshServer) -> None:
    backend, root = backend_for(sshd)
    folder = backend.join(root, os.fsdecode(LATIN1_FOLDER))
    assert list(_names(backend, folder)) == ["inside.txt"]
    assert backend.read_range(backend.join(folder, "inside.txt"), 0, 100) == b"inside\n"
