"""`--chooser-file` from the command line, in a real terminal: what an editor reads back."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from bench.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pick"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"{name}\n")
    return folder


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}


def _spyglass(shell_line: str, tmp_path: Path) -> Terminal:
    """Through sh, as an editor runs it: stdout may be a file, the screen is the terminal."""
    command = f'"{sys.executable}" -m spyglass {shell_line}'
    return Terminal(["sh", "-c", command], env=_env(), cwd=str(tmp_path))


def _keys(terminal: Terminal, *keys: str) -> None:
    for key in keys:
        terminal.send(key)
        time.sleep(0.15)


def test_dash_writes_the_chosen_file_to_stdout(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with _spyglass(f'--chooser-file - "{folder}" > "{out}"', tmp_path) as terminal:
        terminal.wait_for("c.txt", timeout=30)
        _keys(terminal, "j", "j", "enter")  # the root, a.txt, b.txt
        assert terminal.wait_exit(20)
        assert terminal.exit_status == 0
    assert out.read_text() == f"{folder / 'b.txt'}\n"


def test_marked_files_are_written_one_a_line(folder: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    with _spyglass(f'--chooser-file "{chosen}" "{folder}"', tmp_path) as terminal:
        terminal.wait_for("c.txt", timeout=30)
        _keys(terminal, "j", " ", "j", " ", "enter")  # a.txt marked, b.txt skipped, c.txt marked
        assert terminal.wait_exit(20)
    assert chosen.read_text() == f"{folder / 'a.txt'}\n{folder / 'c.txt'}\n"


def test_q_leaves_the_chooser_file_untouched(folder: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    kept = tmp_path / "kept"
    kept.write_text("from before\n")
    line = f'--chooser-file "{chosen}" --cwd-file "{kept}" "{folder}"'
    with _spyglass(line, tmp_path) as terminal:
        terminal.wait_for("c.txt", timeout=30)
        _keys(terminal, "j", "q")
        assert terminal.wait_exit(20)
        assert terminal.exit_status == 0
    assert not chosen.exists()  # not created, not truncated
    assert kept.read_text() == str(folder)  # the folder of the highlighted file
