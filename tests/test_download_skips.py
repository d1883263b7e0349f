"""Downloads that meet a hostile or unwritable name skip it with a sentence and copy the rest."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from spyglass.fs.download import download, summary
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from tests.conftest import NOBODY, require_permissions_apply, run_unprivileged
from tests.support.hostile import HOSTILE_NAME, foreign_controls
from tests.test_download import HostileBackend, files_under, leftovers, local_entry

ESCAPE_NAMES = [
    "\x1b]0;TITLE-MARK\x07title.txt",
    "\x1b[31mred.txt",
    "new\nline.txt",
    "csi\x9b31m.txt",
    HOSTILE_NAME,
]


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def hostile_source(root: Path) -> Path:
    folder = root / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-plain.txt").write_text("plain\n")
    (folder / "z-last.txt").write_text("last\n")
    (folder / "sub" / "inner.txt").write_text("inner\n")
    for name in ESCAPE_NAMES:
        (folder / name).write_text("hostile\n")
    (folder / "sub" / "\x1b[2Jclear").mkdir()
    (folder / "sub" / "\x1b[2Jclear" / "under.txt").write_text("under\n")
    return folder


def test_names_with_escape_sequences_are_skipped_and_the_rest_is_copied(
    tmp_path: Path, dest: Path
) -> None:
    source = hostile_source(tmp_path)
    result = download(LocalBackend(), local_entry(source), dest)
    assert files_under(dest / "mixed") == {
        "a-plain.txt": b"plain\n",
        "z-last.txt": b"last\n",
        "sub/inner.txt": b"inner\n",
    }
    assert result.files == 3
    assert len(result.skipped) == len(ESCAPE_NAMES) + 1
    assert {skip.reason for skip in result.skipped} == {
        "its name holds control characters (escape sequences), so it is not written"
    }
    for skip in result.skipped:
        assert skip.sentence.isprintable(), skip.sentence
    said = summary(result)
    assert said.startswith(f"Downloaded 3 files (17 B) to {dest / 'mixed'}. 6 entries left out: ")
    assert "Skipped " in said and said.endswith(" And 3 more.")
    assert said.isprintable() and foreign_controls(said) == []
    assert leftovers(dest) == []


def test_a_name_longer_than_the_local_filesystem_allows_is_skipped(
    memory: tuple[Any, str], dest: Path
) -> None:
    fs, root = memory
    long_name = "n" * 300 + ".txt"
    fs.pipe(f"{root}/bucket/{long_name}", b"too long")
    fs.pipe(f"{root}/bucket/ok.txt", b"ok")
    fs.pipe(f"{root}/bucket/deep/{'d' * 260}/x.txt", b"under a long folder")
    backend = FsspecBackend(fs, "memory")
    result = download(backend, backend.stat(f"{root}/bucket"), dest)
    assert files_under(dest / "bucket") == {"ok.txt": b"ok"}
    reasons = sorted(skip.reason for skip in result.skipped)
    assert reasons == [
        "its name is 260 bytes long; the local filesystem allows 255",
        "its name is 304 bytes long; the local filesystem allows 255",
    ]
    assert result.errors == []


def test_remote_names_that_climb_out_are_skipped_and_said_in_the_summary(dest: Path) -> None:
    backend = HostileBackend()
    result = download(backend, backend.stat("/srv"), dest)
    assert files_under(dest) == {"srv/ok.txt": b"ok"}
    said = summary(result)
    assert said.startswith(f"Downloaded 1 file (2 B) to {dest / 'srv'}. 2 entries left out: ")
    assert said.count("its name cannot be used as a local file name") == 2
    assert "hunter2" not in said


def test_a_folder_that_cannot_be_created_skips_what_is_in_it_only(
    tmp_path: Path, dest: Path
) -> None:
    source = hostile_source(tmp_path)
    (dest / "mixed").mkdir()
    (dest / "mixed" / "sub").write_text("a file where the folder goes")
    result = download(LocalBackend(), local_entry(source), dest)
    assert files_under(dest / "mixed") == {
        "a-plain.txt": b"plain\n",
        "z-last.txt": b"last\n",
        "sub": b"a file where the folder goes",
    }
    [folder] = [skip for skip in result.skipped if skip.path.endswith("/sub")]
    assert folder.reason.startswith("the folder cannot be created, so nothing in it is copied")
    assert result.files == 2


_DOWNLOAD_AS_NOBODY = """
import json, sys
from spyglass.fs.download import download, summary
from spyglass.fs.local_backend import LocalBackend

backend = LocalBackend()
drop_privileges()
result = download(backend, backend.stat(sys.argv[1]), sys.argv[2])
print(json.dumps({
    "files": result.files,
    "errors": result.errors,
    "skipped": [skip.sentence for skip in result.skipped],
    "summary": summary(result),
}))
"""


def test_an_unreadable_file_and_an_unwritable_folder_are_skipped_with_sentences(
    public_dir: Path,
) -> None:
    source = public_dir / "project"
    (source / "locked").mkdir(parents=True)
    (source / "open").mkdir()
    (source / "readme.txt").write_text("read me\n")
    (source / "secret.txt").write_text("secret\n")
    (source / "secret.txt").chmod(0o000)
    (source / "locked" / "a.txt").write_text("a\n")
    (source / "open" / "b.txt").write_text("b\n")
    require_permissions_apply(source / "secret.txt")
    dest = public_dir / "dest"
    (dest / "project" / "locked").mkdir(parents=True)  # exists, and is not ours to write in
    if os.geteuid() == 0:
        for folder in (dest, dest / "project"):
            os.chown(folder, NOBODY, NOBODY)
    else:
        (dest / "project" / "locked").chmod(0o555)
    home = public_dir / "home"
    home.mkdir()
    done = run_unprivileged(_DOWNLOAD_AS_NOBODY, str(source), str(dest), home=home)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert files_under(dest / "project") == {"readme.txt": b"read me\n", "open/b.txt": b"b\n"}
    assert result["files"] == 2
    assert result["errors"] == [f"Cannot download {source / 'secret.txt'}: permission denied."]
    assert result["skipped"] == [
        f"Skipped {source / 'locked' / 'a.txt'}: it cannot be written to "
        f"{dest / 'project' / 'locked' / 'a.txt'}: permission denied."
    ]
    assert result["summary"].startswith("Downloaded 2 files (10 B)")
    assert "2 entries left out" in result["summary"]
    assert leftovers(dest) == []
