"""vim's moves in the tree and in every preview view, key sequences, and the prompt's new keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from spyglass.ui.app import SpyglassApp
from spyglass.ui.key_bar import KeyBar
from spyglass.ui.key_sequences import SEQUENCE_SECONDS
from spyglass.ui.location_prompt import LocationPrompt
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to

ROWS = 300


def _many_files(folder: Path) -> Path:
    folder.mkdir()
    for n in range(ROWS):
        (folder / f"f{n:03}.txt").write_text(f"{n}\n")
    return folder


def _key_bar(app: SpyglassApp) -> str:
    return app.query_one(KeyBar).text


async def test_tree_moves_top_bottom_half_and_whole_pages(tmp_path: Path) -> None:
    app = make_app(_many_files(tmp_path / "many"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        tree = app.file_tree
        height = tree.size.height
        last = len(tree.rows) - 1
        assert last == ROWS
        await pilot.press("G")
        assert tree.cursor == last
        await pilot.press("g", "g")
        assert tree.cursor == 0
        await pilot.press("ctrl+d")
        assert tree.cursor == height // 2
        await pilot.press("ctrl+f")
        assert tree.cursor == height // 2 + height - 1
        await pilot.press("ctrl+b")
        assert tree.cursor == height // 2
        await pilot.press("ctrl+u")
        assert tree.cursor == 0


async def test_a_pending_first_key_is_on_the_key_bar_then_times_out(tmp_path: Path) -> None:
    app = make_app(_many_files(tmp_path / "many"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await pilot.press("g")
        bar = _key_bar(app)
        assert bar.startswith(" g… ")
        assert "g First" in bar
        await asyncio.sleep(SEQUENCE_SECONDS + 0.3)
        await pilot.pause()
        assert "g…" not in _key_bar(app)
        await pilot.press("g")  # a new sequence, not the second key of the old one
        assert app.file_tree.cursor == ROWS
        await pilot.press("escape", "g")  # Esc cancels the pending key only
        assert app.file_tree.cursor == ROWS
        await pilot.press("g")
        assert app.file_tree.cursor == 0


async def test_g_alone_no_longer_opens_the_prompt_ctrl_l_and_colon_do(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await asyncio.sleep(SEQUENCE_SECONDS + 0.3)
        await pilot.pause()
        assert not isinstance(app.screen, LocationPrompt)
        for key in ("ctrl+l", "colon"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, LocationPrompt), key
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, LocationPrompt)


async def test_sequences_follow_the_keys_table(tmp_path: Path) -> None:
    keys = {"first": "home,z z", "goto": "g"}
    app = make_app(_many_files(tmp_path / "many"), keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G", "z", "z")
        assert app.file_tree.cursor == 0
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, LocationPrompt)


def _lines(folder: Path, name: str, count: int) -> None:
    (folder / name).write_text("".join(f"line {n}\n" for n in range(count)), encoding="utf-8")


async def _preview(app: SpyglassApp, pilot: Pilot[None], name: str) -> None:
    await settle(pilot)
    move_to(app, name)
    await settle(pilot)
    await pilot.press("tab")


async def _check_scrolls(pilot: Pilot[None], view: Widget) -> None:
    page = view.scrollable_content_region.height
    assert view.max_scroll_y > 2 * page
    await pilot.press("G")
    assert view.scroll_y == view.max_scroll_y
    await pilot.press("g", "g")
    assert view.scroll_y == 0
    await pilot.press("ctrl+d")
    assert view.scroll_y == page // 2
    await pilot.press("ctrl+f")
    assert view.scroll_y == page // 2 + page
    await pilot.press("ctrl+b")
    assert view.scroll_y == page // 2
    await pilot.press("ctrl+u")
    assert view.scroll_y == 0


async def test_text_preview_scrolls_with_vim_keys(tmp_path: Path) -> None:
    _lines(tmp_path, "long.txt", 500)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _preview(app, pilot, "long.txt")
        view = app.preview_pane.text_view
        assert app.focused is view
        await _check_scrolls(pilot, view)


async def test_hex_preview_scrolls_with_vim_keys(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _preview(app, pilot, "blob.bin")
        view = app.preview_pane.hex_view
        assert app.focused is view
        await _check_scrolls(pilot, view)


async def test_rendered_preview_scrolls_with_vim_keys(tmp_path: Path) -> None:
    body = "".join(f"Paragraph {n}.\n\n" for n in range(200))
    (tmp_path / "notes.md").write_text("# Notes\n\n" + body, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _preview(app, pilot, "notes.md")
        view = app.preview_pane.rendered_view
        assert app.focused is view
        await _check_scrolls(pilot, view)


async def test_table_preview_moves_its_cursor_with_vim_keys(tmp_path: Path) -> None:
    rows = "".join(f"{n},{n * 2}\n" for n in range(400))
    (tmp_path / "data.csv").write_text("a,b\n" + rows, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _preview(app, pilot, "data.csv")
        await settle(pilot)
        from spyglass.ui.table_view import TableView

        table = app.screen.query_one(TableView)
        assert app.focused is table
        await pilot.press("G")
        assert table.cursor_row == 399
        await pilot.press("g", "g")
        assert table.cursor_row == 0
        await pilot.press("ctrl+d")
        half = table.cursor_row
        assert half > 0
        await pilot.press("ctrl+u")
        assert table.cursor_row == 0
        await pilot.press("ctrl+f")
        assert table.cursor_row > half
        await pilot.press("ctrl+b")
        assert table.cursor_row == 0


async def test_find_keys_still_work_beside_the_scroll_keys(tmp_path: Path) -> None:
    lines = [f"line {n}" + (" needle" if n in (10, 400) else "") for n in range(500)]
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _preview(app, pilot, "long.txt")
        await pilot.press("slash", *"needle", "enter")
        await settle(pilot)
        status = app.preview_pane.find_bar
        assert status.status == "1 of 2"
        await pilot.press("G", "n")
        await settle(pilot)
        assert status.status == "2 of 2"
        await pilot.press("g", "g", "N")
        await settle(pilot)
        assert status.status == "1 of 2"
