"""`s` and `S` in the app: results stream into a list, Enter shows one, Esc stops the search."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from spyglass.jobs.update import JobState
from spyglass.search.results import LineMatch, NameMatch
from spyglass.ui.app import SpyglassApp
from spyglass.ui.result_text import result_text
from spyglass.ui.search_panel import SearchPanel
from spyglass.ui.search_prompt import SearchPrompt
from spyglass.ui.text_view import TextView
from tests.support.held_walk import HeldWalk
from tests.support.hostile import HOSTILE, HOSTILE_NAME, foreign_controls
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, screen_text, use_backend
from tests.ui.test_hostile_terminal import recording_app, taken


def panel_of(app: SpyglassApp) -> SearchPanel:
    panel = app.search_panel
    assert panel is not None, "no search was started"
    return panel


def status_of(panel: SearchPanel) -> str:
    return str(panel.query_one("#search-status", Static).content)


def state_of(panel: SearchPanel) -> JobState:
    return panel.state


def shown_results(app: SpyglassApp) -> list[str]:
    """The results as the list holds them: relative paths, or `path:line`."""
    shown: list[str] = []
    for result in panel_of(app).results_list.results:
        if isinstance(result, NameMatch):
            shown.append(result.relative + ("/" if result.is_folder else ""))
        elif isinstance(result, LineMatch):
            shown.append(f"{result.relative}:{result.line}")
        else:
            shown.append(f"problem: {result.sentence}")
    return shown


async def search(pilot: Pilot[None], key: str, pattern: str, *, settled: bool = True) -> None:
    """Open the prompt with `key`, type `pattern` over what is there, and start the search."""
    app = pilot.app
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, SearchPrompt)
    app.screen.query_one("#search-pattern", Input).value = pattern
    await pilot.press("enter")
    await pilot.pause()
    if settled:
        await settle(pilot)


async def test_s_finds_names_under_the_root_and_says_how(tmp_path: Path) -> None:
    (tmp_path / "src" / "deep").mkdir(parents=True)
    (tmp_path / "src" / "deep" / "report.txt").write_text("x")
    (tmp_path / "Report-old.md").write_text("x")
    (tmp_path / "other.txt").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search(pilot, "s", "report")
        assert sorted(shown_results(app)) == ["Report-old.md", "src/deep/report.txt"]
        panel = panel_of(app)
        assert panel.state is JobState.FINISHED
        status = status_of(panel)
        assert status.startswith("walked the folder") or "·" in status
        assert "entries visited · 2 matched" in status and status.endswith("done")
        assert panel.results_list.has_focus


async def test_a_glob_with_files_only_leaves_folders_out(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x")
    (tmp_path / "b.py").mkdir()
    (tmp_path / "b.py" / "c.py").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, SearchPrompt)
        prompt.query_one("#search-pattern", Input).value = "*.py"
        await pilot.click("#search-files")
        await pilot.press("enter")  # in the depth box: submits too
        await settle(pilot)
        assert not isinstance(app.screen, SearchPrompt)
        assert sorted(shown_results(app)) == ["a.py", "b.py/c.py"]


async def test_a_bad_regex_is_said_in_the_prompt(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, SearchPrompt)
        prompt.query_one("#search-pattern", Input).value = "(unclosed"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt
        assert "bad regular expression" in str(prompt.query_one("#search-error", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.search_panel is None


async def test_enter_on_a_name_reveals_it_in_the_tree(tmp_path: Path) -> None:
    deep = tmp_path / "one" / "two" / "three"
    deep.mkdir(parents=True)
    (deep / "target.txt").write_text("the target\n")
    (tmp_path / "one" / "zz.txt").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search(pilot, "s", "target")
        assert shown_results(app) == ["one/two/three/target.txt"]
        await pilot.press("enter")
        await settle(pilot)
        tree = app.file_tree
        assert tree.cursor_entry is not None
        assert tree.cursor_entry.path == str(deep / "target.txt")
        for folder in ("one", "one/two", "one/two/three"):
            assert tree.model.is_expanded(str(tmp_path / folder))
        assert app.preview_pane.entry is not None
        assert app.preview_pane.entry.path == str(deep / "target.txt")
        assert "the target" in screen_text(app)
        assert panel_of(app).results_list.has_focus  # on to the next result from here


def marked_on_screen(view: TextView, line: int) -> str:
    """The marked characters of a line of the preview, which must be on screen."""
    top = int(view.scroll_offset.y)
    assert top <= line < top + view.size.height, (top, line)
    strip = view.render_line(line - top)
    return "".join(seg.text for seg in strip if seg.style is not None and seg.style.reverse)


async def test_enter_on_a_line_match_scrolls_the_preview_to_it_and_marks_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    lines = [f"line {n}" for n in range(1, 501)]
    lines[39] = "a needle early"
    lines[399] = "here is the \x1b[31mNEEDLE in line 400"
    (tmp_path / "docs" / "long.txt").write_text("\n".join(lines) + "\n")
    (tmp_path / "short.txt").write_text("no match\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search(pilot, "S", "NEEDLE")  # case-sensitive by default
        assert shown_results(app) == ["docs/long.txt:400"]
        assert status_of(panel_of(app)).endswith("done")
        await pilot.press("escape")  # closes the finished list
        await pilot.pause()
        assert not panel_of(app).display
        assert app.file_tree.has_focus
        await pilot.press("S")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, SearchPrompt)
        assert prompt.query_one("#search-pattern", Input).value == "NEEDLE"  # the last one
        await pilot.click("#search-ignore-case")
        await pilot.press("enter")
        await settle(pilot)
        assert shown_results(app) == ["docs/long.txt:40", "docs/long.txt:400"]
        # the control characters are escaped in the list
        assert "docs/long.txt:400: here is the \\x1b[31mNEEDLE in line 400" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        tree = app.file_tree
        assert tree.cursor_entry is not None
        assert tree.cursor_entry.path == str(tmp_path / "docs" / "long.txt")
        view = app.preview_pane.text_view
        assert marked_on_screen(view, 39) == "needle"
        await pilot.press("down", "enter")  # the same file: the preview only scrolls
        await settle(pilot)
        assert marked_on_screen(view, 399) == "NEEDLE"
        assert marked_on_screen(view, 399 - 5) == ""


def make_folders(root: Path, folders: int, files: int) -> None:
    for folder in range(folders):
        path = root / f"d{folder:03}"
        path.mkdir()
        for number in range(files):
            (path / f"f{number:04}.txt").touch()


async def test_many_results_stream_in_while_keys_are_answered(tmp_path: Path) -> None:
    make_folders(tmp_path, 100, 200)  # 20,000 files
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search(pilot, "s", "f", settled=False)
        panel = panel_of(app)
        for _ in range(200):  # the keys are answered while results keep coming
            await pilot.press("down")
            if panel.state is not JobState.RUNNING:
                break
        moved = panel.results_list.cursor
        assert moved > 0
        await settle(pilot)
        assert panel.state is JobState.FINISHED
        assert len(panel.results_list.results) == 20_000
        await pilot.press("end")
        await pilot.pause()
        assert panel.results_list.cursor == 19_999
        assert "20,000 matched" in status_of(panel)


async def test_escape_stops_the_search_and_keeps_the_results(tmp_path: Path) -> None:
    make_folders(tmp_path, 3, 5)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.file_tree
        assert tree.backend is not None
        held = HeldWalk(tree.backend, str(tmp_path / "d001"))
        use_backend(app, held)
        await settle(pilot)
        try:
            await search(pilot, "s", "f", settled=False)
            assert await asyncio.to_thread(held.holding.wait, 30)
            panel = panel_of(app)
            assert panel.state is JobState.RUNNING
            await pilot.press("escape")  # the list has the focus: it stops the search
            assert not panel.running
        finally:
            held.release.set()
        await settle(pilot)
        assert state_of(panel) is JobState.CANCELLED
        assert panel.display
        found = len(panel.results_list.results)
        assert 0 < found < 15
        status = status_of(panel)
        assert status.startswith("walked") or "searching" in status or "·" in status
        assert "cancelled" in status
        await pilot.press("r")  # run it again, to the end
        await settle(pilot)
        assert state_of(panel) is JobState.FINISHED
        assert len(panel.results_list.results) == 15
        await pilot.press("q")  # closes the list, not the app
        await pilot.pause()
        assert not panel.display
        assert app.is_running


async def test_hostile_names_and_lines_are_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / f"{HOSTILE_NAME}.txt").write_text(f"first\nfind {HOSTILE} here\n")
    app, written = recording_app(folder)
    async with app.run_test(size=(160, 40), headless=False) as pilot:
        await settle(pilot)
        taken(written)
        await search(pilot, "s", "mark")
        names = screen_text(app)
        slash = "\u2215"  # a name cannot hold "/": the hostile name has this instead
        shown_name = f"[bold red]x[{slash}][link=https:{slash}{slash}e.x{slash}]L[{slash}link]"
        assert shown_name + "\\x1b]0;TITLE-MARK" in names
        leaks = foreign_controls(taken(written))
        await search(pilot, "S", "find")
        results = panel_of(app).results_list
        assert len(results.results) == 1
        row = result_text(results.results[0], results.get_component_rich_style).plain
        assert ":2: find [bold red]x[/][link=https://e.x/]L[/link]\\x1b]0;TITLE-MARK" in row
        assert "\\u202eRLO-MARK" in row and "\x1b" not in row and "\u202e" not in row
        assert row[:60] in screen_text(app)
        leaks += foreign_controls(taken(written))
        await pilot.press("enter")
        await settle(pilot)
        leaks += foreign_controls(taken(written))
    assert leaks == []


async def test_a_result_in_a_hidden_folder_shows_hidden_files_to_reveal_it(tmp_path: Path) -> None:
    (tmp_path / ".config" / "tool").mkdir(parents=True)
    (tmp_path / ".config" / "tool" / "settings.ini").write_text("x")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "settings.py").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchPrompt)
        app.screen.query_one("#search-pattern", Input).value = "settings"
        await pilot.click("#search-hidden")
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(shown_results(app)) == [".config/tool/settings.ini", "src/settings.py"]
        results = panel_of(app).results_list
        results.move_cursor(shown_results(app).index(".config/tool/settings.ini"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.file_tree.model.show_hidden
        entry = app.file_tree.cursor_entry
        assert entry is not None and entry.path == str(tmp_path / ".config/tool/settings.ini")


async def test_s_on_a_folder_searches_only_under_it(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.py").write_text("x")
    (tmp_path / "main.txt").write_text("x")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "src")
        await search(pilot, "s", "main")
        assert shown_results(app) == ["main.py"]
        await pilot.press("enter")
        await settle(pilot)
        entry = app.file_tree.cursor_entry
        assert entry is not None and entry.path == str(tmp_path / "src" / "main.py")


async def test_reveal_waits_for_every_folder_on_the_way_whatever_order_they_end_in(
    tmp_path: Path,
) -> None:
    deep = tmp_path / "one" / "two"
    deep.mkdir(parents=True)
    (deep / "target.txt").write_text("the target\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.file_tree
        assert tree.backend is not None
        held = HeldWalk(tree.backend, str(tmp_path / "one"))
        use_backend(app, held)
        await settle(pilot)
        assert tree.reveal(str(deep / "target.txt"))
        assert await asyncio.to_thread(held.holding.wait, 30)
        state = tree.model.folders
        for _ in range(200):  # "one/two" is listed first: its row cannot be shown yet
            if (two := state.get(str(deep))) is not None and two.ordered:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        held.release.set()
        await settle(pilot)
        assert tree.cursor_entry is not None
        assert tree.cursor_entry.path == str(deep / "target.txt")
