"""`?` lists every key from the table of actions; the key bar shows the keys of what has focus."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from spyglass.keys import help_rows
from spyglass.ui.app import SpyglassApp
from spyglass.ui.help_screen import HelpScreen
from spyglass.ui.key_bar import KeyBar
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, screen_text


def _bar(app: SpyglassApp) -> str:
    return app.query_one(KeyBar).text


async def test_help_lists_every_key_and_narrows_as_you_type(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert screen.shown == help_rows()
        assert "show or hide dot-files" in screen_text(app)
        await pilot.press(*"dot-files")
        await pilot.pause()
        assert screen.shown == [(["."], "show or hide dot-files")]
        assert f"1 of {len(help_rows())}" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is app.file_tree


async def test_help_shows_the_keys_in_force(sample: Path) -> None:
    app = make_app(sample, keys={"toggle_hidden": "H", "goto": "ctrl+g"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        screen.query_one(Input).value = "any path"
        await pilot.pause()
        assert screen.shown == [(["Ctrl+g"], "go to any path or URL")]
        screen.query_one(Input).value = "dot-files"
        await pilot.pause()
        assert screen.shown == [(["H"], "show or hide dot-files")]


async def test_key_bar_follows_focus_and_always_starts_with_help(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await settle(pilot)
        tree_bar = _bar(app)
        assert tree_bar.startswith(" ? Help ")
        for label in ("Quit", "Filter", "Go to", "Set root", "Download", "Open", "Copy path"):
            assert label in tree_bar, label
        assert "Numbers" not in tree_bar and "Find" not in tree_bar
        await pilot.press("tab")
        await pilot.pause()
        preview_bar = _bar(app)
        assert preview_bar.startswith(" ? Help ")
        for label in ("Find", "Wrap", "Numbers", "Quit"):
            assert label in preview_bar, label
        assert "Set root" not in preview_bar and "Download" not in preview_bar
        await pilot.press("tab")
        await pilot.pause()
        assert _bar(app) == tree_bar


def test_a_key_sequence_is_never_split_over_two_lines_of_the_help() -> None:
    from spyglass.ui.help_screen import KEYS_WIDTH, packed

    labels = ["↑", "k", "↓", "j", "PgUp", "Ctrl+b", "PgDn", "Ctrl+f", "Home", "g g", "End", "G"]
    lines = packed(labels).split("\n")
    assert all(len(line) <= KEYS_WIDTH for line in lines)
    assert [label for line in lines for label in line.split("  ")] == labels
