"""A download over SFTP from a folder holding hostile names: they are skipped, said, and the
ordinary files beside them are all copied."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spyglass.fs.download import download, summary
from spyglass.location import open_backend, resolve
from tests.remote.servers import OpenSshServer, ServerUnavailable
from tests.support.hostile import HOSTILE_NAME, foreign_controls

HOSTILE_NAMES = ["\x1b]0;TITLE-MARK\x07.txt", "\x1b[31mred.txt", "bell\x07", HOSTILE_NAME]


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    served = tmp_path / "served" / "mixed"
    (served / "nested").mkdir(parents=True)
    (served / "a.txt").write_text("a\n")
    (served / "zz.txt").write_text("zz\n")
    (served / "nested" / "b.txt").write_text("b\n")
    for name in HOSTILE_NAMES:
        (served / name).write_text("hostile\n")
    (served / "nested" / "\x1b[2J").mkdir()
    (served / "nested" / "\x1b[2J" / "c.txt").write_text("c\n")
    try:
        server = OpenSshServer(tmp_path / "served")
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    server.start()
    yield server
    server.cleanup()


def test_an_sftp_folder_with_escape_sequences_in_names_copies_every_ordinary_file(
    sshd: OpenSshServer, tmp_path: Path
) -> None:
    known = sshd.workdir / "known_hosts"
    known.write_text(sshd.known_hosts_line())
    settings = {**sshd.options(), "known_hosts": str(known)}
    port = settings.pop("port")
    url = f"sftp://root@127.0.0.1:{port}{sshd.root}/mixed"
    backend, path = open_backend(resolve(url, settings, timeout=20))
    dest = tmp_path / "downloads"
    dest.mkdir()
    result = download(backend, backend.stat(path), dest)
    copied = sorted(str(item.relative_to(dest / "mixed")) for item in (dest / "mixed").rglob("*"))
    assert copied == ["a.txt", "nested", "nested/b.txt", "zz.txt"]
    assert result.files == 3 and result.errors == []
    assert len(result.skipped) == len(HOSTILE_NAMES) + 1
    said = summary(result)
    assert said.startswith(f"Downloaded 3 files (7 B) to {dest / 'mixed'}. 5 entries left out:")
    assert "\\x1b[31mred.txt: its name holds control characters" in said
    assert foreign_controls(said) == [] and said.isprintable()
