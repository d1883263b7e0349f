"""Moving between places in the app: archives entered and left, remote locations."""

from __future__ import annotations

import zipfile
from pathlib import Path

from fsspec.implementations.memory import MemoryFileSystem

from spyglass.navigator import State
from spyglass.ui.app import SpyglassApp
from tests.support.breaking_backend import BreaksOff
from tests.support.pilot import settle
from tests.ui.helpers import (
    cursor_name,
    make_app,
    move_to,
    row_messages,
    row_names,
    screen_text,
    use_backend,
)


def state(app: SpyglassApp) -> State:
    """Read afresh each time: mypy would keep an earlier comparison's narrowing."""
    return app.navigator.state


def bundle(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "notes.txt").write_text("notes\n")
    with zipfile.ZipFile(folder / "bundle.zip", "w") as archive:
        archive.writestr("inner/readme.txt", "inside\n")
        archive.writestr("top.txt", "top\n")
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


async def test_enter_opens_an_archive_and_up_leaves_it_highlighted(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "files")
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "bundle.zip")
        await pilot.press("enter")
        await settle(pilot)
        assert app.navigator.in_archive
        assert row_names(app) == ["inner", "top.txt"]
        assert str(folder / "bundle.zip") in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert not app.navigator.in_archive
        assert cursor_name(app) == "bundle.zip"
        assert row_names(app) == ["broken.zip", "bundle.zip", "notes.txt"]


async def test_a_broken_archive_is_a_sentence_and_the_tree_stays(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "files")
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "broken.zip")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.navigator.in_archive
        assert [note.message for note in app._notifications] == [
            f"Cannot open the archive {folder / 'broken.zip'}: BadZipFile: File is not a zip file."
        ]
        assert row_names(app) == ["broken.zip", "bundle.zip", "notes.txt"]


async def test_the_hidden_setting_applies_to_a_remote_location(
    memory_fs: MemoryFileSystem,
) -> None:
    memory_fs.pipe({"/remote-hidden/.env": b"A=1", "/remote-hidden/seen.txt": b"x"})
    app = make_app("memory://remote-hidden", hidden=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert state(app) is State.CONNECTED
        assert row_names(app) == [".env", "seen.txt"]


async def test_a_remote_location_that_fails_says_why_and_r_connects_once_it_exists(
    memory_fs: MemoryFileSystem,
) -> None:
    app = make_app("memory://later/data.csv")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert state(app) is State.FAILED
        failure = app.navigator.failure
        assert failure is not None and "later/data.csv" in failure
        assert "Cannot open location" in screen_text(app)
        memory_fs.pipe("/later/data.csv", b"a,b\n1,2\n")
        await pilot.press("r")
        await settle(pilot)
        assert state(app) is State.CONNECTED
        assert cursor_name(app) == "data.csv"  # a file given: its folder, with it highlighted


async def test_a_listing_that_breaks_off_keeps_its_entries_and_says_why(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "files")
    (folder / "big").mkdir()
    for index in range(2_000):
        (folder / "big" / f"item{index:04d}").touch()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        use_backend(app, BreaksOff("big"))
        await settle(pilot)
        move_to(app, "big")
        await pilot.press("enter")
        await settle(pilot)
        [error] = [message for message in row_messages(app) if message.startswith("Cannot list")]
        assert error.endswith(
            "the connection was reset by the server. Showing the 1,000 entries listed before."
        )
        assert len(row_names(app)) == 1_000 + 4  # big/ and its kept entries, and the three files
        assert "still listing" not in screen_text(app)
        assert "Entries kept" in screen_text(app)  # the folder's preview says so too
