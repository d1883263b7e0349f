"""Small helpers shared by the pilot tests."""

from __future__ import annotations

from pathlib import Path

from spyglass.config import Config
from spyglass.fs.backend import Backend
from spyglass.location import resolve
from spyglass.tree.model import RowKind
from spyglass.ui.app import SpyglassApp


def make_app(path: Path | str, **settings: object) -> SpyglassApp:
    config = Config()
    for name, value in settings.items():
        setattr(config, name, value)
    return SpyglassApp(resolve(str(path)), config)


def row_names(app: SpyglassApp) -> list[str]:
    """Names of the entry rows under the root, in screen order."""
    return [row.entry.name for row in app.file_tree.rows[1:] if row.kind is RowKind.ENTRY]


def row_messages(app: SpyglassApp) -> list[str]:
    return [row.message for row in app.file_tree.rows if row.kind is not RowKind.ENTRY]


def cursor_name(app: SpyglassApp) -> str | None:
    entry = app.file_tree.cursor_entry
    return entry.name if entry else None


def move_to(app: SpyglassApp, name: str) -> None:
    for index, row in enumerate(app.file_tree.rows):
        if row.kind is RowKind.ENTRY and row.entry.name == name and index > 0:
            app.file_tree.move_cursor(index)
            return
    raise AssertionError(f"{name!r} is not in the tree: {row_names(app)}")


def screen_text(app: SpyglassApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def use_backend(app: SpyglassApp, backend: Backend) -> None:
    """Show the same folder through another backend (one that counts, holds or renames)."""
    navigator = app.navigator
    place = navigator.place
    assert place is not None
    navigator.arrive(navigator.go(navigator.location), place._replace(backend=backend))
    app.file_tree.show_place()
