"""What the preview pane shows for each kind of file, through the real app."""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot

from spyglass.previews.results import (
    HexPreview,
    MessagePreview,
    NoteKind,
    Preview,
    RenderablePreview,
    TextPreview,
)
from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import cursor_name, make_app, move_to, screen_text


async def _preview_of(app: SpyglassApp, pilot: Pilot[None], name: str) -> Preview | None:
    move_to(app, name)
    await settle(pilot)
    return app.preview_pane.preview


async def test_file_argument_opens_its_folder_with_file_previewed(sample: Path) -> None:
    app = make_app(sample / "src" / "count_words.py")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.file_tree.model.root.path == str(sample / "src")
        assert cursor_name(app) == "count_words.py"
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        assert preview.lexer == "python"
        assert "def count_words" in screen_text(app)


async def test_code_json_markdown_hex_and_text(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        preview = await _preview_of(app, pilot, "data.json")
        assert isinstance(preview, TextPreview) and preview.lexer == "json"
        assert '  "name": "spyglass",' in preview.lines
        preview = await _preview_of(app, pilot, "broken.json")
        assert isinstance(preview, TextPreview)
        assert any("Invalid JSON" in note and "line 3" in note for note in preview.note_texts)
        preview = await _preview_of(app, pilot, "image.bin")
        assert isinstance(preview, HexPreview)
        assert "00000000  00 01 02 03" in screen_text(app)
        preview = await _preview_of(app, pilot, "notes.txt")
        assert isinstance(preview, TextPreview)
        assert preview.lines[0].startswith("Café crème")
        preview = await _preview_of(app, pilot, "empty.txt")
        assert isinstance(preview, MessagePreview) and "empty" in preview.message
        await _preview_of(app, pilot, "docs")
        await pilot.press("enter")
        await settle(pilot)
        preview = await _preview_of(app, pilot, "guide.md")
        assert isinstance(preview, RenderablePreview)
        assert "Field notes" in screen_text(app)


async def test_folder_preview_counts_entries_and_size(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        preview = app.preview_pane.preview  # the root is highlighted at start
        assert isinstance(preview, MessagePreview)
        details = dict(preview.details)
        assert details["Folders"] == "2"
        assert "Total size of files" in details


async def test_line_numbers_and_soft_wrap_toggle(sample: Path) -> None:
    long_line = "word " * 100
    (sample / "long.txt").write_text(long_line + "\nshort\n")
    app = make_app(sample / "long.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.preview_pane.text_view
        assert view.show_line_numbers
        assert "1  word word" in screen_text(app)
        await pilot.press("n")
        assert not view.show_line_numbers
        assert view.virtual_size.height == 2
        await pilot.press("w")
        await pilot.pause()
        assert view.soft_wrap
        assert view.virtual_size.height > 2  # the long line now takes several rows


async def test_scrolling_to_the_end_loads_the_next_part(sample: Path) -> None:
    big = sample / "big.log"
    big.write_text("".join(f"line {index}\n" for index in range(3000)))
    app = make_app(big, max_preview_bytes=4096)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        first = len(preview.lines)
        assert first < 3000
        assert any(note.startswith("first 4.0 KiB") for note in preview.note_texts)
        await pilot.press("tab", "end")
        await settle(pilot)
        assert len(preview.lines) > first
        for _ in range(20):
            await pilot.press("end")
            await settle(pilot, 0.02)
        assert preview.lines[-1] == "line 2999"
        assert preview.part is not None and preview.part.complete


async def test_a_failed_read_of_the_next_part_keeps_what_is_shown_and_says_why(
    sample: Path,
) -> None:
    big = sample / "vanishing.log"
    big.write_text("".join(f"line {index}\n" for index in range(3000)))
    app = make_app(big, max_preview_bytes=4096)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        shown = list(preview.lines)
        big.unlink()
        await pilot.press("tab", "end")
        await settle(pilot)
        assert preview.lines == shown
        assert preview.part is not None and preview.part.complete
        assert preview.notes[-1].kind is NoteKind.PROBLEM
        assert preview.notes[-1].text.startswith("Cannot read more of vanishing.log")


async def test_huge_sparse_file_previews_only_the_budget(sample: Path) -> None:
    huge = sample / "huge.log"
    with huge.open("wb") as handle:
        handle.write(b"first line of a huge log\n" * 100_000)  # text through the budget
        handle.truncate(5 * 1024**3)
    app = make_app(huge)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        assert preview.lines[0] == "first line of a huge log"
        assert any("of 5.0 GiB" in note for note in preview.note_texts)
        assert preview.part is not None and preview.part.shown_bytes <= 1024 * 1024
    os.remove(huge)


async def test_info_bar_shows_size_time_permissions_owner(sample: Path) -> None:
    app = make_app(sample / "data.json")
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "file" in text
        assert "modified 2024-01-02 03:04" in text
        assert "-rw-" in text


async def test_a_table_arriving_as_the_app_closes_is_dropped(sample: Path) -> None:
    # The table view is mounted on first use; at quit the switcher no longer takes children.
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await _preview_of(app, pilot, "cities.csv")
        entry = app.preview_pane.entry
    assert table is not None and entry is not None
    closing = make_app(sample)
    async with closing.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        closing.exit()
        await pilot.pause()
        closing.preview_pane._show(entry, table)
