"""Listing local folders with os.scandir: kinds, sizes, links, special files, vanishing files."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import FIRST_BATCH, LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.results import MessagePreview, Preview, TextPreview
from tests.support.counting_backend import CountingBackend


def listing(folder: Path) -> dict[str, Entry]:
    return {
        entry.name: entry for batch in LocalBackend().list_batches(str(folder)) for entry in batch
    }


def within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run `call` in a daemon thread; fail instead of hanging the suite if it blocks."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    if errors:
        raise errors[0]
    return result[0]


@pytest.fixture
def special_folder(public_dir: Path) -> Iterator[Path]:
    """A fifo and a socket next to a plain file (public_dir keeps the socket path short)."""
    os.mkfifo(public_dir / "pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(public_dir / "sock"))
    (public_dir / "plain.txt").write_text("hello\n")
    yield public_dir
    server.close()


def test_listing_gives_kind_size_and_time_of_each_entry(tmp_path: Path) -> None:
    (tmp_path / "five.txt").write_bytes(b"12345")
    (tmp_path / "sub").mkdir()
    entries = listing(tmp_path)
    assert entries["five.txt"].kind is Kind.FILE
    assert entries["five.txt"].size == 5
    assert entries["five.txt"].mtime == pytest.approx((tmp_path / "five.txt").stat().st_mtime)
    assert entries["five.txt"].path == str(tmp_path / "five.txt")
    assert entries["sub"].kind is Kind.FOLDER
    assert entries["sub"].is_folder
    assert not entries["five.txt"].is_link


def test_dot_files_are_listed_and_marked_hidden(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("A=1")
    (tmp_path / ".cache").mkdir()
    (tmp_path / "visible").write_text("")
    entries = listing(tmp_path)
    assert entries[".env"].is_hidden
    assert entries[".cache"].is_hidden
    assert not entries["visible"].is_hidden


def test_big_folder_comes_in_growing_batches_without_repeats(tmp_path: Path) -> None:
    for index in range(1500):
        (tmp_path / f"f{index}").touch()
    batches = list(LocalBackend().list_batches(str(tmp_path)))
    sizes = [len(batch) for batch in batches]
    assert sizes[0] == FIRST_BATCH
    assert len(batches) > 2
    assert sizes == sorted(sizes[:-1]) + sizes[-1:]
    names = [entry.name for batch in batches for entry in batch]
    assert len(names) == len(set(names)) == 1500


def test_empty_folder_lists_nothing(tmp_path: Path) -> None:
    assert list(LocalBackend().list_batches(str(tmp_path))) == []


def test_symlink_to_folder_is_a_folder_that_shows_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    entry = listing(tmp_path)["link"]
    assert entry.kind is Kind.FOLDER
    assert entry.link_target == str(tmp_path / "real")
    assert entry.is_link
    assert entry.error is None


def test_symlink_to_file_has_the_size_of_its_target(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(b"x" * 1234)
    (tmp_path / "alias").symlink_to("data.txt")
    entry = listing(tmp_path)["alias"]
    assert entry.kind is Kind.FILE
    assert entry.size == 1234
    assert entry.link_target == "data.txt"
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, TextPreview)
    assert preview.lines == ["x" * 1234]


def test_symlink_loop_shows_error_not_crash(tmp_path: Path) -> None:
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("one")
    (tmp_path / "self").symlink_to("self")
    entries = listing(tmp_path)
    for name in ("one", "two", "self"):
        entry = entries[name]
        assert entry.kind is Kind.SYMLINK
        assert entry.error is not None and "loop" in entry.error
        preview = load_preview(LocalBackend(), entry)
        assert isinstance(preview, MessagePreview)
        assert preview.level == "error"
        assert "symlink loop" in preview.message
        assert str(tmp_path / name) in preview.message


def test_broken_symlink_says_its_target_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to("nowhere.txt")
    entry = listing(tmp_path)["dangling"]
    assert entry.kind is Kind.SYMLINK
    assert entry.link_target == "nowhere.txt"
    assert entry.error is not None and "does not exist" in entry.error
    backend = CountingBackend(LocalBackend())
    preview = load_preview(backend, entry)
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert "broken symlink" in preview.message
    assert backend.reads == []


def test_fifo_and_socket_are_listed_with_their_kind(special_folder: Path) -> None:
    entries = listing(special_folder)
    assert entries["pipe"].kind is Kind.FIFO
    assert entries["sock"].kind is Kind.SOCKET
    assert entries["plain.txt"].kind is Kind.FILE


@pytest.mark.parametrize(("name", "kind_word"), [("pipe", "fifo"), ("sock", "socket")])
def test_special_files_are_never_opened(special_folder: Path, name: str, kind_word: str) -> None:
    backend = CountingBackend(LocalBackend())
    entry = listing(special_folder)[name]
    preview: Preview = within(5, lambda: load_preview(backend, entry))
    assert isinstance(preview, MessagePreview)
    assert preview.level == "info"
    assert f"is a {kind_word}" in preview.message
    assert "does not open it" in preview.message
    assert backend.reads == []


def test_symlink_to_fifo_is_a_fifo_and_is_not_opened(special_folder: Path) -> None:
    (special_folder / "to-pipe").symlink_to("pipe")
    backend = CountingBackend(LocalBackend())
    entry = listing(special_folder)["to-pipe"]
    assert entry.kind is Kind.FIFO
    preview = within(5, lambda: load_preview(backend, entry))
    assert isinstance(preview, MessagePreview)
    assert backend.reads == []


def test_fifo_that_slips_past_the_kind_check_does_not_block_the_read(
    special_folder: Path,
) -> None:
    path = str(special_folder / "pipe")
    with pytest.raises(OSError):
        within(5, lambda: LocalBackend().read_range(path, 0, 100))
    mislabelled = Entry("pipe", path, Kind.FILE, size=10)
    preview = within(5, lambda: load_preview(LocalBackend(), mislabelled))
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert "not a regular file" in preview.message


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_character_device_is_described_and_not_opened() -> None:
    backend = CountingBackend(LocalBackend())
    entry = backend.stat("/dev/null")
    assert entry.kind is Kind.CHAR_DEVICE
    preview = within(5, lambda: load_preview(backend, entry))
    assert isinstance(preview, MessagePreview)
    assert "character device" in preview.message
    assert backend.reads == []


def test_file_deleted_between_listing_and_preview_says_it_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text("soon gone")
    entry = listing(tmp_path)["gone.txt"]
    (tmp_path / "gone.txt").unlink()
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview)
    assert preview.level == "error"
    assert preview.message == (
        f"Cannot read {tmp_path / 'gone.txt'}: "
        "it does not exist (it may have been moved or deleted)."
    )


def test_folder_deleted_between_listing_and_preview_says_it_does_not_exist(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    entry = listing(tmp_path)["sub"]
    (tmp_path / "sub").rmdir()
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert preview.message.startswith(f"Cannot list {tmp_path / 'sub'}: it does not exist")


def test_stat_of_a_missing_path_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        LocalBackend().stat(str(tmp_path / "missing"))


def test_stat_describes_one_entry(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00" * 10)
    entry = LocalBackend().stat(str(tmp_path / "a.bin"))
    assert (entry.name, entry.kind, entry.size) == ("a.bin", Kind.FILE, 10)
    assert entry.mode is not None and entry.uid == os.getuid()


def test_read_range_reads_only_what_is_asked(tmp_path: Path) -> None:
    (tmp_path / "digits").write_bytes(b"0123456789")
    backend = LocalBackend()
    assert backend.read_range(str(tmp_path / "digits"), 3, 4) == b"3456"
    assert backend.read_range(str(tmp_path / "digits"), 8, 100) == b"89"
    assert backend.read_range(str(tmp_path / "digits"), 50, 10) == b""


def test_paths_join_split_and_show_home_as_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    backend = LocalBackend()
    assert backend.join("/a", "b") == "/a/b"
    assert backend.parent("/a/b") == "/a"
    assert backend.parent("/a") == "/"
    assert backend.parent("/") == "/"
    assert backend.display(str(tmp_path / "x")) == "~/x"
    assert backend.display(str(tmp_path)) == "~"
    assert backend.display(str(tmp_path) + "-other") == str(tmp_path) + "-other"


def test_names_first_then_details_match_the_full_listing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "data.bin").write_bytes(b"x" * 1234)
    os.symlink("data.bin", tmp_path / "link")
    os.symlink("nowhere", tmp_path / "dangling")
    backend = LocalBackend()
    quick = [e for batch in backend.list_names_first(str(tmp_path)) for e in batch]
    by_name = {e.name: e for e in quick}
    assert by_name["data.bin"].kind is Kind.FILE and by_name["data.bin"].size is None
    assert by_name["sub"].kind is Kind.FOLDER
    assert by_name["link"].link_target == "data.bin"  # links are followed at once
    assert by_name["dangling"].error is not None
    detailed = {e.name: e for e in backend.with_details(quick)}
    full = {e.name: e for batch in backend.list_batches(str(tmp_path)) for e in batch}
    assert detailed == full


def test_details_come_in_new_entries_and_leave_the_listed_ones_alone(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_bytes(b"x" * len(name))
    backend = LocalBackend()
    quick = [e for batch in backend.list_names_first(str(tmp_path)) for e in batch]
    detailed = backend.with_details(quick)
    assert [e.name for e in detailed] == [e.name for e in quick]  # the same order
    assert all(new is not old for new, old in zip(detailed, quick, strict=True))
    assert [e.size for e in quick] == [None, None, None]  # possibly on screen: untouched
    assert [e.size for e in detailed] == [5, 5, 5]
    assert all(new.sort_key is old.sort_key for new, old in zip(detailed, quick, strict=True))


def test_details_of_an_entry_deleted_after_listing_are_left_empty(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text("x")
    backend = LocalBackend()
    entries = [e for batch in backend.list_names_first(str(tmp_path)) for e in batch]
    (tmp_path / "gone.txt").unlink()
    (detailed,) = backend.with_details(entries)
    assert detailed.name == "gone.txt" and detailed.size is None


def test_local_capabilities_say_what_the_disk_allows() -> None:
    capabilities = LocalBackend().capabilities
    assert capabilities.names_first and capabilities.local_paths and capabilities.open_files
    assert not capabilities.sizes_trusted  # /proc files list as 0 bytes
    assert not (capabilities.exec or capabilities.versions)
    # Writes replace the file whole; the version is checked just before, not by the disk.
    assert capabilities.write and not capabilities.conditional_write


def test_open_binary_reads_and_seeks_a_local_file(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(bytes(range(256)))
    with LocalBackend().open_binary(str(tmp_path / "data.bin")) as handle:
        handle.seek(250)
        assert handle.read() == bytes(range(250, 256))
        assert handle.seekable()


def test_open_binary_of_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        LocalBackend().open_binary(str(tmp_path / "ghost"))
