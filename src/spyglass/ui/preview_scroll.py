"""`g g`, `G`, `Ctrl-d` / `Ctrl-u`, `Ctrl-f` / `Ctrl-b` in whichever view the preview shows.

The keys are bound once, on the pane (Scope.PREVIEW in `spyglass.keys`); each
action moves the view on screen: a text, hex, rendered or message view
scrolls, a table moves its cursor by rows.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from spyglass.ui.table_view import TableView

    _Base = Widget
else:
    _Base = object


class Move(Enum):
    TOP = "top"
    BOTTOM = "bottom"
    HALF_DOWN = "half_down"
    HALF_UP = "half_up"
    PAGE_DOWN = "page_down"
    PAGE_UP = "page_up"


_OWN_ACTIONS = {
    Move.TOP: "action_scroll_home",
    Move.BOTTOM: "action_scroll_end",
    Move.PAGE_UP: "action_page_up",
    Move.PAGE_DOWN: "action_page_down",
}


def _page(widget: Widget) -> int:
    return max(1, widget.scrollable_content_region.height)


def move(view: Widget, how: Move) -> None:
    table = getattr(view, "view", view)  # a table panel: its table under the bar
    from spyglass.ui.table_view import HEADER_LINES, TableView

    if isinstance(table, TableView):
        _move_table(table, how, max(1, _page(table) - HEADER_LINES - 1))
        return
    own = _OWN_ACTIONS.get(how)
    if own is not None and getattr(type(view), own) is not getattr(Widget, own):
        # The view gives the move a meaning of its own: a followed log pauses going
        # up and follows again at the bottom.
        getattr(view, own)()
        return
    if how is Move.TOP:
        view.scroll_home(animate=False)
    elif how is Move.BOTTOM:
        view.scroll_end(animate=False)
    elif how in (Move.HALF_DOWN, Move.HALF_UP):
        step = max(1, _page(view) // 2)
        view.scroll_relative(y=step if how is Move.HALF_DOWN else -step, animate=False)
    elif how is Move.PAGE_DOWN:
        view.scroll_page_down(animate=False)
    else:
        view.scroll_page_up(animate=False)


def _move_table(table: TableView, how: Move, page: int) -> None:
    rows = len(table.table.rows) if table.table is not None else 0
    steps = {
        Move.TOP: -rows,
        Move.BOTTOM: rows,
        Move.HALF_DOWN: max(1, page // 2),
        Move.HALF_UP: -max(1, page // 2),
        Move.PAGE_DOWN: page,
        Move.PAGE_UP: -page,
    }
    table.move_cursor(table.cursor_row + steps[how], table.cursor_column)


class PreviewScroll(_Base):
    """Mix in before `Vertical` in the preview pane, which provides `active_view`."""

    if TYPE_CHECKING:

        @property
        def active_view(self) -> Widget | None: ...

    def _scroll_view(self, how: Move) -> None:
        view = self.active_view
        if view is not None:
            move(view, how)

    def action_preview_top(self) -> None:
        self._scroll_view(Move.TOP)

    def action_preview_bottom(self) -> None:
        self._scroll_view(Move.BOTTOM)

    def action_preview_half_page_down(self) -> None:
        self._scroll_view(Move.HALF_DOWN)

    def action_preview_half_page_up(self) -> None:
        self._scroll_view(Move.HALF_UP)

    def action_preview_page_down(self) -> None:
        self._scroll_view(Move.PAGE_DOWN)

    def action_preview_page_up(self) -> None:
        self._scroll_view(Move.PAGE_UP)
