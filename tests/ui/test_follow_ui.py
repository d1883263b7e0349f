"""`F` in the app: the preview follows the file, pauses when scrolled up, `G` resumes."""

from __future__ import annotations

import time
from pathlib import Path

from textual.pilot import Pilot

from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import make_app, screen_text


async def _wait_for(pilot: Pilot[None], check: object, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if callable(check) and check():
            return
        await pilot.pause(0.05)
    raise AssertionError("not on screen in time:\n" + screen_text(pilot.app))  # type: ignore[arg-type]


def _append(path: Path, text: str) -> None:
    with path.open("a") as handle:
        handle.write(text)


async def test_f_follows_new_lines_scroll_up_pauses_and_g_resumes(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(f"old line {n}\n" for n in range(200)))
    app: SpyglassApp = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _wait_for(pilot, lambda: "old line 0" in screen_text(app))
        await pilot.press("F")
        pane = app.preview_pane
        await _wait_for(pilot, lambda: "old line 199" in screen_text(app))
        assert pane.following
        assert "following" in screen_text(app)
        _append(log, "fresh \x1b[31mline\n")
        await _wait_for(pilot, lambda: "fresh \\x1b[31mline" in screen_text(app))

        view = pane.follow_view
        assert view is not None
        view.focus()
        await _wait_for(pilot, lambda: view.max_scroll_y > 0 and view.scroll_y == view.max_scroll_y)
        await pilot.press("pageup")
        await _wait_for(pilot, lambda: not view.auto_scroll)
        _append(log, "".join(f"while paused {n}\n" for n in range(12)))
        await _wait_for(pilot, lambda: "↓ 12 new lines" in screen_text(app))
        assert "while paused 11" not in screen_text(app)

        await pilot.press("G")
        await _wait_for(pilot, lambda: "while paused 11" in screen_text(app))
        assert view.auto_scroll
        assert "new lines" not in screen_text(app)

        await pilot.press("F")
        await pilot.pause()
        assert not pane.following
        assert "following" not in screen_text(app)


async def test_the_follow_view_keeps_a_bounded_window(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("start\n")
    app: SpyglassApp = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _wait_for(pilot, lambda: "start" in screen_text(app))
        assert app.preview_pane.follow_view is None  # made on the first `F`
        await pilot.press("F")
        await _wait_for(pilot, lambda: app.preview_pane.following)
        view = app.preview_pane.follow_view
        assert view is not None
        await _wait_for(pilot, lambda: len(view.window) >= 1)
        view.window.capacity = 300
        for round_ in range(10):
            _append(log, "".join(f"round {round_} line {n}\n" for n in range(100)))
        await _wait_for(pilot, lambda: "round 9 line 99" in screen_text(app))
        assert len(view.window) == 300
