"""`O` opens a local file with the desktop's application, or says why it cannot."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

import pytest

from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to
from tests.ui.test_navigation import bundle


@pytest.fixture
def xdg_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `xdg-open` on PATH that writes down what it was asked to open."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    seen = tmp_path / "opened"
    script = bin_folder / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{seen}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return seen


def _messages(app: SpyglassApp) -> str:
    return " ".join(notification.message for notification in app._notifications)


async def test_o_runs_xdg_open_on_the_file_when_there_is_a_display(
    sample: Path, xdg_open: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("O")
        for _ in range(100):
            if xdg_open.exists():
                break
            await asyncio.sleep(0.05)
        assert xdg_open.read_text() == f"{sample / 'notes.txt'}\n"
        assert "Opening notes.txt" in _messages(app)


async def test_o_without_a_display_says_why(
    sample: Path, xdg_open: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "notes.txt")
        await pilot.press("O")
        await settle(pilot)
        assert "no display: over SSH there usually is none" in _messages(app)
    assert not xdg_open.exists()


async def test_o_on_a_file_inside_an_archive_says_it_is_not_local(
    tmp_path: Path, xdg_open: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    app = make_app(bundle(tmp_path / "files"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        move_to(app, "bundle.zip")
        await pilot.press("enter")
        await settle(pilot)
        move_to(app, "top.txt")
        await pilot.press("O")
        await settle(pilot)
        assert "it is not on this computer" in _messages(app)
    assert not xdg_open.exists()
