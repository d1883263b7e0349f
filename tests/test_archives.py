"""Archives opened as folders through the file object their backend opens."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import fsspec
import pytest

from spyglass.fs.archives import open_archive
from spyglass.fs.backend import Backend, Capabilities, Unsupported
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from tests.support.counting_backend import CountingBackend


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/readme.txt", "inside the zip\n")
    return buffer.getvalue()


def names(backend: Backend, path: str) -> list[str]:
    return [entry.name for batch in backend.list_batches(path) for entry in batch]


def test_a_local_zip_opens_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "bundle.zip").write_bytes(zip_bytes())
    entry = Entry("bundle.zip", str(tmp_path / "bundle.zip"), Kind.FILE)
    inside = open_archive(LocalBackend(), entry)
    assert names(inside, "") == ["inner"]
    assert inside.read_range("inner/readme.txt", 0, 6) == b"inside"
    assert inside.display("inner") == f"{LocalBackend().display(entry.path)}/inner"


def test_a_zip_in_a_remote_store_opens_as_a_folder() -> None:
    fs = fsspec.filesystem("memory")
    path = f"/archives-{uuid.uuid4().hex}/bundle.zip"
    fs.pipe(path, zip_bytes())
    try:
        inside = open_archive(
            FsspecBackend(fs, "memory", timeout=5), Entry("bundle.zip", path, Kind.FILE)
        )
        assert names(inside, "inner") == ["readme.txt"]
    finally:
        fs.rm(path.rsplit("/", 1)[0], recursive=True)


class RangesOnlyBackend(CountingBackend):
    """A store that can read ranges of a file but not hand out a file object."""

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(sizes_trusted=True)


def test_a_backend_that_cannot_open_files_says_so(tmp_path: Path) -> None:
    (tmp_path / "bundle.zip").write_bytes(zip_bytes())
    entry = Entry("bundle.zip", str(tmp_path / "bundle.zip"), Kind.FILE)
    with pytest.raises(Unsupported, match="can read ranges of a file but not open it"):
        open_archive(RangesOnlyBackend(LocalBackend()), entry)
