"""The running app over files that carry one hostile string in every channel.

What Textual would write to the terminal is recorded (a driver that keeps the
bytes instead of discarding them, as the headless one does) and searched for
control sequences the app did not write itself.
"""

from __future__ import annotations

from pathlib import Path

from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from spyglass.ui.app import SpyglassApp
from spyglass.ui.download_screen import DownloadScreen
from spyglass.ui.part_picker_screen import PartPickerScreen
from spyglass.ui.table_panel import TablePanel
from tests.support.hostile import CHANNELS as HOSTILE_CHANNELS
from tests.support.hostile import HOSTILE, HOSTILE_NAME, build_hostile_folder, foreign_controls
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, row_names, screen_text
from tests.ui.test_download_ui import wait_download


class RecordingDriver(HeadlessDriver):
    """Headless input, but the output the app writes is kept for the test to read."""

    written: list[str]

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self.written.append(data)


def recording_app(folder: Path) -> tuple[SpyglassApp, list[str]]:
    app = make_app(folder)
    written: list[str] = []
    driver = type("Driver", (RecordingDriver,), {"written": written})
    app.driver_class = driver
    return app, written


def taken(written: list[str]) -> str:
    """What was written since the last call."""
    text = "".join(written)
    written.clear()
    return text


TREE_CHANNELS = list(HOSTILE_CHANNELS)


async def test_no_preview_writes_a_foreign_control_sequence(tmp_path: Path) -> None:
    names = build_hostile_folder(tmp_path / "files")
    app, written = recording_app(tmp_path / "files")
    leaks: dict[str, list[str]] = {}
    async with app.run_test(size=(160, 50), headless=False) as pilot:
        await settle(pilot)
        leaks["tree"] = foreign_controls(taken(written))
        for channel in TREE_CHANNELS:
            move_to(app, names[channel])
            await settle(pilot)
            leaks[channel] = foreign_controls(taken(written))
            if channel in ("text", "markdown"):  # the text itself is on screen, escaped
                assert "x[/][link=https://e.x/]L[/link]\\x1b]0;TITLE-MARK" in screen_text(app)
    assert {channel: found for channel, found in leaks.items() if found} == {}


async def test_table_bars_pickers_and_cells_write_no_foreign_control_sequence(
    tmp_path: Path,
) -> None:
    names = build_hostile_folder(tmp_path / "files")
    app, written = recording_app(tmp_path / "files")
    leaks: dict[str, list[str]] = {}
    async with app.run_test(size=(160, 50), headless=False) as pilot:
        await settle(pilot)
        for channel in ("sqlite", "xlsx"):
            move_to(app, names[channel])
            await settle(pilot)
            await pilot.press("tab")  # into the table
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, PartPickerScreen), channel
            assert app.screen.query_one(OptionList).option_count == 2
            leaks[f"{channel} picker"] = foreign_controls(taken(written))
            await pilot.press("down", "enter")
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            await pilot.press("up", "enter")  # back to the hostile one, by its shown name
            await settle(pilot)
            leaks[f"{channel} part"] = foreign_controls(taken(written))
            table = app.query_one(TablePanel).table
            assert table is not None and table.part is not None
            assert "\\u202e" in table.part, channel  # the hostile one, reopened by its shown name
            await pilot.press("enter")  # the cell detail
            await settle(pilot)
            leaks[f"{channel} cell"] = foreign_controls(taken(written))
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("v")  # the row detail
            await settle(pilot)
            leaks[f"{channel} row"] = foreign_controls(taken(written))
            await pilot.press("escape")
            await pilot.press("tab")  # back to the tree
            await settle(pilot)
    assert {channel: found for channel, found in leaks.items() if found} == {}


async def test_archive_member_names_write_no_foreign_control_sequence(tmp_path: Path) -> None:
    names = build_hostile_folder(tmp_path / "files")
    app, written = recording_app(tmp_path / "files")
    leaks: dict[str, list[str]] = {}
    async with app.run_test(size=(160, 50), headless=False) as pilot:
        await settle(pilot)
        for channel in ("zip", "tar"):
            move_to(app, names[channel])
            await pilot.press("enter")
            await settle(pilot)
            assert app.navigator.in_archive, channel
            for _ in range(3):
                await pilot.press("down")
                await settle(pilot)
            leaks[channel] = foreign_controls(taken(written))
            assert HOSTILE_NAME in row_names(app)
            await pilot.press("u")
            await settle(pilot)
    assert {channel: found for channel, found in leaks.items() if found} == {}


def test_the_recording_driver_sees_what_a_leak_would_write() -> None:
    """The check itself: raw hostile text in the output is found, the app's own is not."""
    found = foreign_controls("\x1b[1mok\x1b[0m" + HOSTILE)
    assert {"\x9b", "\u202e", "\u2066", "\x7f", "\x07", "\x1b[31mSGR-MARK"} <= set(found)
    assert "'\\x1b]0;TITLE-MA'" in found
    own = "\x1b[?2026h\x1b[38;2;1;2;3mok\x1b[0m\x1b[10;4H\x1b]22;default\x07\r\n"
    assert foreign_controls(own) == []


async def start_download(pilot: Pilot[None], app: SpyglassApp, name: str, dest: Path) -> None:
    move_to(app, name)
    await settle(pilot)
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DownloadScreen)
    app.screen.query_one(Input).value = str(dest)
    await pilot.press("enter")
    await wait_download(pilot)


async def test_downloads_say_what_they_left_out_and_write_no_control(tmp_path: Path) -> None:
    names = build_hostile_folder(tmp_path / "files")
    dest = tmp_path / "downloads"
    dest.mkdir()
    app, written = recording_app(tmp_path)
    async with app.run_test(size=(160, 50), headless=False) as pilot:
        await settle(pilot)
        move_to(app, "files")
        await pilot.press("right")  # open it
        await settle(pilot)
        await start_download(pilot, app, names["folder name"], dest)
        assert isinstance(app.screen, DownloadScreen)  # refused: it says why and waits
        assert "its name holds control characters" in screen_text(app)
        await pilot.press("escape")
        await start_download(pilot, app, "files", dest)
        await pilot.pause()
        leaks = foreign_controls(taken(written))
    [said] = [notification.message for notification in app._notifications]
    assert leaks == []
    copied = [path for path in (dest / "files").rglob("*") if path.is_file()]
    assert said.startswith(f"Downloaded {len(copied)} files")
    assert len(copied) == len(names) - 3  # all but the hostile file, folder and link
    assert "3 entries left out: " in said and "its name holds control characters" in said
