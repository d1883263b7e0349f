"""Lines of text drawn on demand: a 2 GiB file costs what its first screen costs."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.previews.highlight import MAX_LINE_CHARS, plain_block
from spyglass.previews.text_search import LineMatches
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.scroll_keys import HORIZONTAL_SCROLL_KEYS, VERTICAL_SCROLL_KEYS
from spyglass.ui.virtual_size import set_virtual_size

# Lines are highlighted in blocks, when a block first comes on screen.
BLOCK_LINES = 200
TAB_SIZE = 4
MARK_STYLE = Style(reverse=True, bold=True)  # the match `show_line` was asked to point at


class TextView(LineStyleCache, ScrollView, can_focus=True):
    """Highlights only the blocks of lines that have been on screen."""

    DEFAULT_CSS = """
    TextView { background: $surface; }
    TextView > .text-view--gutter { color: $foreground-muted; }
    TextView > .text-view--match { background: $warning 40%; }
    TextView > .text-view--match-current { background: $warning; color: $background; }
    """
    COMPONENT_CLASSES = {"text-view--gutter", "text-view--match", "text-view--match-current"}

    BINDINGS: ClassVar[list[BindingType]] = VERTICAL_SCROLL_KEYS + HORIZONTAL_SCROLL_KEYS

    show_line_numbers: reactive[bool] = reactive(True)
    soft_wrap: reactive[bool] = reactive(False)

    class NeedMore(Message):
        """The view reached the end of what was loaded, and the file has more."""

    class NeedHighlight(Message):
        """A block of lines came on screen plain: its colours are worked out elsewhere."""

        def __init__(self, ticket: int, block: int, lexer: str, theme: str, lines: list[str]):
            self.ticket = ticket  # what `set_colours` must be given back with the colours
            self.block = block
            self.lexer = lexer
            self.theme = theme
            self.lines = lines
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[str] = []
        self._line_count = 0  # len(lines) when last shown: the list grows in place
        self.lexer: str | None = None
        self.has_more = False
        self._asked_for_more = False
        self._blocks: dict[int, list[Text]] = {}
        self._strips: OrderedDict[tuple[int, int], Strip] = OrderedDict()
        self._max_width = 0
        self._wrap_starts: list[int] = []  # visual row where each line starts, when wrapping
        self._theme = "monokai"
        self._tickets = 0
        self._waiting: dict[int, int] = {}  # block -> ticket of the colours asked for it
        self._mark: tuple[int, int, int] | None = None  # (line, start, end) from `show_line`
        self._found: LineMatches | None = None  # a search's matches, drawn over the colours
        self._found_current: int | None = None

    def show(self, lines: list[str], lexer: str | None, *, has_more: bool, theme: str) -> None:
        self.lines = lines
        self._line_count = len(lines)
        self.lexer = lexer
        self._theme = theme
        self.has_more = has_more
        self._asked_for_more = False
        self._blocks.clear()
        self._waiting.clear()
        self._strips.clear()
        self._mark = None
        self._found = None
        self._found_current = None
        self._measure()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._update_size()

    def extend(self, lines: list[str], *, has_more: bool) -> None:
        """More lines were loaded: the pane added them to the list this view shows."""
        # Blocks from the old last line on were highlighted when they were shorter
        # (and that line may have been continued): highlight them again.
        first_stale = max(0, self._line_count - 1) // BLOCK_LINES
        self._blocks = {k: v for k, v in self._blocks.items() if k < first_stale}
        self._waiting = {k: v for k, v in self._waiting.items() if k < first_stale}
        self.lines = lines
        self._line_count = len(lines)
        self.has_more = has_more
        self._asked_for_more = False
        self._measure()
        self._update_size()

    def _measure(self) -> None:
        longest = max(map(len, self.lines), default=0)
        self._max_width = min(longest, MAX_LINE_CHARS) + self._gutter_width()
        self._strips.clear()

    def _gutter_width(self) -> int:
        return len(f"{len(self.lines):,}") + 2 if self.show_line_numbers else 0

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - self._gutter_width())

    def _update_size(self) -> None:
        self._strips.clear()
        if self.soft_wrap:
            width = self._text_width()
            starts: list[int] = []
            row = 0
            for line in self.lines:
                starts.append(row)
                length = len(line.expandtabs(TAB_SIZE)) if "\t" in line else len(line)
                row += max(1, -(-min(length, MAX_LINE_CHARS) // width))
            self._wrap_starts = starts
            set_virtual_size(self, Size(self.scrollable_content_region.width, row))
        else:
            self._wrap_starts = []
            set_virtual_size(self, Size(self._max_width, len(self.lines)))
        self.refresh()

    def watch_show_line_numbers(self) -> None:
        self._measure()
        self._update_size()

    def watch_soft_wrap(self) -> None:
        self._update_size()

    def on_resize(self, event: events.Resize) -> None:
        if self.soft_wrap:
            self._update_size()

    # highlighting
    def _line_text(self, index: int) -> Text:
        block = index // BLOCK_LINES
        texts = self._blocks.get(block)
        if texts is None:
            start = block * BLOCK_LINES
            chunk = self.lines[start : start + BLOCK_LINES]
            texts = plain_block(chunk)
            self._blocks[block] = texts
            if self.lexer is not None:
                self._tickets += 1
                self._waiting[block] = self._tickets
                message = self.NeedHighlight(self._tickets, block, self.lexer, self._theme, chunk)
                self.post_message(message)
        position = index - block * BLOCK_LINES
        return texts[position] if position < len(texts) else Text("")

    def set_colours(self, ticket: int, block: int, texts: list[Text]) -> None:
        """The colours asked for with `ticket`; dropped when the block changed since."""
        if self._waiting.get(block) != ticket:
            return
        del self._waiting[block]
        self._blocks[block] = texts
        start = block * BLOCK_LINES
        for key in [key for key in self._strips if start <= key[0] < start + BLOCK_LINES]:
            del self._strips[key]
        self.refresh()

    def stop_colouring(self) -> None:
        """Colouring failed or took too long: the rest stays plain."""
        self.lexer = None
        self._waiting.clear()

    # drawing
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        if self.soft_wrap:
            if not self._wrap_starts or row >= self.virtual_size.height:
                return Strip.blank(width, self.line_style)
            index = bisect_right(self._wrap_starts, row) - 1
            piece = row - self._wrap_starts[index]
        else:
            index, piece = row, 0
        if index >= len(self.lines):
            return Strip.blank(width, self.line_style)
        self._maybe_ask_for_more(index)
        key = (index, piece)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(index, piece)
            self._strips[key] = strip
            if len(self._strips) > 2000:
                self._strips.popitem(last=False)
        if not self.soft_wrap:
            gutter = self._gutter_width()
            head = strip.crop(0, gutter)
            body = strip.crop(gutter + scroll_x, gutter + scroll_x + width - gutter)
            strip = Strip.join([head, body])
        return (
            strip.extend_cell_length(width, self.line_style)
            .crop(0, width)
            .apply_style(self.line_style)
        )

    def _render_row(self, index: int, piece: int) -> Strip:
        text = self._line_text(index).copy()
        if self._mark is not None and self._mark[0] == index:
            text.stylize(MARK_STYLE, self._mark[1], self._mark[2])
        self._mark_matches(text, index)
        if "\t" in text.plain:
            text.expand_tabs(TAB_SIZE)
        if self.soft_wrap:
            width = self._text_width()
            text = text[piece * width : (piece + 1) * width]
        gutter_width = self._gutter_width()
        console = self.app.console
        segments: list[Segment] = []
        if gutter_width:
            number = f"{index + 1:,}" if piece == 0 else ""
            gutter = Text(
                number.rjust(gutter_width - 2) + "  ",
                style=self.get_component_rich_style("text-view--gutter"),
            )
            segments.extend(gutter.render(console))
        text.no_wrap = True
        text.end = ""
        segments.extend(text.render(console))
        return Strip(segments)

    def show_line(self, index: int, start: int = 0, end: int = 0) -> bool:
        """Scroll line `index` (0-based) into view, a third down, and mark its `start:end`.

        False when that line is not loaded (yet). The mark goes with the next `show`.
        """
        if not 0 <= index < len(self.lines):
            return False
        self._mark = (index, start, end)
        self._strips.clear()
        row = self._wrap_starts[index] if self.soft_wrap and self._wrap_starts else index
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)
        self.refresh()
        return True

    def _maybe_ask_for_more(self, index: int) -> None:
        if self.has_more and not self._asked_for_more and index >= len(self.lines) - 1:
            self._asked_for_more = True
            self.post_message(self.NeedMore())

    # search
    def show_matches(self, found: LineMatches | None, current: int | None) -> None:
        """Draw a search's matches (None clears them); `current` is the one `n` went to."""
        self._found = found
        self._found_current = current
        self._strips.clear()  # strips are cached with the matches drawn in
        self.refresh()

    def _mark_matches(self, text: Text, index: int) -> None:
        found = self._found
        if found is None:
            return
        matches = found.on_line(index)
        if not matches:
            return
        style = self.get_component_rich_style("text-view--match")
        current_style = self.get_component_rich_style("text-view--match-current")
        current = None
        if self._found_current is not None and self._found_current < len(found):
            current = found.match(self._found_current)
        for match in matches:
            text.stylize(current_style if match == current else style, match.start, match.end)

    def top_line(self) -> int:
        """The line at the top of the view (with soft wrap, the line its first row is of)."""
        row = int(self.scroll_y)
        if self.soft_wrap and self._wrap_starts:
            return max(0, bisect_right(self._wrap_starts, row) - 1)
        return row

    def scroll_to_match(self, line: int, start: int, end: int) -> None:
        """Bring a match on screen: its line in the middle when it is off screen."""
        if line >= len(self.lines):
            return
        text = self.lines[line]
        column = len(text[:start].expandtabs(TAB_SIZE))
        width = self._text_width()
        height = self.scrollable_content_region.height
        if self.soft_wrap:
            if not self._wrap_starts:
                return
            row = self._wrap_starts[line] + column // width
            x = 0.0
        else:
            row = line
            length = len(text[:end].expandtabs(TAB_SIZE)) - column
            x = self.scroll_x
            if column < x or column + length > x + width:
                x = max(0, column - width // 3)
        y = self.scroll_y
        if not y <= row < y + height:
            y = max(0, row - height // 2)
        self.scroll_to(x, y, animate=False, immediate=True)
