"""`zip://member::sftp://host/a.zip`: an archive on a server, reached the way `ssh` would."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from spyglass.errors import SpyglassError
from spyglass.location import open_backend, resolve
from tests.remote.servers import OpenSshServer, ServerUnavailable


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    try:
        server = OpenSshServer(tmp_path)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("inner/readme.txt", "inside the zip\n")
    with tarfile.open(tmp_path / "bundle.tar.gz", "w:gz") as archive:
        data = b"inside the tar\n"
        member = tarfile.TarInfo("docs/notes.txt")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    server.start()
    yield server
    server.cleanup()


def options(server: OpenSshServer, known_hosts: str) -> tuple[int, dict[str, object]]:
    known = server.workdir / "known_hosts"
    known.write_text(known_hosts)
    settings = {**server.options(), "known_hosts": str(known)}
    return int(str(settings.pop("port"))), settings


def names(url: str, settings: dict[str, object]) -> list[str]:
    backend, path = open_backend(resolve(url, settings, timeout=20))
    return sorted(entry.name for batch in backend.list_batches(path) for entry in batch)


def test_a_zip_and_a_tar_on_an_sftp_server_open_through_a_chain(sshd: OpenSshServer) -> None:
    port, settings = options(sshd, sshd.known_hosts_line())
    where = f"sftp://root@127.0.0.1:{port}{sshd.root}"
    assert names(f"zip://::{where}/bundle.zip", settings) == ["inner"]
    assert names(f"zip://inner::{where}/bundle.zip", settings) == ["readme.txt"]
    assert names(f"tar://docs::{where}/bundle.tar.gz", settings) == ["notes.txt"]


def test_a_chain_refuses_an_unknown_host_key_as_a_plain_sftp_url_does(
    sshd: OpenSshServer,
) -> None:
    port, settings = options(sshd, "")  # nothing known: nobody here to ask, so refused
    url = f"zip://::sftp://root@127.0.0.1:{port}{sshd.root}/bundle.zip"
    with pytest.raises(SpyglassError, match=r"the host key of \[127\.0\.0\.1\]:\d+ is not known"):
        names(url, settings)


def test_another_chain_over_sftp_is_a_sentence(sshd: OpenSshServer) -> None:
    port, settings = options(sshd, sshd.known_hosts_line())
    url = f"simplecache::sftp://root@127.0.0.1:{port}{sshd.root}/bundle.zip"
    with pytest.raises(SpyglassError, match=r"can be chained only behind zip:// or tar://"):
        names(url, settings)
