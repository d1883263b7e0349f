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
from spyglass.previews.text_search import ByteMatch, ByteMatches
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.scroll_keys import VERTICAL_SCROLL_KEYS

_HEX_START = 8 + 2
_TEXT_START = _HEX_START + 49 + 2
_ROW_WIDTH = _TEXT_START + 16


class HexView(LineStyleCache, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    HexView { background: $surface; }
    HexView > .hex-view--offset { color: $foreground-muted; }
    HexView > .hex-view--bytes { color: $foreground; }
    HexView > .hex-view--text { color: $accent; }
    HexView > .hex-view--match { background: $warning 40%; }
    HexView > .hex-view--match-current { background: $warning; color: $background; }
    """
    COMPONENT_CLASSES = {
        "hex-view--offset",
        "hex-view--bytes",
        "hex-view--text",
        "hex-view--match",
        "hex-view--match-current",
    }
    BINDINGS: ClassVar[list[BindingType]] = VERTICAL_SCROLL_KEYS

    class NeedMore(Message):
        """The view reached the end of what was loaded, and the file has more."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = b""
        self.has_more = False
        self._asked_for_more = False
        self._found: ByteMatches | None = None
        self._found_current: int | None = None

    def show(self, data: bytes, *, has_more: bool) -> None:
        self._found = None
        self._found_current = None
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
        self._mark_matches(text, offset)
        strip = Strip(list(text.render(self.app.console))).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, self.line_style).apply_style(self.line_style)

    # search
    def show_matches(self, found: ByteMatches | None, current: int | None) -> None:
        """Draw a search's matches in both columns (None clears them)."""
        self._found = found
        self._found_current = current
        self.refresh()

    def _mark_matches(self, text: Text, offset: int) -> None:
        found = self._found
        if found is None:
            return
        matches = found.overlapping(offset, offset + BYTES_PER_LINE)
        if not matches:
            return
        current: ByteMatch | None = None
        if self._found_current is not None and self._found_current < len(found):
            current = found.match(self._found_current)
        for match in matches:
            name = "hex-view--match-current" if match == current else "hex-view--match"
            style = self.get_component_rich_style(name)
            first = max(match.start, offset) - offset
            last = min(match.end, offset + BYTES_PER_LINE) - offset - 1
            text.stylize(style, _HEX_START + _hex_column(first), _HEX_START + _hex_column(last) + 2)
            text.stylize(style, _TEXT_START + first, _TEXT_START + last + 1)

    def scroll_to_match(self, start: int) -> None:
        """Bring the row of a match on screen, in the middle when it is off screen."""
        row = start // BYTES_PER_LINE
        height = self.scrollable_content_region.height
        if not self.scroll_y <= row < self.scroll_y + height:
            self.scroll_to(0, max(0, row - height // 2), animate=False, immediate=True)


def _hex_column(index: int) -> int:
    """Where the byte at `index` in a row starts in the hex column (a wider gap after 8)."""
    return 3 * index + (1 if index >= 8 else 0)
