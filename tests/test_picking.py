"""What `--cwd-file` and `--chooser-file` write, and how."""

from __future__ import annotations

import io
import os
from pathlib import Path

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.picking import chooser_data, landing_folder, unwritable, write_output
from spyglass.secrets import shareable_url


def test_a_url_handed_on_has_no_password() -> None:
    assert (
        shareable_url("sftp://deploy:hunter22@web1:2222/var/log")
        == "sftp://deploy@web1:2222/var/log"
    )
    assert shareable_url("s3://bucket/key.txt") == "s3://bucket/key.txt"
    masked = shareable_url("https://host/x?sig=abcdef123&a=1")
    assert "abcdef123" not in masked


def test_landing_is_the_folder_itself_or_the_files_folder(tmp_path: Path) -> None:
    backend = LocalBackend()
    folder = Entry("sub", str(tmp_path / "sub"), Kind.FOLDER)
    file = Entry("a.txt", str(tmp_path / "a.txt"), Kind.FILE)
    assert landing_folder(backend, folder, str(tmp_path)) == str(tmp_path / "sub")
    assert landing_folder(backend, file, str(tmp_path)) == str(tmp_path)
    assert landing_folder(backend, None, str(tmp_path)) == str(tmp_path)


def test_chooser_lines_and_names_that_cannot_be_a_line() -> None:
    assert chooser_data(["/a", "/b c"]) == "/a\n/b c\n"
    assert unwritable(["/a", "/b"]) is None
    assert unwritable(["/a", "/bad\nname"]) == "/bad\nname"


def test_dash_writes_to_stdout_and_names_keep_their_bytes(tmp_path: Path) -> None:
    out = io.BytesIO()
    name = os.fsdecode(b"/tmp/caf\xe9")  # not UTF-8: a surrogate escape in Python
    write_output("-", name + "\n", stdout=out)
    assert out.getvalue() == b"/tmp/caf\xe9\n"
    target = tmp_path / "out"
    write_output(str(target), name)
    assert target.read_bytes() == b"/tmp/caf\xe9"
