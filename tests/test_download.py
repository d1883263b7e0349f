"""Downloads: chunked copies from any backend, never a partial file under the final name."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from spyglass.fs.backend import Capabilities, Unsupported, Version, WriteSource
from spyglass.fs.download import (
    DownloadCancelled,
    DownloadError,
    DownloadProgress,
    DownloadResult,
    download,
    existing_targets,
    plan_download,
    run_download,
    summary,
)
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from tests.support.counting_backend import CountingBackend


def build_project(root: Path) -> Path:
    """project/{readme.txt, src/{main.py, lib/{util.py, data.bin}}, empty/}"""
    project = root / "project"
    (project / "src" / "lib").mkdir(parents=True)
    (project / "empty").mkdir()
    (project / "readme.txt").write_text("read me\n")
    (project / "src" / "main.py").write_text("print('hi')\n")
    (project / "src" / "lib" / "util.py").write_text("def util() -> None: ...\n")
    (project / "src" / "lib" / "data.bin").write_bytes(bytes(range(256)) * 40)
    return project


def files_under(folder: Path) -> dict[str, bytes]:
    """Relative path -> content of every file below `folder`."""
    found: dict[str, bytes] = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def leftovers(folder: Path) -> list[str]:
    """Temporary files a download may have left behind."""
    return [name for _, _, names in os.walk(folder) for name in names if name.endswith(".part")]


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def local_entry(path: Path) -> Entry:
    return LocalBackend().stat(str(path))


def test_a_file_is_copied_in_chunks(tmp_path: Path, dest: Path) -> None:
    source = tmp_path / "big.bin"
    data = os.urandom(10_000)
    source.write_bytes(data)
    backend = CountingBackend(LocalBackend())
    result = download(backend, local_entry(source), dest, chunk_size=4096)
    assert (dest / "big.bin").read_bytes() == data
    assert (result.files, result.bytes) == (1, 10_000)
    assert result.destination == dest / "big.bin"
    assert max(size for _, size in backend.reads) <= 4096
    assert [start for start, _ in backend.reads] == [0, 4096, 8192]
    assert leftovers(dest) == []
    assert summary(result) == f"Downloaded 1 file (9.8 KiB) to {dest / 'big.bin'}."


def test_an_empty_file_is_copied(tmp_path: Path, dest: Path) -> None:
    (tmp_path / "empty.txt").touch()
    result = download(LocalBackend(), local_entry(tmp_path / "empty.txt"), dest)
    assert (dest / "empty.txt").read_bytes() == b""
    assert result.files == 1


def test_a_nested_folder_lists_each_folder_once(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    backend = CountingBackend(LocalBackend())
    result = download(backend, local_entry(project), dest, chunk_size=1000)
    assert files_under(dest / "project") == files_under(project)
    assert (dest / "project" / "empty").is_dir()
    assert backend.listings == 4  # project, empty, src, lib
    assert result.files == 4
    assert result.bytes == sum(len(data) for data in files_under(project).values())
    assert result.skipped == [] and result.errors == []
    assert leftovers(dest) == []


def test_an_executable_stays_executable(tmp_path: Path, dest: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    download(LocalBackend(), local_entry(script), dest)
    assert os.access(dest / "run.sh", os.X_OK)


def test_cancel_between_chunks_leaves_no_partial_file(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    seen: list[DownloadProgress] = []

    def cancelled() -> bool:
        # Stop inside data.bin (10,240 bytes, read in chunks of 1,000), after its first chunk.
        return any(p.current.endswith("data.bin") and p.done_bytes > 1_000 for p in seen)

    result = download(
        LocalBackend(),
        local_entry(project),
        dest,
        progress=seen.append,
        cancelled=cancelled,
        chunk_size=1000,
    )
    assert result.cancelled
    assert not (dest / "project" / "src" / "lib" / "data.bin").exists()
    assert leftovers(dest) == []
    # The files finished before the cancel are whole.
    assert (dest / "project" / "readme.txt").read_text() == "read me\n"
    assert "Download cancelled after" in summary(result)


def test_cancel_after_the_last_chunk_still_keeps_the_final_name_free(
    tmp_path: Path, dest: Path
) -> None:
    source = tmp_path / "small.txt"
    source.write_text("tiny")
    checks: list[bool] = []

    def cancelled() -> bool:
        checks.append(True)
        return len(checks) > 1  # the first check passes; the one before the rename does not

    result = download(LocalBackend(), local_entry(source), dest, cancelled=cancelled)
    assert result.cancelled and result.files == 0
    assert os.listdir(dest) == []
    assert summary(result) == "Download cancelled; nothing was copied."


def test_cancel_while_listing_folders(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    with pytest.raises(DownloadCancelled):
        plan_download(LocalBackend(), local_entry(project), dest, cancelled=lambda: True)


def test_existing_targets_are_found_and_kept_unless_overwrite(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    (dest / "project" / "src").mkdir(parents=True)
    (dest / "project" / "src" / "main.py").write_text("mine\n")
    backend = LocalBackend()
    plan = plan_download(backend, local_entry(project), dest)
    # An existing folder is merged into: only the file is a conflict.
    assert existing_targets(plan) == [dest / "project" / "src" / "main.py"]

    kept = run_download(backend, plan)
    assert (dest / "project" / "src" / "main.py").read_text() == "mine\n"
    assert kept.files == 3
    assert [skip.reason for skip in kept.skipped] == ["it already exists and was kept"]

    replaced = run_download(
        backend, plan_download(backend, local_entry(project), dest), overwrite=True
    )
    assert (dest / "project" / "src" / "main.py").read_text() == "print('hi')\n"
    assert replaced.files == 4
    assert leftovers(dest) == []


def test_a_file_in_the_way_of_a_folder_is_a_conflict(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    (dest / "project").write_text("not a folder")
    backend = LocalBackend()
    plan = plan_download(backend, local_entry(project), dest)
    assert existing_targets(plan) == [dest / "project"]
    result = run_download(backend, plan, overwrite=True)
    assert result.files == 0
    assert [skip.sentence for skip in result.skipped] == [
        f"Skipped {project}: the folder cannot be created, so nothing in it is copied: file exists."
    ]
    assert (dest / "project").read_text() == "not a folder"


def test_a_file_deleted_during_the_download_gives_a_sentence(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    victim = project / "src" / "lib" / "data.bin"
    started: list[int] = []

    def progress(p: DownloadProgress) -> None:
        # Delete data.bin once its first chunk is written.
        if p.current.endswith("data.bin"):
            started.append(p.done_bytes)
            if p.done_bytes > started[0] and victim.exists():
                victim.unlink()

    result = download(
        LocalBackend(), local_entry(project), dest, progress=progress, chunk_size=1000
    )
    assert started[1] - started[0] == 1000
    assert result.errors == [
        f"Cannot download {LocalBackend().display(str(victim))}: "
        "it does not exist (it may have been moved or deleted)."
    ]
    assert not (dest / "project" / "src" / "lib" / "data.bin").exists()
    assert result.files == 3  # the others are still copied
    assert leftovers(dest) == []
    assert "Cannot download" in summary(result)


def test_symlink_loops_and_special_files_are_skipped(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    (project / "src" / "back").symlink_to(project)  # a link to a folder above: a loop
    (project / "self").symlink_to(project / "self")  # a link to itself
    (project / "dangling").symlink_to(project / "missing")
    os.mkfifo(project / "pipe")
    (project / "docs").symlink_to(project / "src" / "lib")  # a link to a folder, not a loop
    result = download(LocalBackend(), local_entry(project), dest)
    reasons = {Path(skip.path).name: skip.reason for skip in result.skipped}
    assert reasons == {
        "back": "symlink loop: it leads back to a folder above it",
        "self": "symlink loop",
        "dangling": "broken symlink: the target does not exist",
        "pipe": "it is a fifo; only files and folders are copied",
    }
    assert (dest / "project" / "docs" / "util.py").is_file()
    assert not (dest / "project" / "src" / "back").exists()
    assert result.files == 6
    assert all(skip.sentence.startswith("Skipped ") for skip in result.skipped)


def test_progress_totals_add_up(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    sizes = [len(data) for data in files_under(project).values()]
    seen: list[DownloadProgress] = []
    download(LocalBackend(), local_entry(project), dest, progress=seen.append, chunk_size=1000)
    assert {p.total_bytes for p in seen} == {sum(sizes)}
    assert {p.files_total for p in seen} == {4}
    done = [p.done_bytes for p in seen]
    assert done == sorted(done)
    assert (seen[-1].done_bytes, seen[-1].files_done) == (sum(sizes), 4)
    currents = {p.current for p in seen}
    assert "project/src/lib/data.bin" in currents


def test_progress_total_leaves_out_kept_files(tmp_path: Path, dest: Path) -> None:
    project = build_project(tmp_path)
    (dest / "project").mkdir()
    (dest / "project" / "readme.txt").write_text("old")
    seen: list[DownloadProgress] = []
    download(LocalBackend(), local_entry(project), dest, progress=seen.append)
    assert seen[-1].done_bytes == seen[-1].total_bytes
    assert seen[-1].files_done == seen[-1].files_total == 3


def test_destination_must_be_an_existing_folder(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a")
    with pytest.raises(DownloadError, match="it is not an existing folder"):
        download(LocalBackend(), local_entry(source), tmp_path / "nowhere")


def test_relative_destination_is_under_the_working_folder(
    tmp_path: Path, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a")
    monkeypatch.chdir(dest.parent)
    result = download(LocalBackend(), local_entry(source), "downloads")
    assert result.destination == dest / "a.txt"
    assert (dest / "a.txt").read_text() == "a"


class HostileBackend:
    """A server that lists names trying to climb out of the destination."""

    protocol = "sftp"
    capabilities = Capabilities(sizes_trusted=True)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        yield [
            Entry("..", "/srv/..", Kind.FILE, size=1),
            Entry("", "/srv/", Kind.FILE, size=1),
            Entry("ok.txt", "/srv/ok.txt", Kind.FILE, size=2),
        ]

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        return self.list_batches(path)

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        return list(entries)

    def list_recursive(self, path: str) -> Iterator[list[Entry]]:
        raise Unsupported("this server lists one folder at a time")

    def stat(self, path: str) -> Entry:
        return Entry("srv", "/srv", Kind.FOLDER)

    def read_range(self, path: str, start: int, length: int) -> bytes:
        return b"ok"[start : start + length]

    def open_binary(self, path: str) -> BinaryIO:
        raise Unsupported("this server only reads ranges")

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        raise Unsupported("this server runs no commands")

    def version(self, path: str) -> Version:
        return Version(None, 2, None)

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        raise Unsupported("this server is read-only")

    def invalidate(self, path: str) -> None:
        pass

    def join(self, folder: str, name: str) -> str:
        return f"{folder}/{name}"

    def parent(self, path: str) -> str:
        return path.rsplit("/", 1)[0]

    def display(self, path: str) -> str:
        return f"sftp://user:hunter2@host{path}"


def test_names_that_escape_the_destination_are_skipped(dest: Path) -> None:
    backend = HostileBackend()
    result = download(backend, backend.stat("/srv"), dest)
    assert files_under(dest) == {"srv/ok.txt": b"ok"}
    assert [skip.reason for skip in result.skipped] == [
        "its name cannot be used as a local file name"
    ] * 2
    assert all("hunter2" not in skip.sentence for skip in result.skipped)
    assert "hunter2" not in summary(result)


def test_an_entry_without_a_usable_name_is_refused(dest: Path) -> None:
    with pytest.raises(DownloadError, match="cannot be used as a local file name") as caught:
        download(HostileBackend(), Entry("..", "/srv/..", Kind.FILE), dest)
    assert "hunter2" not in str(caught.value)


def test_download_over_fsspec_memory(memory: tuple[Any, str], dest: Path) -> None:
    fs, root = memory
    big = os.urandom(5_000)
    fs.pipe(f"{root}/bucket/a.txt", b"alpha")
    fs.pipe(f"{root}/bucket/deep/b.bin", big)
    fs.pipe(f"{root}/bucket/deep/deeper/c.json", b"{}")
    backend = CountingBackend(FsspecBackend(fs, "memory"))
    entry = backend.stat(f"{root}/bucket")
    assert entry.is_folder
    seen: list[DownloadProgress] = []
    result = download(backend, entry, dest, progress=seen.append, chunk_size=2048)
    assert files_under(dest / "bucket") == {
        "a.txt": b"alpha",
        "deep/b.bin": big,
        "deep/deeper/c.json": b"{}",
    }
    assert backend.listings == 3
    assert max(size for _, size in backend.reads) <= 2048
    assert (result.files, result.bytes) == (3, 5_007)
    assert seen[-1].done_bytes == seen[-1].total_bytes == 5_007
    assert leftovers(dest) == []


def test_a_single_object_over_fsspec_memory(memory: tuple[Any, str], dest: Path) -> None:
    fs, root = memory
    fs.pipe(f"{root}/one.csv", b"a,b\n1,2\n")
    backend = FsspecBackend(fs, "memory")
    result = download(backend, backend.stat(f"{root}/one.csv"), dest)
    assert (dest / "one.csv").read_bytes() == b"a,b\n1,2\n"
    assert isinstance(result, DownloadResult) and result.files == 1


def test_a_missing_object_over_fsspec_gives_a_sentence(memory: tuple[Any, str], dest: Path) -> None:
    fs, root = memory
    backend = FsspecBackend(fs, "memory")
    gone = Entry("gone.txt", f"{root}/gone.txt", Kind.FILE, size=10)
    result = download(backend, gone, dest)
    assert result.files == 0
    assert result.errors[0].startswith(f"Cannot download memory://{root}/gone.txt: ")
    assert os.listdir(dest) == []


class ForbiddenFolderBackend(LocalBackend):
    """A local disk where one folder refuses to be listed, whoever runs the test."""

    def __init__(self, forbidden: Path) -> None:
        self.forbidden = str(forbidden)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        if path == self.forbidden:
            raise PermissionError(13, "Permission denied", path)
        return super().list_batches(path)


def test_an_unreadable_folder_is_a_sentence_and_the_rest_is_copied(
    tmp_path: Path, dest: Path
) -> None:
    project = build_project(tmp_path)
    backend = ForbiddenFolderBackend(project / "src" / "lib")
    result = download(backend, local_entry(project), dest)
    shown = backend.display(str(project / "src" / "lib"))
    assert result.errors == [f"Cannot list {shown}: permission denied."]
    assert not (dest / "project" / "src" / "lib").exists()
    assert files_under(dest / "project") == {
        "readme.txt": b"read me\n",
        "src/main.py": b"print('hi')\n",
    }
