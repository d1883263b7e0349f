"""`D` in the app: the view fills in, Enter and Backspace move in the counted tree, Esc leaves."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from spyglass.fs.backend import Backend, Capabilities
from spyglass.fs.entry import Entry
from spyglass.jobs.update import JobState
from spyglass.ui.app import SpyglassApp
from spyglass.ui.sizes_screen import SIZES_GROUP, SizesScreen
from tests.sizes.support import make_tree
from tests.support.counting_backend import CountingBackend
from tests.support.held_walk import HeldWalk
from tests.support.pilot import settle
from tests.ui.helpers import cursor_name, make_app, move_to, screen_text, use_backend


async def counted(pilot: Pilot[None]) -> SizesScreen:
    """Wait for the count to end; the sizes screen on top."""
    app = pilot.app
    await settle(pilot, groups={SIZES_GROUP})
    screen = app.screen
    assert isinstance(screen, SizesScreen)
    return screen


def names(screen: SizesScreen) -> list[str]:
    return [row.name for row in screen.sizes_list.rows]


def title(screen: SizesScreen) -> str:
    return str(screen.query_one("#sizes-title", Static).content)


async def test_d_enter_backspace_r_and_escape(tmp_path: Path) -> None:
    make_tree(tmp_path)
    app = make_app(tmp_path, apparent_size=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "sparse.img")  # a file: the root is counted
        await pilot.press("D")
        screen = await counted(pilot)
        assert screen.state is JobState.FINISHED
        assert screen.sizes is not None
        sizes = screen.sizes
        assert sizes.root.bytes == sizes.totals()[0]
        assert names(screen)[0] == ""  # the 5 MB sparse file, apparent size: the largest
        assert set(names(screen)) == {"", "big", "links", "empty", "new\nline \x1b[31m"}
        ordered = [row.bytes for row in screen.sizes_list.rows]
        assert ordered == sorted(ordered, reverse=True)
        shown = screen_text(app)
        assert "(1 file directly here)" in shown  # the sparse file, 5 MB apparent
        assert "new\\nline \\x1b[31m/" in shown  # escaped, never drawn raw
        assert "apparent size" in title(screen)
        assert "done" in str(screen.query_one("#sizes-status", Static).content)
        job_id = screen._worker.job_id
        big_index = names(screen).index("big")
        screen.sizes_list.move_cursor(big_index)
        await pilot.press("enter")  # into big/: no second count
        await pilot.pause()
        assert screen._worker.job_id == job_id
        assert "sub" in names(screen)
        assert str(tmp_path / "big") in title(screen)
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.folder is sizes.root
        assert screen.sizes_list.current is not None
        assert screen.sizes_list.current.name == "big"  # the cursor on where it came from
        await pilot.press("backspace")  # the top: it stays, and says why
        await pilot.pause()
        assert screen.folder is sizes.root
        await pilot.press("enter", "r")  # counted again, back in the same folder
        screen = await counted(pilot)
        assert screen._worker.job_id != job_id
        assert screen.folder is not None and screen.folder.name == "big"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SizesScreen)
        assert cursor_name(app) == "sparse.img"  # the tree where it was
        backend = app.file_tree.backend
        assert backend is not None
        assert app.size_index.size_of(backend, str(tmp_path / "big")) is not None


async def wait_for(event: threading.Event) -> None:
    for _ in range(200):
        if event.is_set():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the walk never got there")


async def test_escape_mid_count_stops_the_job(tmp_path: Path) -> None:
    make_tree(tmp_path)
    app: SpyglassApp = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.file_tree.backend is not None
        held = HeldWalk(app.file_tree.backend, str(tmp_path / "big" / "sub"))
        use_backend(app, held)
        await settle(pilot)
        try:
            await pilot.press("D")
            await wait_for(held.holding)
            screen = app.screen
            assert isinstance(screen, SizesScreen)
            assert screen.running
            assert "counting" in str(screen.query_one("#sizes-status", Static).content)
            await pilot.press("escape")
            await settle(pilot, groups={SIZES_GROUP})  # the job ended while the listing hangs
            assert not isinstance(app.screen, SizesScreen)
            assert not screen.running
            assert screen.sizes is not None and not screen.sizes.finished
        finally:
            held.release.set()


class Refusing(CountingBackend):
    """Walked folder by folder; the folder `refused` cannot be listed."""

    def __init__(self, inner: Backend, refused: str) -> None:
        super().__init__(inner)
        self.refused = refused

    @property
    def capabilities(self) -> Capabilities:
        return super().capabilities._replace(local_paths=False, names_first=False, exec=False)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        if path == self.refused:
            raise PermissionError(13, "Permission denied", path)
        return super().list_batches(path)


async def test_folders_that_could_not_be_read_are_counted_and_listed(tmp_path: Path) -> None:
    make_tree(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.file_tree.backend is not None
        use_backend(app, Refusing(app.file_tree.backend, str(tmp_path / "big" / "sub")))
        await settle(pilot)
        await pilot.press("D")
        screen = await counted(pilot)
        line = screen.query_one("#sizes-errors-line", Static)
        assert line.display
        assert "1 folder or file could not be read (e lists them)" in str(line.content)
        assert "at least" in title(screen)
        errors = screen.query_one("#sizes-errors", Static)
        assert not errors.display
        await pilot.press("e")
        await pilot.pause()
        assert errors.display
        assert "Cannot list" in str(errors.content) and "sub" in str(errors.content)
        [big] = [row for row in screen.sizes_list.rows if row.name == "big"]
        assert big.unreadable


async def test_folders_counted_with_d_show_their_size_in_the_tree_column(tmp_path: Path) -> None:
    from spyglass.format import human_size
    from spyglass.tree.columns import Columns
    from tests.ui.test_tree_columns_ui import tree_line

    make_tree(tmp_path)
    app = make_app(tmp_path, apparent_size=True, tree_columns=Columns.SIZE)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert tree_line(app, "big/").rstrip().endswith("big/")  # not counted yet
        move_to(app, "sparse.img")
        await pilot.press("D")
        screen = await counted(pilot)
        assert screen.sizes is not None
        big = screen.sizes.size_of(str(tmp_path / "big"))
        assert big is not None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SizesScreen)
        assert tree_line(app, "big/").endswith(f" {human_size(big[0])}")
