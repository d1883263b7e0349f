"""In the table: `t` statistics of the columns, `<` / `>` sort, `f` filter the rows read.

Each runs in a thread worker over the cells already read (no IO, nothing
decoded again): statistics of 100 columns take a tenth of a second, and a
table may hold more rows than the default 1,000. A result carries the
table's token, so one that comes after another file was shown is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from spyglass.errors import SpyglassError
from spyglass.previews.row_view import RowFilter, RowView, next_order, parse_filter
from spyglass.previews.table_data import TableData
from spyglass.ui.row_filter_screen import RowFilterScreen

if TYPE_CHECKING:
    from textual.widget import Widget

    from spyglass.ui.table_view import TableView

    _Base = Widget
else:
    _Base = object

ROWS_GROUP = "table-rows"


class TableTools(_Base):
    """Mix in before `Vertical` in the table panel; it provides what is declared here."""

    if TYPE_CHECKING:
        table: TableData | None
        view: TableView
        mode: str
        _token: int
        _status: str

        def _update_bar(self) -> None: ...

    class _Computed(Message):
        def __init__(
            self, token: int, mode: str, shown: TableData | None, rows: RowView | None, text: str
        ) -> None:
            self.token = token
            self.mode = mode
            self.shown = shown
            self.rows = rows
            self.text = text  # the statistics' label, or why nothing was computed
            super().__init__()

    def _tools_reset(self) -> None:
        self.row_view: RowView | None = None
        self.stats_label = ""
        self._filter_text = ""

    @property
    def rows_status(self) -> str:
        """What the sort and the filter do, for the bar: "" when the rows are as read."""
        view = self.row_view
        shown = self.view.table
        if view is None or shown is None or self.mode != "data":
            return ""
        return view.status(shown)

    # statistics
    def action_toggle_stats(self) -> None:
        table = self.table
        if table is None:
            return
        if self.mode == "stats":
            self._show_rows()
            return
        self._status = "computing statistics…"
        self._update_bar()
        self.run_worker(
            lambda: self._compute_stats(table, self._token),
            thread=True,
            exclusive=True,
            group=ROWS_GROUP,
            exit_on_error=False,
        )

    def _compute_stats(self, table: TableData, token: int) -> None:
        from spyglass.previews.column_stats import stats_table, table_stats

        stats = table_stats(table)
        self.post_message(self._Computed(token, "stats", stats_table(stats), None, stats.label()))

    # sort and filter
    def action_sort_ascending(self) -> None:
        self.action_sort(descending_first=False)

    def action_sort_descending(self) -> None:
        self.action_sort(descending_first=True)

    def action_sort(self, descending_first: bool) -> None:
        table = self.table
        if table is None or self.mode != "data" or not table.columns:
            return
        current = self.row_view or RowView(table)
        order = next_order(
            current.order, self.view.cursor_column, descending_first=descending_first
        )
        self._arrange(RowView(table, order, current.filter))

    def action_filter_rows(self) -> None:
        table = self.table
        if table is None or self.mode != "data":
            return

        def typed(text: str | None) -> None:
            if text is not None:
                self._filter_typed(table, text)

        self.app.push_screen(RowFilterScreen(self._filter_text), typed)

    def _filter_typed(self, table: TableData, text: str) -> None:
        if table is not self.table:
            return
        current = self.row_view or RowView(table)
        self._filter_text = text
        row_filter: RowFilter | None = None
        if text.strip():
            try:
                row_filter = parse_filter(text, [column.name for column in table.columns])
            except SpyglassError as exc:
                self._status = str(exc)
                self._update_bar()
                return
        self._arrange(RowView(table, current.order, row_filter))

    def _arrange(self, rows: RowView) -> None:
        self._status = "sorting…" if rows.order is not None else "filtering…"
        self._update_bar()
        token = self._token
        self.run_worker(
            lambda: self.post_message(self._Computed(token, "data", rows.shown(), rows, "")),
            thread=True,
            exclusive=True,
            group=ROWS_GROUP,
            exit_on_error=False,
        )

    def _show_rows(self) -> None:
        """Back from the statistics or the schema: the rows as last sorted and filtered."""
        table = self.table
        if table is None:
            return
        self.mode = "data"
        shown = self.row_view.shown() if self.row_view is not None else table
        self._show_in_view(shown)
        self._update_bar()

    def _show_in_view(self, shown: TableData) -> None:
        column = self.view.cursor_column
        self.view.show_table(shown)
        self.view.move_cursor(0, column)

    def on_table_tools__computed(self, message: _Computed) -> None:
        message.stop()
        if message.token != self._token or message.shown is None:
            return
        self._status = ""
        if message.mode == "stats":
            self.mode = "stats"
            self.stats_label = message.text
            self.view.show_table(message.shown)
        else:
            self.row_view = message.rows
            self.mode = "data"
            self._show_in_view(message.shown)
        self._update_bar()
