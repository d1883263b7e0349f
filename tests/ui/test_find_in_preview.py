"""`/` with the preview focused: matches found, highlighted, counted and visited."""

from __future__ import annotations

import time
from pathlib import Path

from textual.pilot import Pilot
from textual.strip import Strip

from spyglass.previews.results import HexPreview, RenderablePreview, TextPreview
from spyglass.ui.app import SpyglassApp
from spyglass.ui.hex_view import HexView
from spyglass.ui.rendered_view import RenderedView
from spyglass.ui.text_view import TextView
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to


async def _open(app: SpyglassApp, pilot: Pilot[None], name: str) -> None:
    await settle(pilot)
    move_to(app, name)
    await settle(pilot)
    await pilot.press("tab")  # the preview takes the keys


async def _find(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await settle(pilot)


def _status(app: SpyglassApp) -> str:
    return app.preview_pane.find_bar.status


def _marked(strip: Strip, view: TextView | HexView | RenderedView, current: bool = False) -> str:
    """The text of a drawn line that carries the match style."""
    kind = type(view).__name__.replace("View", "-view").lower()
    name = f"{kind}--match" + ("-current" if current else "")
    wanted = view.get_component_rich_style(name).bgcolor
    return "".join(s.text for s in strip if s.style is not None and s.style.bgcolor == wanted)


def _write_lines(folder: Path, name: str, lines: list[str]) -> None:
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_text_matches_are_counted_highlighted_and_visited_with_wrapping(
    tmp_path: Path,
) -> None:
    lines = [f"line {n}" + (" needle here" if n in (3, 50, 90) else "") for n in range(100)]
    _write_lines(tmp_path, "notes.txt", lines)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "notes.txt")
        view = app.preview_pane.text_view
        await _find(pilot, "needle")
        assert _status(app) == "1 of 3"
        assert app.focused is view
        assert _marked(view.render_line(3), view, current=True) == "needle"
        await pilot.press("n")
        assert _status(app) == "2 of 3"
        assert view.scroll_y <= 50 < view.scroll_y + view.size.height
        assert _marked(view.render_line(50 - int(view.scroll_y)), view, current=True) == "needle"
        await pilot.press("n", "n")
        assert _status(app) == "1 of 3 · wrapped to the top"
        await pilot.press("N")
        assert _status(app) == "3 of 3 · wrapped to the bottom"
        assert view.show_line_numbers  # `n` went to the next match, not to the numbers


async def test_smart_case(tmp_path: Path) -> None:
    _write_lines(tmp_path, "notes.txt", ["Error error ERROR", "error"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "notes.txt")
        await _find(pilot, "error")
        assert _status(app) == "1 of 4"
        await pilot.press("escape")
        await _find(pilot, "Error")
        assert _status(app) == "1 of 1"


async def test_an_invalid_regex_is_found_as_text(tmp_path: Path) -> None:
    _write_lines(tmp_path, "notes.txt", ["call f(x", "f(x) again"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "notes.txt")
        await _find(pilot, "f(x")
        assert _status(app).startswith("1 of 2 · not a regex")


async def test_code_matches_are_drawn_over_the_colours(tmp_path: Path) -> None:
    _write_lines(tmp_path, "code.py", ["import os", "", "def target(value):", "    return value"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "code.py")
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview) and preview.lexer == "python"
        view = app.preview_pane.text_view
        assert view._blocks[0][2].spans  # the colours came
        await _find(pilot, "value")
        assert _status(app) == "1 of 2"
        strip = view.render_line(2)
        assert _marked(strip, view, current=True) == "value"
        colours = {s.style.color for s in strip if s.style is not None and s.style.color}
        assert len(colours) > 1  # still coloured around the match
        assert _marked(view.render_line(3), view) == "value"


async def test_colours_arriving_after_the_search_keep_the_matches(tmp_path: Path) -> None:
    view_lines = [f"x_{n} = {n}  # mark" for n in range(30)]
    _write_lines(tmp_path, "many.py", view_lines)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "many.py")
        view = app.preview_pane.text_view
        coloured = view._blocks[0]
        await _find(pilot, "mark")
        view._waiting[0] = 99  # the colours of block 0 come again, after the search
        view.set_colours(99, 0, coloured)
        assert _marked(view.render_line(5), view) == "mark"


async def test_hex_finds_bytes_spelled_in_hex_and_text(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4 + b"\xde\xad\xbe\xef" + b"\x00hello\x00" + bytes(64)
    (tmp_path / "blob.bin").write_bytes(data)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:  # wide enough for the text column
        await _open(app, pilot, "blob.bin")
        assert isinstance(app.preview_pane.preview, HexPreview)
        view = app.preview_pane.hex_view
        await _find(pilot, "de ad be ef")
        assert _status(app) == "1 of 1 · bytes de ad be ef"
        row = 1024 // 16 - int(view.scroll_y)
        assert _marked(view.render_line(row), view, current=True) == "de ad be ef...."
        await pilot.press("escape")
        await _find(pilot, "HELLO")  # a capital: case counts
        assert _status(app) == "no match · text"
        await pilot.press("escape")
        await _find(pilot, "hello")
        assert _status(app) == "1 of 1 · text"


async def test_markdown_searches_the_rendered_text(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text(
        "# Field notes\n\nA **bold** word and `code`.\n\n- one item\n- another item\n"
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "guide.md")
        assert isinstance(app.preview_pane.preview, RenderablePreview)
        await _find(pilot, "item")
        assert _status(app) == "1 of 2 · in the rendered text"
        await _find(pilot, "**bold")  # the markup is not in the rendered text
        assert _status(app).startswith("no match")


async def test_a_match_past_the_loaded_part_loads_the_next_part(tmp_path: Path) -> None:
    lines = [f"filler line {n:05}" for n in range(1500)] + ["the needle at the end"]
    _write_lines(tmp_path, "long.txt", lines)
    app = make_app(tmp_path, max_preview_bytes=8192)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "long.txt")
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        assert len(preview.lines) < 1000  # the needle is not loaded yet
        await _find(pilot, "needle")
        assert _status(app) == "1 of 1"
        assert preview.lines[-1] == "the needle at the end"
        view = app.preview_pane.text_view
        assert view.scroll_y <= 1500 < view.scroll_y + view.size.height


async def test_a_search_loads_a_few_parts_a_key_then_says_so(tmp_path: Path) -> None:
    _write_lines(tmp_path, "long.txt", [f"filler line {n:05}" for n in range(20_000)])
    app = make_app(tmp_path, max_preview_bytes=4096)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "long.txt")
        await _find(pilot, "needle")
        assert _status(app).startswith("no match so far · no match in the next 4 parts")
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        assert len(preview.lines) < 20_000 // 10


async def test_escape_clears_the_search(tmp_path: Path) -> None:
    _write_lines(tmp_path, "notes.txt", ["one needle", "two needle"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "notes.txt")
        view = app.preview_pane.text_view
        await _find(pilot, "needle")
        assert _marked(view.render_line(1), view) == "needle"
        await pilot.press("escape")
        assert not app.preview_pane.find_bar.active
        assert _marked(view.render_line(1), view) == ""
        assert app.focused is view
        await pilot.press("n")  # no search: `n` is the line numbers again
        assert not view.show_line_numbers
        await pilot.press("slash", *"two")
        await settle(pilot)
        assert _marked(view.render_line(1), view) == "two"
        await pilot.press("escape")  # in the bar
        assert not app.preview_pane.find_bar.active
        assert _marked(view.render_line(1), view) == ""
        assert app.focused is view


async def test_slash_in_the_tree_is_still_the_filter(tmp_path: Path) -> None:
    _write_lines(tmp_path, "notes.txt", ["x"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused is not None and app.focused.id == "filter"
        assert not app.preview_pane.find_bar.active


async def test_a_backtracking_regex_does_not_hang_the_app(tmp_path: Path) -> None:
    _write_lines(tmp_path, "bomb.txt", ["a" * 40 + "b"])
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "bomb.txt")
        app.preview_pane.find_seconds = 1.0
        await pilot.press("slash", *"(a+)+$", "enter")
        started = time.monotonic()
        await pilot.press("w")  # a key is still answered while the scan runs
        assert app.preview_pane.text_view.soft_wrap
        assert time.monotonic() - started < 5
        await settle(pilot)
        assert "stopped after 1 s" in _status(app)


async def test_a_mebibyte_of_matches_is_counted_up_to_the_cap(tmp_path: Path) -> None:
    _write_lines(tmp_path, "letters.txt", ["a" * 1023] * 1024)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot, "letters.txt")
        await _find(pilot, "a")
        assert _status(app) == "1 of 100,000+"
        await pilot.press("n")
        assert _status(app) == "2 of 100,000+"
