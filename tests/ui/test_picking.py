"""Picker mode (`--chooser-file`): space marks, Enter chooses; the folder left for `--cwd-file`."""

from __future__ import annotations

from pathlib import Path

from spyglass.location import resolve
from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import cursor_name, make_app, move_to, row_names
from tests.ui.test_navigation import bundle


def _chooser(path: Path) -> SpyglassApp:
    return SpyglassApp(resolve(str(path)), choosing=True)


def _row(app: SpyglassApp, name: str) -> str:
    tree = app.file_tree
    for index, row in enumerate(tree.rows):
        if index > 0 and row.entry.name == name:
            line = index - int(tree.scroll_offset.y)
            return tree.render_line(line).text
    raise AssertionError(name)


async def test_enter_on_a_file_chooses_it_and_quits(sample: Path) -> None:
    app = _chooser(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("enter")
        await pilot.pause()
    assert app.picks.chosen == [str(sample / "notes.txt")]
    assert app.picks.landing == str(sample)


async def test_enter_on_a_folder_with_no_marks_opens_it(sample: Path) -> None:
    app = _chooser(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "src")
        await pilot.press("enter")
        await settle(pilot)
        assert "count_words.py" in row_names(app)
        assert app.is_running
    assert app.picks.chosen is None


async def test_space_marks_entries_and_enter_chooses_them_in_order(sample: Path) -> None:
    app = _chooser(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        before = _row(app, "notes.txt")
        await pilot.press("space")
        assert "✓ notes.txt" in _row(app, "notes.txt")
        assert "✓" not in before
        move_to(app, "docs")
        await pilot.press("space")
        assert cursor_name(app) == "src"  # marked, and the cursor moved down
        assert "✓ docs" in _row(app, "docs")
        await pilot.press("up", "space")  # docs again: unmarked
        assert "✓" not in _row(app, "docs")
        move_to(app, "file2.txt")
        await pilot.press("space")
        move_to(app, "src")  # a folder: with marks, Enter chooses them
        await pilot.press("enter")
        await pilot.pause()
    assert app.picks.chosen == [str(sample / "notes.txt"), str(sample / "file2.txt")]


async def test_q_chooses_nothing_and_records_the_folder(sample: Path) -> None:
    app = _chooser(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("space")
        move_to(app, "src")
        await pilot.press("q")
        await pilot.pause()
    assert app.picks.chosen is None
    assert app.picks.landing == str(sample / "src")


async def test_space_marks_outside_picker_mode_and_enter_still_opens(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("space")
        assert "✓ notes.txt" in _row(app, "notes.txt")
        move_to(app, "notes.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert app.preview_pane.entry is not None
        assert app.preview_pane.entry.name == "notes.txt"


async def test_landing_is_the_folder_the_file_or_the_root(sample: Path) -> None:
    cases = [("src", sample / "src"), ("notes.txt", sample), (None, sample)]
    for name, expected in cases:
        app = make_app(sample)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            if name is not None:
                move_to(app, name)
            else:
                app.file_tree.move_cursor(0)
            await pilot.press("q")
            await pilot.pause()
        assert app.picks.landing == str(expected), name


async def test_inside_an_archive_no_folder_is_left_for_the_shell(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "files")
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "bundle.zip")
        await pilot.press("enter")
        await settle(pilot)
        assert app.navigator.in_archive
        move_to(app, "inner")
        await pilot.press("q")
        await pilot.pause()
    assert app.picks.landing is None
