"""The table preview: a bar with sheets or tables and the keys, over the virtual table."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from spyglass.errors import cause_of
from spyglass.keys import Scope
from spyglass.previews.results import TablePreview
from spyglass.previews.table_data import TableData, pretty_cell, pretty_value
from spyglass.safe_text import make_safe
from spyglass.ui.bindings import table_bindings
from spyglass.ui.cell_detail_screen import CellDetailScreen
from spyglass.ui.data_view import DataView
from spyglass.ui.part_picker_screen import PartPickerScreen
from spyglass.ui.table_tools import TableTools
from spyglass.ui.table_view import TableView


class TablePanel(TableTools, Vertical, DataView[TablePreview], can_focus=True):
    DEFAULT_CSS = """
    TablePanel { height: 1fr; }
    TablePanel > #table-bar { height: 1; padding: 0 1; background: $boost; }
    TablePanel > TableView { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = table_bindings()
    key_scope: ClassVar[Scope] = Scope.TABLE  # which keys the key bar shows while focused

    class _PartLoaded(Message):
        def __init__(self, token: int, table: TableData | None, error: str | None) -> None:
            self.token = token
            self.table = table
            self.error = error
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table: TableData | None = None
        self.mode = "data"  # or "schema", "stats"
        self._tools_reset()
        self._token = 0
        self._status = ""
        self._bar = Static(id="table-bar", markup=False)
        self.view = TableView(id="table-view")

    def compose(self) -> ComposeResult:
        yield self._bar
        yield self.view

    def on_focus(self) -> None:
        """Focusable so the pane can hand focus here; the table takes it."""
        self.view.focus()

    def show_preview(self, preview: TablePreview) -> None:
        self._token += 1
        self._status = ""
        self._show_table(preview.payload)

    @property
    def showing_schema(self) -> bool:
        return self.mode == "schema"

    def _show_table(self, table: TableData) -> None:
        self.table = table
        self.mode = "data"
        self._tools_reset()
        self.view.show_table(table)
        self._update_bar()

    # bar
    def _update_bar(self) -> None:
        table = self.table
        bar = Text(no_wrap=True, overflow="ellipsis")
        if table is None:
            self._bar.update(bar)
            return
        if self.showing_schema and table.schema is not None:
            bar.append("Schema", "bold")
            for name, value in table.schema.summary:
                bar.append(f"  {name} ", "dim")
                bar.append(value)
            bar.append("   s: data", "dim")
        elif self.mode == "stats":
            bar.append(self.stats_label, "bold")
            bar.append("   t: data", "dim")
        else:
            if table.parts:
                noun = "Sheets" if table.parts[0].kind == "sheet" else "Tables"
                bar.append(f"{noun}: ", "dim")
                for index, part in enumerate(table.parts):
                    if index:
                        bar.append(" · ", "dim")
                    style = "bold reverse" if part.name == table.part else ""
                    bar.append(make_safe(part.name), style)
                bar.append("  ")
            bar.append(table.shape(), "bold" if not table.parts else "")
            if self.rows_status:
                bar.append(f"  {self.rows_status}", "bold")
            keys = ["enter: cell", "v: row", "t: stats", "< >: sort", "f: filter"]
            if table.schema is not None:
                keys.append("s: schema")
            if len(table.parts) > 1:
                keys.append("[ ] p: switch")
            bar.append("   " + "  ".join(keys), "dim")
        if self._status:
            bar.append(f"   {self._status}", "italic")
        self._bar.update(bar)

    # actions
    def action_toggle_schema(self) -> None:
        table = self.table
        if table is None or table.schema is None:
            return
        if self.mode == "schema":
            self._show_rows()
            return
        self.mode = "schema"
        self.view.show_table(table.schema)
        self._update_bar()

    def _current(self) -> TableData | None:
        """What the view shows: the rows (sorted, filtered), the schema or the statistics."""
        return self.view.table

    def action_show_cell(self) -> None:
        self._show_cell(self.view.cursor_row, self.view.cursor_column)

    def on_table_view_cell_chosen(self, message: TableView.CellChosen) -> None:
        self._show_cell(message.row, message.column)

    def _show_cell(self, row: int, column: int) -> None:
        table = self._current()
        if table is None or row >= len(table.rows) or column >= len(table.columns):
            return
        name = table.columns[column].name
        value = table.rows[row][column]
        pretty = pretty_cell(value)
        body = Text(make_safe(pretty.text), style="dim" if value is None else "")
        number = table.row_number(row)
        title = f"{name} · row {number:,}" + (f" · {pretty.note}" if pretty.note else "")
        self.app.push_screen(CellDetailScreen(title, body))

    def action_show_row(self) -> None:
        table = self._current()
        row = self.view.cursor_row
        if table is None or row >= len(table.rows):
            return
        body = Text()
        for column, value in zip(table.columns, table.rows[row], strict=False):
            body.append(column.name, "bold")
            body.append(f"  {column.type}\n", "dim italic")
            body.append(make_safe(pretty_value(value)), "dim" if value is None else "")
            body.append("\n\n")
        self.app.push_screen(CellDetailScreen(f"row {table.row_number(row):,}", body))

    def action_part(self, step: int) -> None:
        table = self.table
        if table is None or len(table.parts) < 2 or self.showing_schema:
            return
        names = [part.name for part in table.parts]
        index = names.index(table.part) if table.part in names else 0
        self._open_part(names[(index + step) % len(names)])

    def action_previous_part(self) -> None:
        self.action_part(-1)

    def action_next_part(self) -> None:
        self.action_part(1)

    def action_pick_part(self) -> None:
        table = self.table
        if table is None or not table.parts:
            return
        noun = "sheet" if table.parts[0].kind == "sheet" else "table"

        def chosen(name: str | None) -> None:
            if name:
                self._open_part(name)

        self.app.push_screen(PartPickerScreen(f"Open a {noun}", table.parts, table.part), chosen)

    def _open_part(self, name: str) -> None:
        table = self.table
        if table is None or table.open_part is None or name == table.part:
            return
        self._status = f"loading {make_safe(name)}…"
        self._update_bar()
        self._load_part(table, name, self._token)

    @work(thread=True, exclusive=True, group="table-part", exit_on_error=False)
    def _load_part(self, table: TableData, name: str, token: int) -> None:
        assert table.open_part is not None
        try:
            loaded = table.open_part(name)
        except Exception as exc:  # shown in the bar; the current table stays
            self.post_message(self._PartLoaded(token, None, cause_of(exc)))
            return
        self.post_message(self._PartLoaded(token, loaded, None))

    def on_table_panel__part_loaded(self, message: _PartLoaded) -> None:
        message.stop()
        if message.token != self._token:
            return
        if message.table is None:
            self._status = f"cannot open it: {message.error}"
            self._update_bar()
            return
        self._status = ""
        self._show_table(message.table)
