"""Which launcher `O` runs, when there is none, and a launcher that fails."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from spyglass.desktop_open import NO_DISPLAY, CannotOpen, launch, open_command


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_linux_needs_a_display(tmp_path: Path) -> None:
    _script(tmp_path, "xdg-open", "exit 0")
    with pytest.raises(CannotOpen, match="over SSH there usually is none") as raised:
        open_command({"PATH": str(tmp_path)}, "linux")
    assert str(raised.value) == NO_DISPLAY
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        env = {"PATH": str(tmp_path), variable: ":1"}
        assert open_command(env, "linux") == [str(tmp_path / "xdg-open")]


def test_no_xdg_open_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(CannotOpen, match="xdg-open is not installed"):
        open_command({"PATH": str(tmp_path), "DISPLAY": ":0"}, "linux")


def test_macos_runs_open_without_a_display_variable(tmp_path: Path) -> None:
    _script(tmp_path, "open", "exit 0")
    assert open_command({"PATH": str(tmp_path)}, "darwin") == [str(tmp_path / "open")]


def test_launch_passes_the_path_and_reports_a_failure(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    good = _script(tmp_path, "good", f'printf %s "$1" > "{seen}"')
    assert launch([str(good)], "/some/file name.txt", {"PATH": "/usr/bin:/bin"}) is None
    assert seen.read_text() == "/some/file name.txt"
    bad = _script(tmp_path, "bad", "exit 4")
    assert (
        launch([str(bad)], "/x", {"PATH": "/usr/bin:/bin"})
        == "bad could not open it (exit status 4)"
    )
