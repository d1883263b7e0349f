"""Hex dump drawn on demand: 16 bytes a row, only the rows on screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.previews.hex_dump import BYTES_PER_LINE, hex_line
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.scroll_keys import VERTICAL_SCROLL_KEYS

_ROW_WIDTH = 8 + 2 + 49 + 2 + 16


class HexView(LineStyleCache, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    HexView { background: $surface; }
    HexView > .hex-view--offset { color: $foreground-muted; }
    HexView > .hex-view--bytes { color: $foreground; }
    HexView > .hex-view--text { color: $accent; }
    """
    COMPONENT_CLASSES = {"hex-view--offset", "hex-view--bytes", "hex-view--text"}
    BINDINGS: ClassVar[list[BindingType]] = VERTICAL_SCROLL_KEYS

    class NeedMore(Message):
        """The view reached the end of what was loaded, and the file has more."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = b""
        self.has_more = False
        self._asked_for_more = False

    def show(self, data: bytes, *, has_more: bool) -> None:
        self.data = data
        self.has_more = has_more
        self._asked_for_more = False
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._update_size()

    def extend(self, data: bytes, *, has_more: bool) -> None:
        self.data = data
        self.has_more = has_more
        self._asked_for_more = False
        self._update_size()

    def _update_size(self) -> None:
        rows = -(-len(self.data) // BYTES_PER_LINE)
        self.virtual_size = Size(_ROW_WIDTH, rows)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        offset = row * BYTES_PER_LINE
        if offset >= len(self.data):
            return Strip.blank(width, self.line_style)
        if self.has_more and not self._asked_for_more and offset + BYTES_PER_LINE >= len(self.data):
            self._asked_for_more = True
            self.post_message(self.NeedMore())
        position, hex_part, printable = hex_line(self.data, offset)
        style = self.get_component_rich_style
        text = Text(no_wrap=True, end="")
        text.append(position, style("hex-view--offset"))
        text.append("  ")
        text.append(hex_part.ljust(49), style("hex-view--bytes"))
        text.append("  ")
        text.append(printable, style("hex-view--text"))
        strip = Strip(list(text.render(self.app.console))).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, self.line_style).apply_style(self.line_style)
