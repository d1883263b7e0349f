"""A huge folder opened in the tree: both ends of its order come first, and stay put."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from spyglass.tree.child_listing import ChildListing, NamesBlock
from spyglass.tree.local_listing import IN_PROCESS_LIMIT
from spyglass.tree.model import RowKind
from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import cursor_name, make_app, move_to, row_messages

COUNT = IN_PROCESS_LIMIT + 2_000  # listed and sorted in the child process


def held_whole_order(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the listing after the ends came, before the whole order: released by the test."""
    release = threading.Event()
    real = ChildListing.names

    def names(self: ChildListing, cancelled: Callable[[], bool]) -> NamesBlock | None:
        release.wait(30)
        return real(self, cancelled)

    monkeypatch.setattr(ChildListing, "names", names)
    return release


def names_above(app: SpyglassApp) -> list[str]:
    tree = app.file_tree
    return [tree.rows[index].entry.name for index in range(tree.cursor - 5, tree.cursor)]


async def test_end_shows_the_last_entries_before_the_whole_order_and_they_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge"
    huge.mkdir()
    for index in reversed(range(COUNT)):
        (huge / f"item-{index}.log").touch()
    release = held_whole_order(monkeypatch)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await settle(pilot)
            move_to(app, "huge")
            await pilot.press("enter")
            for _ in range(200):
                if any("more entries" in message for message in row_messages(app)):
                    break
                await asyncio.sleep(0.05)
            between = COUNT - 600
            assert f"loading… {between:,} more entries" in row_messages(app)
            await pilot.press("end")
            await pilot.pause()
            assert cursor_name(app) == f"item-{COUNT - 1}.log"
            await pilot.press("up", "up")
            tree = app.file_tree
            line = tree.cursor - int(tree.scroll_offset.y)
            shown = names_above(app)
        finally:
            release.set()
        await settle(pilot)
        assert not any(row.kind is RowKind.LOADING for row in tree.rows)
        assert len(tree.rows) == COUNT + 2  # the root, the folder, its entries
        assert cursor_name(app) == f"item-{COUNT - 3}.log"
        assert tree.cursor - int(tree.scroll_offset.y) == line  # same screen line
        assert names_above(app) == shown
