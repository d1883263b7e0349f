"""Search results as a virtual list: a million results cost what one screen of them costs."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.search.results import LineMatch, NameMatch
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.result_text import Result, result_text
from spyglass.ui.scroll_keys import LIST_CURSOR_KEYS
from spyglass.ui.virtual_size import set_virtual_size

# Cached lines, most of them on screen: a frame draws a screenful again.
_MAX_STRIPS = 2048
_MAX_WIDTH = 1200  # a line match is cut to 1,000 characters, plus its path


class ResultsList(LineStyleCache, ScrollView, can_focus=True):
    """The results so far, appended as they stream in; Enter chooses the one under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results-list--cursor",
        "results-list--folder",
        "results-list--file",
        "results-list--path",
        "results-list--line-number",
        "results-list--match",
        "results-list--problem",
    }
    DEFAULT_CSS = """
    ResultsList { background: $surface; }
    ResultsList > .results-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ResultsList:blur > .results-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: none;
    }
    ResultsList > .results-list--folder { color: $accent; text-style: bold; }
    ResultsList > .results-list--file { color: $foreground; }
    ResultsList > .results-list--path { color: $accent; }
    ResultsList > .results-list--line-number { color: $foreground-muted; }
    ResultsList > .results-list--match { background: $warning 40%; text-style: bold; }
    ResultsList > .results-list--problem { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_CURSOR_KEYS,
        Binding("enter", "choose", "Show", show=False),
        Binding("left,h", "scroll_left", "Left", show=False),
        Binding("right,l", "scroll_right", "Right", show=False),
    ]

    class Chosen(Message):
        """Enter or a click on a result: show it in the tree and the preview."""

        def __init__(self, result: Result) -> None:
            self.result = result
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[Result] = []
        self.cursor = 0
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._widest = 0

    def clear(self) -> None:
        self.results = []
        self.cursor = 0
        self._strips.clear()
        self._widest = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._resize()

    def extend(self, results: tuple[Result, ...]) -> None:
        """New results at the end; the cursor and the lines on screen stay where they are."""
        if not results:
            return
        self.results.extend(results)
        # A rough width from the newest batch: measuring every line would cost a scan.
        self._widest = max(self._widest, *map(_width, results[-64:]))
        self._resize()

    def _resize(self) -> None:
        width = max(self.size.width, min(self._widest, _MAX_WIDTH))
        set_virtual_size(self, Size(width, len(self.results)))
        self.refresh()

    @property
    def current(self) -> Result | None:
        if 0 <= self.cursor < len(self.results):
            return self.results[self.cursor]
        return None

    # cursor
    def move_cursor(self, index: int) -> None:
        if not self.results:
            return
        self.cursor = max(0, min(index, len(self.results) - 1))
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, rows: int) -> None:
        self.move_cursor(self.cursor + rows)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * max(1, self.size.height - 1))

    def action_edge(self, direction: int) -> None:
        self.move_cursor(0 if direction < 0 else len(self.results) - 1)

    def action_choose(self) -> None:
        result = self.current
        if result is not None:
            self.post_message(self.Chosen(result))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y + event.y)
        if 0 <= index < len(self.results):
            self.move_cursor(index)
            self.action_choose()

    # drawing
    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        if index >= len(self.results):
            return Strip.blank(width, self.line_style)
        scroll_x = int(self.scroll_offset.x)
        selected = index == self.cursor
        key = (index, selected, width, scroll_x, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            text = result_text(self.results[index], self.get_component_rich_style)
            if selected:
                text.stylize(self.get_component_rich_style("results-list--cursor"))
                text.pad_right(max(0, width + scroll_x - text.cell_len))
            strip = Strip(list(text.render(self.app.console))).crop(scroll_x, scroll_x + width)
            strip = strip.extend_cell_length(width, self.line_style).apply_style(self.line_style)
            if len(self._strips) > _MAX_STRIPS:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._resize()


def _width(result: Result) -> int:
    if isinstance(result, LineMatch):
        return len(result.relative) + len(result.text) + 12
    if isinstance(result, NameMatch):
        return len(result.relative) + 1
    return len(result.sentence)
