"""`O`: checks on the UI thread, the launcher started in a worker."""

from __future__ import annotations

import os
from typing import Any

from textual.app import App

from spyglass.desktop_open import CannotOpen, launch, open_command
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.safe_text import safe_name


def open_with_desktop(app: App[Any], backend: Backend, entry: Entry) -> None:
    shown = safe_name(entry.name)
    if not backend.capabilities.local_paths:
        app.notify(
            f"Cannot open {shown}: it is not on this computer (download it with d first).",
            severity="warning",
            markup=False,
        )
        return
    environ = dict(os.environ)
    try:
        command = open_command(environ)
    except CannotOpen as exc:
        app.notify(f"Cannot open {shown}: {exc}.", severity="warning", markup=False)
        return

    def start() -> None:
        problem = launch(command, entry.path, environ)
        if problem is not None:
            app.call_from_thread(
                app.notify, f"{shown}: {safe_name(problem)}.", severity="error", markup=False
            )

    app.run_worker(start, thread=True, group="open", exit_on_error=False)
    app.notify(f"Opening {shown}", markup=False)
