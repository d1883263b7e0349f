"""Pick a sheet of a workbook or a table of a database from a list."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from spyglass.previews.table_data import TablePart


class PartPickerScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PartPickerScreen { align: center middle; }
    PartPickerScreen > Vertical {
        width: 60; max-width: 90%; height: auto; max-height: 80%;
        background: $panel; border: round $accent; padding: 0 1;
    }
    PartPickerScreen OptionList { height: auto; max-height: 30; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, parts: list[TablePart], current: str | None) -> None:
        super().__init__()
        self._title = title
        self._parts = parts
        self._current = current

    def compose(self) -> ComposeResult:
        options = []
        for part in self._parts:
            label = Text(part.name)
            if part.rows is not None:
                label.append(f"  {part.rows:,} rows", "dim")
            if part.kind not in ("table", "sheet"):
                label.append(f"  {part.kind}", "dim italic")
            options.append(Option(label, id=part.name))
        with Vertical():
            yield Static(Text(self._title, style="bold"), markup=False)
            yield OptionList(*options)

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        names = [part.name for part in self._parts]
        if self._current in names:
            option_list.highlighted = names.index(self._current)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
