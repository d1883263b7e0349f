"""The `d` dialog and the `c` key, driven through the app."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static

from spyglass.fs.backend import Backend, Capabilities
from spyglass.ui.app import SpyglassApp
from spyglass.ui.download_screen import DownloadScreen
from tests.support.counting_backend import CountingBackend
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, screen_text, use_backend


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    (folder / "photos" / "2024").mkdir(parents=True)
    (folder / "notes.txt").write_text("new notes\n")
    (folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8" + bytes(3000))
    (folder / "photos" / "2024" / "b.jpg").write_bytes(b"\xff\xd8" + bytes(5000))
    return folder


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "dest"
    folder.mkdir()
    return folder


async def wait_download(pilot: Pilot[None]) -> None:
    """Wait for the download workers, including the copy the plan starts when it ends."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        busy = [w for w in app.workers if w.group == "download" and not w.is_finished]
        if not busy:
            await pilot.pause()
            return
        await app.workers.wait_for_complete(busy)
    raise AssertionError("the download did not finish")


async def start_download(pilot: Pilot[None], app: SpyglassApp, name: str, dest: Path) -> None:
    """Highlight `name`, press d, type the destination and press Enter."""
    move_to(app, name)
    await settle(pilot)
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DownloadScreen)
    prompt = app.screen.query_one(Input)
    assert prompt.value == os.getcwd()  # the default
    prompt.value = str(dest)
    await pilot.press("enter")


def notifications(app: SpyglassApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_d_downloads_a_file(source: Path, dest: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "notes.txt", dest)
        await wait_download(pilot)
        assert not isinstance(app.screen, DownloadScreen)
        assert (dest / "notes.txt").read_text() == "new notes\n"
        assert notifications(app) == [f"Downloaded 1 file (10 B) to {dest / 'notes.txt'}."]


async def test_d_downloads_a_folder(source: Path, dest: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "photos", dest)
        await wait_download(pilot)
        assert (dest / "photos" / "a.jpg").read_bytes() == (
            source / "photos" / "a.jpg"
        ).read_bytes()
        assert (dest / "photos" / "2024" / "b.jpg").stat().st_size == 5002
        assert notifications(app) == [f"Downloaded 2 files (7.8 KiB) to {dest / 'photos'}."]


async def test_overwrite_is_asked_and_n_keeps_the_old_file(source: Path, dest: Path) -> None:
    (dest / "notes.txt").write_text("old notes\n")
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "notes.txt", dest)
        await wait_download(pilot)
        screen = app.screen
        assert isinstance(screen, DownloadScreen) and screen.state == "confirm"
        assert "Overwrite? (y/n)" in screen_text(app)
        await pilot.press("n")
        await wait_download(pilot)
        assert not isinstance(app.screen, DownloadScreen)
        assert (dest / "notes.txt").read_text() == "old notes\n"
        assert "already exists and was kept" in notifications(app)[0]


async def test_overwrite_with_y_replaces_the_file(source: Path, dest: Path) -> None:
    (dest / "notes.txt").write_text("old notes\n")
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "notes.txt", dest)
        await wait_download(pilot)
        await pilot.press("y")
        await wait_download(pilot)
        assert (dest / "notes.txt").read_text() == "new notes\n"
        assert [name for name in os.listdir(dest)] == ["notes.txt"]


async def test_a_bad_destination_is_a_sentence_in_the_dialog(source: Path, dest: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "notes.txt", dest / "missing")
        await wait_download(pilot)
        screen = app.screen
        assert isinstance(screen, DownloadScreen) and screen.state == "input"
        status = screen.query_one("#download-status", Static)
        assert str(status.content).endswith("missing: it is not an existing folder.")
        assert screen.query_one(Input).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DownloadScreen)
        assert notifications(app) == []


class GatedBackend(CountingBackend):
    """Holds each read until the test lets it go, so a key can be pressed mid-copy."""

    def __init__(self, inner: Backend) -> None:
        super().__init__(inner)
        self.reading = threading.Event()
        self.release = threading.Event()

    def read_range(self, path: str, start: int, length: int) -> bytes:
        self.reading.set()
        self.release.wait(timeout=30)
        return super().read_range(path, start, length)

    def invalidate(self, path: str) -> None:
        self.inner.invalidate(path)


async def test_escape_stops_the_copy_and_leaves_nothing(source: Path, dest: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "photos")
        await settle(pilot)
        tree = app.file_tree
        assert tree.backend is not None
        gated = GatedBackend(tree.backend)
        use_backend(app, gated)
        await settle(pilot)
        await start_download(pilot, app, "photos", dest)
        assert await asyncio.to_thread(gated.reading.wait, 30)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DownloadScreen) and screen.state == "copying"
        current = screen.query_one("#download-current", Static)
        assert str(current.content) == "0 of 2 files: photos/a.jpg"
        assert screen.query_one(ProgressBar).total == 3002 + 5002
        await pilot.press("escape")
        assert screen.state == "stopping"
        gated.release.set()
        await wait_download(pilot)
        assert not isinstance(app.screen, DownloadScreen)
        assert len(gated.reads) == 1  # stopped after the chunk in flight
        assert [name for _, _, names in os.walk(dest) for name in names] == []
        assert notifications(app) == ["Download cancelled; nothing was copied."]


async def test_escape_before_starting_closes_the_dialog(source: Path, dest: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DownloadScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DownloadScreen)
        assert os.listdir(dest) == []


async def test_c_copies_the_full_path(source: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == str(source / "notes.txt")
        assert notifications(app) == [f"Copied {source / 'notes.txt'}"]


class PasswordUrlBackend(CountingBackend):
    """Shows paths the way an SFTP backend opened with a password in the URL would."""

    def display(self, path: str) -> str:
        return f"sftp://alice:hunter2@example.org{path}"

    @property
    def capabilities(self) -> Capabilities:
        return self.inner.capabilities._replace(local_paths=False)

    def invalidate(self, path: str) -> None:
        self.inner.invalidate(path)


async def test_c_copies_a_remote_url_with_the_password_masked(source: Path) -> None:
    app = make_app(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.file_tree
        assert tree.backend is not None
        backend = PasswordUrlBackend(tree.backend)
        backend.protocol = "sftp"
        use_backend(app, backend)
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("c")
        await pilot.pause()
        expected = f"sftp://alice:****@example.org{source / 'notes.txt'}"
        assert app.clipboard == expected
        assert notifications(app) == [f"Copied {expected}"]
        assert "hunter2" not in screen_text(app)


async def test_d_downloads_a_folder_from_fsspec_memory(
    memory_fs: MemoryFileSystem, dest: Path
) -> None:
    root = "/spyglass-download-ui"
    memory_fs.pipe(f"{root}/bucket/one.csv", b"a,b\n1,2\n")
    memory_fs.pipe(f"{root}/bucket/deep/two.json", b"{}")
    app = make_app(f"memory://{root}")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_download(pilot, app, "bucket", dest)
        await wait_download(pilot)
        assert (dest / "bucket" / "one.csv").read_bytes() == b"a,b\n1,2\n"
        assert (dest / "bucket" / "deep" / "two.json").read_bytes() == b"{}"
        assert notifications(app) == [f"Downloaded 2 files (10 B) to {dest / 'bucket'}."]
