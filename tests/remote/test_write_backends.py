"""Writing a file back on every writable backend, against the real loopback servers."""

from __future__ import annotations

import itertools

import pytest

from spyglass.fs.backend import Conflict, LocalFile, Unsupported
from tests.remote.conftest import Case, Servers

WRITABLE = ("local", "memory", "s3", "gcs", "azure", "sftp")
_names = itertools.count()


@pytest.fixture(params=WRITABLE)
def writable(request: pytest.FixtureRequest, servers: Servers) -> Case:
    return servers.case(request.param)


def _fresh_name(case: Case) -> str:
    return f"write-{case.name}-{next(_names)}.txt"


def test_write_then_version_agree(writable: Case) -> None:
    backend, root = writable.backend()
    assert backend.capabilities.write
    path = backend.join(root, _fresh_name(writable))
    first = backend.write_file(path, b"one\n", expected=None)
    assert backend.version(path) == first
    second = backend.write_file(path, b"second version\n", expected=first)
    assert second != first
    assert backend.version(path) == second
    assert backend.read_range(path, 0, 100) == b"second version\n"


def test_stale_version_is_a_conflict_and_nothing_is_written(writable: Case) -> None:
    backend, root = writable.backend()
    path = backend.join(root, _fresh_name(writable))
    first = backend.write_file(path, b"one\n", expected=None)
    theirs = backend.write_file(path, b"someone else's change\n", expected=first)
    with pytest.raises(Conflict) as caught:
        backend.write_file(path, b"mine\n", expected=first)
    assert caught.value.current == theirs
    assert backend.read_range(path, 0, 100) == b"someone else's change\n"


def test_write_from_a_local_file(writable: Case, tmp_path: object) -> None:
    import pathlib

    assert isinstance(tmp_path, pathlib.Path)
    source = tmp_path / "edited.txt"
    source.write_bytes(b"from a file\n" * 1000)
    backend, root = writable.backend()
    path = backend.join(root, _fresh_name(writable))
    backend.write_file(path, LocalFile(str(source)), expected=None)
    assert backend.read_range(path, 0, 20_000) == source.read_bytes()


def test_no_temporary_file_is_left_beside_it(writable: Case) -> None:
    backend, root = writable.backend()
    name = _fresh_name(writable)
    path = backend.join(root, name)
    backend.write_file(path, b"one\n", expected=None)
    backend.invalidate(root)
    names = [entry.name for batch in backend.list_batches(root) for entry in batch]
    assert name in names
    assert not [n for n in names if n.startswith(f".{name}")]


def test_http_is_read_only(servers: Servers) -> None:
    backend, root = servers.case("http").backend()
    assert not backend.capabilities.write
    with pytest.raises(Unsupported):
        backend.write_file(backend.join(root, "hello.txt"), b"x", expected=None)
