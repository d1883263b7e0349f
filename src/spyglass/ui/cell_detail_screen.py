"""A cell or a whole row in full, as plain text: long values, JSON, line breaks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class CellDetailScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CellDetailScreen { align: center middle; }
    CellDetailScreen > Vertical {
        width: 90%; height: 80%;
        background: $panel; border: round $accent; padding: 0 1;
    }
    CellDetailScreen #cell-detail-title { height: 1; text-style: bold; }
    CellDetailScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q,v", "dismiss", "Close"),
    ]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), id="cell-detail-title", markup=False)
            with VerticalScroll():
                yield Static(self._body, markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
