"""A one-pane app for pilot and snapshot tests of the table and image views."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from spyglass.fs.backend import Backend
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.preview_options import PreviewOptions
from spyglass.ui.preview_pane import PreviewPane


class PaneApp(App[None]):
    """Shows one file in a PreviewPane, as the explorer would."""

    def __init__(
        self,
        path: Path | str,
        options: PreviewOptions | None = None,
        backend: Backend | None = None,
    ) -> None:
        super().__init__()
        self.path = str(path)
        self.backend = backend or LocalBackend()
        self.options = options or PreviewOptions(image_protocol="halfblock")

    def compose(self) -> ComposeResult:
        yield PreviewPane(max_bytes=1024 * 1024, options=self.options, id="preview")

    def on_mount(self) -> None:
        self.pane.show_entry(self.backend, self.backend.stat(self.path))

    @property
    def pane(self) -> PreviewPane:
        return self.query_one(PreviewPane)


async def focus_view(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, PaneApp)
    view = app.pane.active_view
    assert view is not None
    view.focus()
    await pilot.pause()
