"""A virtual table: only the rows on screen are drawn, whatever the number of rows or columns.

Column names and types stay at the top, row numbers stay at the left, and a
cell cursor picks the value to open in full.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.previews.table_data import Column, TableData
from spyglass.ui.line_style import LineStyleCache

HEADER_LINES = 2
PADDING = 1
_CACHE_ROWS = 1_000


def display_text(value: str) -> str:
    """One line of a cell: breaks and tabs shown as escapes (the detail view shows them)."""
    if "\n" in value or "\t" in value or "\r" in value:
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return value


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    length = len(text) if text.isascii() else cell_len(text)
    if length <= width:
        pad = " " * (width - length)
        return pad + text if right else text + pad
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1) + "…"


class TableView(LineStyleCache, ScrollView, can_focus=True):
    """Rows of a TableData drawn with the line API; the cursor is a single cell."""

    DEFAULT_CSS = """
    TableView { background: $surface; }
    TableView > .table-view--header { text-style: bold; color: $foreground; }
    TableView > .table-view--type { color: $foreground-muted; text-style: italic; }
    TableView > .table-view--row-number { color: $foreground-muted; }
    TableView > .table-view--null { color: $foreground-muted; }
    TableView > .table-view--odd-row { background: $surface-lighten-1; }
    TableView > .table-view--cursor { background: $accent 40%; }
    TableView:focus > .table-view--cursor { background: $accent; color: $text-accent; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "table-view--header",
        "table-view--type",
        "table-view--row-number",
        "table-view--null",
        "table-view--odd-row",
        "table-view--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1, 0)", "Up", show=False),
        Binding("down,j", "cursor(1, 0)", "Down", show=False),
        Binding("left,h", "cursor(0, -1)", "Left", show=False),
        Binding("right,l", "cursor(0, 1)", "Right", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First row", show=False),
        Binding("end", "edge(1)", "Last row", show=False),
        Binding("ctrl+left", "first_column", "First column", show=False),
        Binding("ctrl+right", "last_column", "Last column", show=False),
    ]

    class CellChosen(Message):
        """The user asked to see a cell (or its row) in full."""

        def __init__(self, view: TableView, row: int, column: int) -> None:
            self.view = view
            self.row = row
            self.column = column
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table: TableData | None = None
        self.cursor_row = 0
        self.cursor_column = 0
        self._offsets: list[int] = []
        self._strips: OrderedDict[int, Strip] = OrderedDict()
        self._gutter = 0

    # data
    def show_table(self, table: TableData) -> None:
        self.table = table
        self.cursor_row = 0
        self.cursor_column = 0
        last = max(table.row_numbers, default=0) if table.row_numbers else len(table.rows)
        self._gutter = len(f"{last:,}") + 2
        offsets = []
        position = 0
        for width in table.widths:
            offsets.append(position)
            position += width + 2 * PADDING
        self._offsets = offsets
        self._strips.clear()
        self.virtual_size = Size(self._gutter + position, len(table.rows) + HEADER_LINES)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _body_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self._gutter)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # drawing
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        table = self.table
        if table is None:
            return Strip.blank(width, self.line_style)
        scroll_x, scroll_y = self.scroll_offset
        if y < HEADER_LINES:
            strip = self._header_strip(table, y)
        else:
            index = scroll_y + y - HEADER_LINES
            if index >= len(table.rows):
                return Strip.blank(width, self.line_style)
            if index == self.cursor_row:
                strip = self._row_strip(table, index, self.cursor_column)
            else:
                strip = self._cached_row(table, index)
        gutter = strip.crop(0, self._gutter)
        body = strip.crop(self._gutter + scroll_x, self._gutter + scroll_x + self._body_width())
        return (
            Strip.join([gutter, body])
            .extend_cell_length(width, self.line_style)
            .crop(0, width)
            .apply_style(self.line_style)
        )

    def _cached_row(self, table: TableData, index: int) -> Strip:
        strip = self._strips.get(index)
        if strip is None:
            strip = self._row_strip(table, index, None)
            self._strips[index] = strip
            if len(self._strips) > _CACHE_ROWS:
                self._strips.popitem(last=False)
        return strip

    def _header_strip(self, table: TableData, line: int) -> Strip:
        style_name = "table-view--header" if line == 0 else "table-view--type"
        style = self.get_component_rich_style(style_name)
        segments = [Segment(" " * self._gutter, style)]
        pad = " " * PADDING
        for column, width in zip(table.columns, table.widths, strict=True):
            text = display_text(column.name if line == 0 else column.type)
            segments.append(Segment(pad + fit(text, width, right=column.numeric) + pad, style))
        return Strip(segments)

    def _row_strip(self, table: TableData, index: int, cursor: int | None) -> Strip:
        row = table.rows[index]
        base = self.get_component_rich_style("table-view--odd-row") if index % 2 else Style()
        null = base + self.get_component_rich_style("table-view--null")
        number = self.get_component_rich_style("table-view--row-number")
        label = f"{table.row_number(index):,}"
        segments = [Segment(label.rjust(self._gutter - 2) + "  ", number)]
        pad = " " * PADDING
        columns: list[Column] = table.columns
        for position, width in enumerate(table.widths):
            value = row[position] if position < len(row) else None
            if value is None:
                text, style = fit("", width), null
            else:
                text = fit(display_text(value), width, right=columns[position].numeric)
                style = base
            if position == cursor:
                style = style + self.get_component_rich_style("table-view--cursor")
            segments.append(Segment(pad + text + pad, style))
        return Strip(segments)

    # cursor
    def move_cursor(self, row: int, column: int) -> None:
        table = self.table
        if table is None or not table.rows:
            return
        old = self.cursor_row
        self.cursor_row = max(0, min(row, len(table.rows) - 1))
        self.cursor_column = max(0, min(column, len(table.columns) - 1))
        self._scroll_to_cursor()
        self.refresh_line(old + HEADER_LINES)
        self.refresh_line(self.cursor_row + HEADER_LINES)

    def _scroll_to_cursor(self) -> None:
        visible_rows = max(1, self.scrollable_content_region.height - HEADER_LINES)
        scroll_x, scroll_y = self.scroll_offset
        y = scroll_y
        if self.cursor_row < scroll_y:
            y = self.cursor_row
        elif self.cursor_row >= scroll_y + visible_rows:
            y = self.cursor_row - visible_rows + 1
        x = scroll_x
        if self._offsets and self.table is not None:
            left = self._offsets[self.cursor_column]
            right = left + self.table.widths[self.cursor_column] + 2 * PADDING
            body = self._body_width()
            if left < scroll_x:
                x = left
            elif right > scroll_x + body:
                x = min(left, right - body)
        if (x, y) != (scroll_x, scroll_y):
            self.scroll_to(x, y, animate=False, immediate=True)
            self.refresh()

    def action_cursor(self, rows: int, columns: int) -> None:
        self.move_cursor(self.cursor_row + rows, self.cursor_column + columns)

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - HEADER_LINES - 1)
        self.move_cursor(self.cursor_row + direction * step, self.cursor_column)

    def action_edge(self, direction: int) -> None:
        rows = len(self.table.rows) if self.table else 0
        self.move_cursor(0 if direction < 0 else rows - 1, self.cursor_column)

    def action_first_column(self) -> None:
        self.move_cursor(self.cursor_row, 0)

    def action_last_column(self) -> None:
        columns = len(self.table.columns) if self.table else 0
        self.move_cursor(self.cursor_row, columns - 1)

    def on_click(self, event: events.Click) -> None:
        table = self.table
        if table is None or event.y < HEADER_LINES:
            return
        row = int(self.scroll_offset.y) + event.y - HEADER_LINES
        x = event.x - self._gutter
        if x < 0 or row >= len(table.rows):
            return
        x += int(self.scroll_offset.x)
        column = next(
            (
                index
                for index, left in enumerate(self._offsets)
                if left <= x < left + table.widths[index] + 2 * PADDING
            ),
            self.cursor_column,
        )
        self.move_cursor(row, column)
        if event.chain == 2:
            self.post_message(self.CellChosen(self, row, column))
