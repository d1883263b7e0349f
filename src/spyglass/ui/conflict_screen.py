"""The question after an edit whose file changed meanwhile: overwrite, keep both or keep it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from spyglass.edit.session import Choice


class ConflictScreen(ModalScreen[Choice]):
    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical {
        width: 80%; max-width: 110; height: auto; padding: 1 2;
        background: $panel; border: round $error;
    }
    ConflictScreen #conflict-keys { margin-top: 1; color: $foreground-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "choose('overwrite')", "Overwrite"),
        Binding("b", "choose('keep both')", "Keep both"),
        Binding("k,escape", "choose('keep the local copy')", "Keep copy"),
    ]

    def __init__(self, message: str, both_name: str, copy: str) -> None:
        super().__init__()
        self.message = message
        self.both_name = both_name
        self.copy = copy

    def compose(self) -> ComposeResult:
        keys = (
            "o: overwrite their change with yours\n"
            f"b: keep both (yours uploaded as {self.both_name})\n"
            f"k / Esc: keep the local copy only ({self.copy})"
        )
        with Vertical():
            yield Static(Text("The file changed while you edited it", style="bold"))
            yield Static(Text(self.message))
            yield Static(Text(keys), id="conflict-keys")

    def action_choose(self, choice: str) -> None:
        self.dismiss(Choice(choice))
