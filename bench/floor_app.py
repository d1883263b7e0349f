"""The floor for start-up: a Textual app that paints one line and quits on `q`.

Run as a script (not through the bench package) so it imports nothing but Textual.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

FLOOR_TEXT = "floor: one painted line"


class FloorApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(FLOOR_TEXT)


if __name__ == "__main__":
    FloorApp().run()
