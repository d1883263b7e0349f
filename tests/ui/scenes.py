"""Screens worth a picture: used by the snapshot tests and by scripts/screenshots.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from spyglass.config import Config
from spyglass.location import resolve
from spyglass.tree.model import RowKind
from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle

SIZE = (110, 32)


@dataclass(frozen=True)
class Scene:
    name: str
    target: str  # relative to the sample folder
    steps: tuple[str, ...] = ()  # entry names to move to ("@name") or keys to press
    settings: dict[str, object] = field(default_factory=dict)

    def app(self, sample: Path) -> SpyglassApp:
        config = Config()
        for name, value in self.settings.items():
            setattr(config, name, value)
        return SpyglassApp(
            resolve(str(sample / self.target) if self.target else str(sample)), config
        )

    async def play(self, pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SpyglassApp)
        await settle(pilot)
        for step in self.steps:
            if step.startswith("@"):
                _move_to(app, step[1:])
            else:
                await pilot.press(step)
            await settle(pilot)
        for field_ in app.screen.query(Input):
            field_.cursor_blink = False  # the cursor shown, whenever the picture is taken
        await pilot.pause()


def _move_to(app: SpyglassApp, name: str) -> None:
    for index, row in enumerate(app.file_tree.rows):
        if index and row.kind is RowKind.ENTRY and row.entry.name == name:
            app.file_tree.move_cursor(index)
            return
    raise AssertionError(f"no row named {name!r}")


SCENES = (
    Scene("code", "src/count_words.py"),
    Scene("json", "", ("@data.json",)),
    Scene("invalid_json", "", ("@broken.json",)),
    Scene("markdown", "docs/guide.md"),
    Scene("hex", "", ("@image.bin",)),
    Scene("error_symlink_loop", "", ("@loop-a",)),
    Scene("folder_tree", "", ("@src", "enter", "@docs", "enter", "full_stop")),
    Scene("filter", "", ("slash", "f", "i", "l", "e")),
    Scene("text_latin1", "", ("@notes.txt",)),
    Scene("table", "cities.csv"),
    Scene("schema", "sensors.parquet", ("tab", "s")),
    Scene("image", "gradient.png", (), {"image_protocol": "halfblock"}),
    # rg searches files in parallel: Python's walk keeps the order the same every time
    Scene(
        "search_content",
        "",
        ("S", "w", "o", "r", "d", "enter", "down", "down", "enter"),
        {"use_rg": False},
    ),
    Scene("help", "", ("question_mark",)),
    Scene("columns", "", ("comma", "comma", "comma")),
    Scene("stats", "sensors.parquet", ("tab", "t")),
    Scene("sizes", "", ("D",), {"apparent_size": True}),
    Scene("follow", "", ("@notes.txt", "F")),
)
