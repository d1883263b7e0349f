"""The tree: order, keys, filter, roots, refresh."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.support.letters import letters_in_order
from tests.support.pilot import settle
from tests.ui.helpers import cursor_name, make_app, move_to, row_messages, row_names, screen_text


async def test_folders_first_then_natural_order_hidden_off(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        names = row_names(app)
        assert names[:2] == ["docs", "src"]
        assert names.index("file2.txt") < names.index("file10.txt")
        assert ".hidden" not in names


async def test_hidden_key_toggles_dot_files(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("full_stop")
        assert ".hidden" in row_names(app)
        assert "hidden files shown" in screen_text(app)
        await pilot.press("full_stop")
        assert ".hidden" not in row_names(app)


async def test_hidden_setting_shows_dot_files_from_start(sample: Path) -> None:
    app = make_app(sample, hidden=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert ".hidden" in row_names(app)


async def test_enter_expands_folder_and_left_collapses(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "src")
        await pilot.press("enter")
        await settle(pilot)
        assert "count_words.py" in row_names(app)
        await pilot.press("down")
        assert cursor_name(app) == "count_words.py"
        await pilot.press("left")  # from a child: to its folder
        assert cursor_name(app) == "src"
        await pilot.press("left")  # on an open folder: collapse
        assert "count_words.py" not in row_names(app)


async def test_vim_keys_move_and_open(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert cursor_name(app) == "docs"
        await pilot.press("l")
        await settle(pilot)
        assert "guide.md" in row_names(app)
        await pilot.press("j", "j")
        assert cursor_name(app) == "src"
        await pilot.press("k")
        assert cursor_name(app) == "guide.md"
        await pilot.press("h")
        assert cursor_name(app) == "docs"


async def test_end_and_home_jump(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        assert app.file_tree.cursor == len(app.file_tree.rows) - 1
        await pilot.press("home")
        assert app.file_tree.cursor == 0


async def test_click_on_folder_expands_it(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # row 0 of the tree is the root; "docs" is the next row, one line below the location bar
        await pilot.click("#tree", offset=(4, 1))
        await settle(pilot)
        assert cursor_name(app) == "docs"
        assert "guide.md" in row_names(app)


async def test_filter_finds_one_name_among_many_and_escape_clears(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(20_000):
        (folder / f"item{index:05}.dat").touch()
    (folder / "needle-report.csv").touch()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(row_names(app)) == 20_001
        await pilot.press("slash")
        await pilot.press(*"ndlrep")  # fuzzy: letters in order
        assert row_names(app) == ["needle-report.csv"]
        assert cursor_name(app) == "needle-report.csv"
        await pilot.press("enter")
        assert app.focused is app.file_tree
        await pilot.press("escape")
        assert len(row_names(app)) == 20_001


async def test_filter_without_match_says_so(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "z", "z", "q")
        assert row_names(app) == []
        assert any("no match" in message for message in row_messages(app))


async def test_set_root_and_go_up(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "src")
        await pilot.press("o")
        await settle(pilot)
        assert app.file_tree.model.root.path == str(sample / "src")
        assert row_names(app) == ["count_words.py"]
        await pilot.press("u")
        await settle(pilot)
        assert app.file_tree.model.root.path == str(sample)
        assert cursor_name(app) == "src"


async def test_goto_prompt_opens_another_folder(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        prompt_input = app.screen.query_one(Input)
        prompt_input.value = str(sample / "docs")
        await pilot.press("enter")
        await settle(pilot)
        assert app.file_tree.model.root.path == str(sample / "docs")
        assert row_names(app) == ["guide.md"]


async def test_goto_bad_location_is_a_notification_not_a_crash(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_location(str(sample / "nope"))
        await settle(pilot)
        app.open_location("nosuchprotocol://x")
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("no such file or folder" in message for message in messages)
        assert any("unknown protocol" in message for message in messages)
        assert app.file_tree.model.root.path == str(sample)


async def test_refresh_shows_a_new_file(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (sample / "appeared.txt").write_text("new\n")
        assert "appeared.txt" not in row_names(app)
        await pilot.press("r")
        await settle(pilot)
        assert "appeared.txt" in row_names(app)


async def test_tab_moves_focus_between_tree_and_preview(sample: Path) -> None:
    app = make_app(sample / "src" / "count_words.py")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.file_tree
        await pilot.press("tab")
        assert app.focused is app.preview_pane.active_view
        await pilot.press("tab")
        assert app.focused is app.file_tree


async def test_keys_from_config_replace_defaults(sample: Path) -> None:
    from spyglass.config import DEFAULT_KEYS

    keys = dict(DEFAULT_KEYS, toggle_hidden="z")
    app = make_app(sample, keys=keys)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        assert ".hidden" in row_names(app)


async def test_q_quits(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_fast_typing_in_a_big_folder_shows_each_key_then_the_whole_answer(
    tmp_path: Path,
) -> None:
    """Past the size filtered at once, each key shows the first matches and a worker the rest."""
    folder = tmp_path / "many"
    folder.mkdir()
    count = 60_000
    for index in range(count):
        (folder / f"f{index:05d}").touch()
    names = [f"f{index:05d}" for index in range(count)]
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "f", "5")
        # At once: the first matches, in the folder's order, and a row saying more may come.
        shown = row_names(app)
        dense = [name for name in names if letters_in_order("f5", name)]
        assert shown and shown == dense[: len(shown)]
        await pilot.press(*"432")  # no pause between the keys
        await settle(pilot)
        assert row_names(app) == [name for name in names if letters_in_order("f5432", name)]
        assert not any("filtering" in message for message in row_messages(app))
        assert cursor_name(app) == row_names(app)[0]
        await pilot.press("backspace", "backspace", "backspace", "0")  # f5432 -> f50
        await settle(pilot)
        assert row_names(app) == [name for name in names if letters_in_order("f50", name)]


async def test_unknown_theme_is_named_and_the_default_used(sample: Path) -> None:
    app = make_app(sample, theme="no-such-theme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("Unknown theme 'no-such-theme'" in message for message in messages)
        assert app.theme == "textual-dark"


async def test_fast_typing_in_the_filter_ends_on_the_matches_of_the_whole_text(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(5000):
        (folder / f"f{index:05d}").touch()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"f0432")  # no pause between the keys
        await settle(pilot)
        names = [f"f{index:05d}" for index in range(5000)]
        expected = [name for name in names if letters_in_order("f0432", name)]
        assert len(expected) > 30 and row_names(app) == expected
        assert cursor_name(app) == expected[0]
        await pilot.press("backspace", "backspace", "3", "2", "1")  # f0432 -> f04321
        await settle(pilot)
        assert row_names(app) == [name for name in names if letters_in_order("f04321", name)]
