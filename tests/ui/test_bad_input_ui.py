"""Bad input in the running app: a clear sentence on screen, and the app keeps answering keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from spyglass.previews.results import MessagePreview, TextPreview
from tests.support.pilot import settle
from tests.ui.conftest import can_drop_privileges
from tests.ui.helpers import cursor_name, make_app, move_to, row_messages, row_names, screen_text

NOBODY = 65534


@contextmanager
def as_nobody() -> Iterator[None]:
    """Run the block with the effective ids of `nobody`, so permissions apply even to root."""
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def traversable_copy(sample: Path, tmp_root: Path) -> Path:
    """`nobody` must be able to reach the sample folder for the test to mean anything."""
    for parent in [sample, *sample.parents]:
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o755)
    return sample


async def test_names_with_markup_and_escapes_are_shown_literally(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]alert.txt" in text
        assert "escape\\x1b[2J.txt" in text
        move_to(app, "escape\x1b[2J.txt")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview)
        assert preview.lines == ["danger \\x1b[2J\\x1b]0;title\\x07 shown"]
        assert "danger \\x1b[2J" in screen_text(app)


async def test_odd_names_newline_tab_long_and_undecodable(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "new\nline.txt").write_text("a\n")
    (folder / "tab\there.txt").write_text("b\n")
    (folder / ("x" * 250 + ".txt")).write_text("c\n")
    os.close(os.open(os.fsencode(folder) + b"/bad-\xff\xfe.txt", os.O_CREAT | os.O_WRONLY))
    app = make_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "new\\nline.txt" in text
        assert "tab\\there.txt" in text
        assert "bad-" in text
        for name in row_names(app):
            move_to(app, name)
            await settle(pilot)
            assert app.preview_pane.preview is not None
        await pilot.press("home", "j")
        assert cursor_name(app) is not None


async def test_symlink_loop_and_broken_link_show_errors_not_crash(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "symlink loop" in screen_text(app)
        move_to(app, "loop-a")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, MessagePreview) and preview.level == "error"
        assert "symlink loop" in preview.message
        move_to(app, "dangling")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, MessagePreview)
        assert "broken symlink" in preview.message
        await pilot.press("j")
        assert cursor_name(app) is not None


async def test_link_to_file_previews_its_target(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "link-to-code → src/count_words.py" in screen_text(app)
        move_to(app, "link-to-code")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, TextPreview) and preview.lexer == "python"


async def test_file_deleted_after_listing_says_so(sample: Path) -> None:
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (sample / "notes.txt").unlink()
        move_to(app, "notes.txt")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, MessagePreview) and preview.level == "error"
        assert "does not exist" in preview.message
        assert "notes.txt" in preview.message


async def test_fifo_is_described_and_never_opened(sample: Path) -> None:
    os.mkfifo(sample / "pipe")
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "pipe")
        await settle(pilot)
        preview = app.preview_pane.preview
        assert isinstance(preview, MessagePreview)
        assert "fifo" in preview.message and "does not open" in preview.message


@pytest.mark.skipif(not can_drop_privileges(), reason="needs root to switch to another user")
async def test_unreadable_folder_and_file_show_permission_denied(sample: Path) -> None:
    traversable_copy(sample, sample.parent)
    secret_folder = sample / "locked"
    secret_folder.mkdir()
    (secret_folder / "inside.txt").write_text("x\n")
    secret_folder.chmod(0o000)
    secret_file = sample / "locked.txt"
    secret_file.write_text("top secret\n")
    secret_file.chmod(0o000)
    app = make_app(sample)
    with as_nobody():
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            move_to(app, "locked")
            await pilot.press("enter")
            await settle(pilot)
            assert any("permission denied" in message for message in row_messages(app))
            move_to(app, "locked.txt")
            await settle(pilot)
            preview = app.preview_pane.preview
            assert isinstance(preview, MessagePreview) and preview.level == "error"
            assert "permission denied" in preview.message
            assert "top secret" not in screen_text(app)
            await pilot.press("home")
            assert app.file_tree.cursor == 0
