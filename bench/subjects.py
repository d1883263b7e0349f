"""The programs the harness drives, and how to read each one's screen.

Every subject is a Textual app in its default dark theme, so the tree cursor
is drawn on the same accent background; that is how the highlighted row is
found without relying on any text the app prints about it.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.terminal import ScreenView

FLOOR_TEXT = "floor: one painted line"
BENCH_DIR = Path(__file__).resolve().parent
PANE_BORDER = "▕"  # spyglass draws it left of the preview pane, on every line


@dataclass(frozen=True)
class Subject:
    name: str
    command: tuple[str, ...]
    painted: str  # text in the app's first frame, whatever the folder holds
    cursor_background: str = "0178d4"
    tree_columns: int = 24  # the cursor shows within this many columns from the left
    quit_key: str = "q"
    version: str | None = None
    env: tuple[tuple[str, str], ...] = ()  # added to the environment of every launch
    # the tree's text ends at this character where a pane is drawn beside it
    pane_border: str | None = None

    def argv(self, *args: str) -> list[str]:
        return [*self.command, *args]

    def highlighted_row(self, view: ScreenView) -> str | None:
        """Text of the tree row drawn with the cursor background, or None while there is none."""
        index = self.highlighted_index(view)
        return None if index is None else view.lines[index].strip()

    def highlighted_index(self, view: ScreenView) -> int | None:
        """The screen line of the tree cursor, or None while there is none."""
        lines = view.lines
        for row in range(1, len(lines) - 1):
            for column in range(self.tree_columns):
                if view.background(row, column) == self.cursor_background:
                    return row
        return None

    def tree_text(self, line: str) -> str:
        """The part of a screen line that belongs to the tree (all of it without a pane)."""
        if self.pane_border is None:
            return line
        return line.partition(self.pane_border)[0]


def _venv_script(name: str) -> list[str]:
    """The console script beside the running interpreter, as an installed user would run it."""
    script = Path(sys.executable).with_name(name)
    return [str(script)] if script.exists() else [sys.executable, "-m", name]


def _revision(folder: Path) -> str:
    """The git commit of a source folder, marked when it has changes; empty outside git."""
    try:
        head = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f" at {head}{' with local changes' if changes else ''}"


def spyglass(source: Path | None = None) -> Subject:
    """The installed spyglass, or the package under `source` (a `src` folder) when given."""
    import spyglass as package

    command = tuple(_venv_script("spyglass"))
    if source is None:
        folder = Path(package.__file__).resolve().parent
        version = f"{package.__version__} from {folder}{_revision(folder)}"
        return Subject(
            "spyglass", command, painted=" spyglass ", version=version, pane_border=PANE_BORDER
        )
    return Subject(
        "spyglass",
        command,
        painted=" spyglass ",
        version=f"source in {source}{_revision(source)}",
        env=(("PYTHONPATH", str(source)),),
        pane_border=PANE_BORDER,
    )


def floor() -> Subject:
    """The least a Textual app can do: the reference for start-up time and memory."""
    from importlib.metadata import version

    return Subject(
        name="floor",
        command=(sys.executable, str(BENCH_DIR / "floor_app.py")),
        painted=FLOOR_TEXT,
        version=f"textual {version('textual')}",
    )
