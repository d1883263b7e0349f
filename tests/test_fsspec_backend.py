"""Any fsspec filesystem, checked on fsspec's in-memory one: one `ls` per folder, range reads."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import fsspec
import pytest

from spyglass.fs.entry import Kind
from spyglass.fs.fsspec_backend import BATCH, FsspecBackend, entry_from_info
from spyglass.previews.loader import load_preview
from spyglass.previews.results import MessagePreview, TextPreview
from tests.support.counting_backend import CountingBackend


class CountingFs:
    """Forwards to a filesystem and counts each method called on it."""

    def __init__(self, fs: Any) -> None:
        self.fs = fs
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.fs, name)
        if not callable(attribute):
            return attribute

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return attribute(*args, **kwargs)

        return counted


def counted_backend(fs: Any) -> tuple[FsspecBackend, CountingFs]:
    counting = CountingFs(fs)
    return FsspecBackend(counting, "memory"), counting


def test_listing_makes_one_ls_call_and_nothing_per_entry(memory: tuple[Any, str]) -> None:
    fs, root = memory
    for index in range(BATCH + 300):
        fs.pipe(f"{root}/file{index}.txt", b"x" * (index % 7))
    fs.mkdir(f"{root}/sub")
    backend, counting = counted_backend(fs)
    batches = list(backend.list_batches(root))
    assert counting.calls == Counter({"ls": 1})
    assert [len(batch) for batch in batches] == [BATCH, 301]
    entries = {entry.name: entry for batch in batches for entry in batch}
    assert entries["file10.txt"].size == 3
    assert entries["file10.txt"].kind is Kind.FILE
    assert entries["sub"].kind is Kind.FOLDER
    assert entries["sub"].size is None


def test_listing_shows_names_paths_and_hidden_entries(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/.hidden", b"h")
    fs.pipe(f"{root}/dir/inner.txt", b"i")
    backend, _ = counted_backend(fs)
    entries = {entry.name: entry for batch in backend.list_batches(root) for entry in batch}
    assert set(entries) == {".hidden", "dir"}
    assert entries[".hidden"].is_hidden
    assert entries[".hidden"].path == f"{root}/.hidden"
    assert entries["dir"].path == f"{root}/dir"


def test_empty_folder_lists_nothing(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.mkdir(f"{root}/empty")
    backend, _ = counted_backend(fs)
    assert list(backend.list_batches(f"{root}/empty")) == []


def test_read_range_asks_only_for_the_range(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/digits", b"0123456789")
    backend, counting = counted_backend(fs)
    assert backend.read_range(f"{root}/digits", 2, 5) == b"23456"
    assert backend.read_range(f"{root}/digits", 8, 100) == b"89"
    assert backend.read_range(f"{root}/digits", 20, 5) == b""
    assert counting.calls == Counter({"cat_file": 3})


def test_stat_join_parent_and_display(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/a/b.json", b"{}")
    backend, _ = counted_backend(fs)
    entry = backend.stat(f"{root}/a/b.json")
    assert (entry.name, entry.kind, entry.size) == ("b.json", Kind.FILE, 2)
    assert backend.stat(f"{root}/a").kind is Kind.FOLDER
    assert backend.join(f"{root}/a", "b.json") == f"{root}/a/b.json"
    assert backend.join(f"{root}/a/", "b.json") == f"{root}/a/b.json"
    assert backend.parent(f"{root}/a/b.json") == f"{root}/a"
    assert backend.display(f"{root}/a") == f"memory://{root}/a"


def test_preview_over_fsspec_reads_only_the_budget(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/big.txt", b"line of text\n" * 100_000)
    backend = CountingBackend(FsspecBackend(fs, "memory"))
    entry = backend.stat(f"{root}/big.txt")
    preview = load_preview(backend, entry, 4096)
    assert isinstance(preview, TextPreview)
    assert backend.bytes_read == 4096
    assert preview.lines[0] == "line of text"
    assert "first 4.0 KiB of 1.2 MiB shown: scroll to the end to load more" in preview.note_texts


def test_object_deleted_between_listing_and_preview_is_a_sentence(
    memory: tuple[Any, str],
) -> None:
    fs, root = memory
    fs.pipe(f"{root}/gone.txt", b"soon gone")
    backend = FsspecBackend(fs, "memory")
    [[entry]] = list(backend.list_batches(root))
    fs.rm(f"{root}/gone.txt")
    preview = load_preview(backend, entry)
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert preview.message == (
        f"Cannot read memory://{root}/gone.txt: "
        "it does not exist (it may have been moved or deleted)."
    )


TIME = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "info",
    [
        {"name": "b/k", "type": "file", "size": 1, "LastModified": TIME},
        {"name": "b/k", "type": "file", "size": 1, "updated": "2024-01-02T03:04:05Z"},
        {"name": "b/k", "type": "file", "size": 1, "mtime": TIME.timestamp()},
        {"name": "b/k", "type": "file", "size": 1, "last_modified": "2024-01-02T03:04:05+00:00"},
    ],
    ids=["s3 datetime", "gcs string", "sftp number", "azure string"],
)
def test_modified_time_is_read_from_each_stores_field(info: dict[str, object]) -> None:
    assert entry_from_info(info).mtime == TIME.timestamp()


def test_store_details_are_kept_and_odd_values_ignored() -> None:
    entry = entry_from_info(
        {
            "name": "bucket/dir/",
            "type": "directory",
            "size": 0,
            "ETag": '"abc"',
            "StorageClass": "",
            "mtime": "not a time",
        }
    )
    assert (entry.name, entry.path, entry.kind) == ("dir", "bucket/dir", Kind.FOLDER)
    assert entry.size is None
    assert entry.mtime is None
    assert entry.extra == {"ETag": '"abc"'}


@pytest.mark.parametrize(
    ("type_name", "kind"),
    [
        ("file", Kind.FILE),
        ("directory", Kind.FOLDER),
        ("link", Kind.SYMLINK),
        ("other", Kind.OTHER),
    ],
)
def test_kinds_come_from_the_listing_type(type_name: str, kind: Kind) -> None:
    assert entry_from_info({"name": "x/y", "type": type_name, "size": 3}).kind is kind


def test_special_objects_are_not_read() -> None:
    entry = entry_from_info({"name": "x/dev", "type": "other", "size": 3})
    backend = CountingBackend(FsspecBackend(fsspec.filesystem("memory"), "memory"))
    preview = load_preview(backend, entry)
    assert isinstance(preview, MessagePreview)
    assert backend.reads == []


def test_empty_object_is_shown_as_empty_without_a_read(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/empty", b"")
    backend, counting = counted_backend(fs)
    [[entry]] = list(backend.list_batches(root))
    preview = load_preview(backend, entry)
    assert isinstance(preview, MessagePreview) and preview.title == "Empty file"
    assert counting.calls == Counter({"ls": 1, "unstrip_protocol": 1})


def test_fsspec_capabilities_trust_sizes_and_open_files_but_paths_are_not_local() -> None:
    capabilities = FsspecBackend(fsspec.filesystem("memory"), "memory").capabilities
    assert capabilities.sizes_trusted and capabilities.open_files
    assert not (capabilities.names_first or capabilities.local_paths or capabilities.exec)


def test_open_binary_reads_and_seeks_an_object(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/data.bin", bytes(range(256)))
    with FsspecBackend(fs, "memory", timeout=5).open_binary(f"{root}/data.bin") as handle:
        handle.seek(-6, 2)
        assert handle.read() == bytes(range(250, 256))


def test_with_details_keeps_the_listed_entries_they_are_complete(memory: tuple[Any, str]) -> None:
    fs, root = memory
    fs.pipe(f"{root}/a.txt", b"abc")
    backend = FsspecBackend(fs, "memory")
    listed = [entry for batch in backend.list_names_first(root) for entry in batch]
    detailed = backend.with_details(listed)
    assert detailed == listed and detailed is not listed
    assert detailed[0].size == 3
