"""The `e` key in the app: the editor runs, the file is written back, a conflict is asked about.

Under `run_test` the app has no terminal to hand over (`App.suspend` is not
supported headless), so the editor script runs without it; the rest is the app's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fsspec.implementations.local import LocalFileSystem
from textual.pilot import Pilot

from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.ui.app import SpyglassApp
from spyglass.ui.conflict_screen import ConflictScreen
from tests.support.editor_script import EditorScript
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, screen_text, use_backend


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "conf.d").mkdir(parents=True)
    (root / "app.conf").write_text("port = 80\n")
    return root


async def wait_edit(pilot: Pilot[None]) -> None:
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        busy = [w for w in app.workers if w.group == "edit" and not w.is_finished]
        if not busy:
            await settle(pilot)
            return
        await app.workers.wait_for_complete(busy)
    raise AssertionError("the edit did not finish")


def notifications(app: SpyglassApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_e_edits_a_local_file_and_refreshes_the_preview(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", EditorScript(folder.parent, append="debug = true\n").command)
    app = make_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "app.conf")
        await settle(pilot)
        await pilot.press("e")
        await wait_edit(pilot)
        assert (folder / "app.conf").read_text() == "port = 80\ndebug = true\n"
        assert any(message.startswith("Saved") for message in notifications(app))
        assert "debug = true" in screen_text(app)


async def test_e_on_a_folder_says_so(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", EditorScript(folder.parent, append="x").command)
    app = make_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "conf.d")
        await pilot.press("e")
        await wait_edit(pilot)
        assert any("is a folder" in message for message in notifications(app))


async def test_read_only_refuses_with_a_sentence(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = EditorScript(folder.parent, append="x")
    monkeypatch.setenv("VISUAL", editor.command)
    app = make_app(folder, read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "app.conf")
        await pilot.press("e")
        await wait_edit(pilot)
        assert any("read-only" in message for message in notifications(app))
    assert (folder / "app.conf").read_text() == "port = 80\n"
    assert not (folder.parent / "seen.json").exists()  # the editor never ran


@pytest.mark.parametrize("key", ["o", "b", "k"])
async def test_conflict_is_asked_about(
    folder: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """Through fsspec's local filesystem the file is a copy, as on a server."""
    target = folder / "app.conf"
    theirs = "port = 8080 # someone else\n"
    editor = EditorScript(
        folder.parent,
        append="debug = true\n",
        meddle={"url": str(target), "options": {}, "content": theirs},
    )
    monkeypatch.setenv("VISUAL", editor.command)
    app = make_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        use_backend(app, FsspecBackend(LocalFileSystem(), "file"))
        await settle(pilot)
        move_to(app, "app.conf")
        await pilot.press("e")
        await wait_edit(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert target.read_text() == theirs  # nothing overwritten while asking
        copy = editor.seen()["path"]
        assert copy in screen_text(app)
        await pilot.press(key)
        await wait_edit(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        mine = "port = 80\ndebug = true\n"
        others = sorted(p.name for p in folder.iterdir() if p.name.startswith("app.conf."))
        if key == "o":
            assert target.read_text() == mine and not others
        elif key == "b":
            assert target.read_text() == theirs
            assert len(others) == 1 and others[0].startswith("app.conf.conflict-")
            assert (folder / others[0]).read_text() == mine
        else:
            assert target.read_text() == theirs and not others
            assert Path(copy).read_text() == mine
            assert any(copy in message for message in notifications(app))
