"""The `g` prompt: type any path or URL the command line takes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class LocationPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    LocationPrompt { align: center middle; }
    LocationPrompt > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        background: $panel; border: round $accent;
    }
    LocationPrompt Label { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_prompt", "Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Go to a path or URL (Enter to open, Esc to cancel)", markup=False)
            yield Input(
                value=self.current, placeholder="~/src, sftp://host/path, s3://bucket/prefix"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_dismiss_prompt(self) -> None:
        self.dismiss(None)
