"""The row filter's input: a substring of any cell, or `column=value`, `>`, `<`, `!=`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

HINT = (
    "text in any cell, or column=value, column>value, column<value, column!=value; empty: all rows"
)


class RowFilterScreen(ModalScreen[str | None]):
    """Dismissed with the text typed (maybe empty: no filter), or None on Esc."""

    DEFAULT_CSS = """
    RowFilterScreen { align: center middle; }
    RowFilterScreen > Vertical {
        width: 80; max-width: 95%; height: auto;
        background: $panel; border: round $accent; padding: 0 1;
    }
    RowFilterScreen Input { margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Filter the rows read", style="bold"), markup=False)
            yield Static(Text(HINT, style="dim"), markup=False)
            yield Input(value=self._current, placeholder="city=Oslo", id="row-filter-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
