"""`?`: every key of the explorer, from the table of actions, with a filter."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

Row = tuple[list[str], str]
KEYS_WIDTH = 32  # cells of the keys column


def matching(rows: list[Row], query: str) -> list[Row]:
    """The rows that have every word of `query` in their keys or description."""
    words = query.lower().split()
    return [
        (labels, description)
        for labels, description in rows
        if all(word in f"{' '.join(labels)} {description}".lower() for word in words)
    ]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 130; height: 90%; padding: 0 1;
        background: $panel; border: round $accent;
    }
    HelpScreen #help-title { height: 1; text-style: bold; }
    HelpScreen #help-filter { margin: 1 0; }
    HelpScreen #help-count { height: 1; color: $foreground-muted; }
    HelpScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, rows: list[Row]) -> None:
        super().__init__()
        self.rows = rows
        self.shown: list[Row] = rows
        self._table = Static(id="help-rows")
        self._count = Static(id="help-count")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Keys (Esc closes)"), id="help-title")
            yield Input(placeholder="type to narrow: a key or a word", id="help-filter")
            yield self._count
            with VerticalScroll():
                yield self._table

    def on_mount(self) -> None:
        self._show("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def _show(self, query: str) -> None:
        self.shown = matching(self.rows, query)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", max_width=KEYS_WIDTH)
        table.add_column()
        for labels, description in self.shown:
            # Keys from `[keys]` are the user's text: plain Text, never markup.
            keys = Text(packed(labels), no_wrap=True, overflow="ellipsis")
            table.add_row(keys, Text(description.replace("`", "")))
        self._table.update(table)
        self._count.update(Text(f"{len(self.shown)} of {len(self.rows)}"))

    def action_close(self) -> None:
        self.dismiss(None)


def packed(labels: list[str], width: int = KEYS_WIDTH) -> str:
    """The labels on as few lines as fit `width`; a label (a sequence, `g g`) is never split."""
    lines: list[str] = []
    line = ""
    for label in labels:
        longer = f"{line}  {label}" if line else label
        if line and len(longer) > width:
            lines.append(line)
            line = label
        else:
            line = longer
    lines.append(line)
    return "\n".join(lines)
