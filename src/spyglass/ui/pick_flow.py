"""`--cwd-file` and `--chooser-file` in the app: what to write is settled before it exits.

The app only records; `cli.py` writes the files once the terminal is restored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spyglass.fs.entry import Entry
from spyglass.picking import chosen_text, landing_folder, unwritable
from spyglass.safe_text import safe_name

if TYPE_CHECKING:
    from spyglass.ui.app import SpyglassApp


class PickFlow:
    def __init__(self, app: SpyglassApp, *, choosing: bool) -> None:
        self._app = app
        self.choosing = choosing  # Enter on a file chooses it and quits
        self.landing: str | None = None  # the local folder the session ended in
        self.chosen: list[str] | None = None  # None: nothing chosen (quit with `q`)

    def quitting(self) -> None:
        """Remember the folder under the cursor, for `--cwd-file`."""
        tree = self._app.file_tree
        backend = tree.backend
        if backend is None:
            return
        entry = tree.cursor_entry if tree.cursor > 0 else None
        self.landing = landing_folder(backend, entry, tree.model.root.path)

    def choose(self, entries: list[Entry]) -> None:
        """Enter in picker mode: these are the choice; quit."""
        backend = self._app.file_tree.backend
        if backend is None or not entries:
            return
        lines = [chosen_text(backend, entry.path) for entry in entries]
        bad = unwritable(lines)
        if bad is not None:
            self._app.notify(
                f"{safe_name(bad)} has a line break in its name: it cannot be one line"
                " of the chooser file. Unmark it (space) to choose the others.",
                severity="error",
                markup=False,
            )
            return
        self.chosen = lines
        self.quitting()
        self._app.exit()
