"""A Rich renderable (rendered Markdown) laid out in a worker, drawn a line at a time.

Rendering a large Markdown file takes most of a second; done on the UI thread
it would freeze the screen, so the lines are made in a thread at the pane's
width and made again, off the UI thread, when the width changes.
"""

from __future__ import annotations

import io
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.segment import Segment
from textual import events, work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from spyglass.previews.text_search import LineMatches
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.scroll_keys import VERTICAL_SCROLL_KEYS
from spyglass.ui.virtual_size import set_virtual_size

PADDING = 1  # columns kept free on each side


def render_lines(renderable: RenderableType, width: int) -> list[list[Segment]]:
    """Lay out a renderable at a width, with a console of its own (safe in a thread)."""
    console = Console(
        width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True
    )
    return console.render_lines(renderable, console.options.update(width=width), pad=False)


class RenderedView(LineStyleCache, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    RenderedView { background: $surface; }
    RenderedView > .rendered-view--match { background: $warning 40%; }
    RenderedView > .rendered-view--match-current { background: $warning; color: $background; }
    """
    COMPONENT_CLASSES = {"rendered-view--match", "rendered-view--match-current"}
    BINDINGS: ClassVar[list[BindingType]] = VERTICAL_SCROLL_KEYS

    class _Rendered(Message):
        def __init__(self, token: int, width: int, lines: list[list[Segment]]) -> None:
            self.token = token
            self.width = width
            self.lines = lines
            super().__init__()

    class LaidOut(Message):
        """The lines were laid out (again, at a new width): a search must look again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderable: RenderableType | None = None
        self.lines: list[list[Segment]] = []
        self._width = 0
        self._token = 0
        self._found: LineMatches | None = None
        self._found_current: int | None = None

    def show(self, renderable: RenderableType) -> None:
        self._found = None
        self._found_current = None
        self.renderable = renderable
        self.lines = []
        self._width = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        set_virtual_size(self, Size(0, 0))
        self.refresh()
        self._layout_at(self._wanted_width())

    def _wanted_width(self) -> int:
        return max(
            20, (self.scrollable_content_region.width or self.size.width or 80) - 2 * PADDING
        )

    def _layout_at(self, width: int) -> None:
        if self.renderable is None or width == self._width:
            return
        self._width = width
        self._token += 1
        self._render_in_thread(self.renderable, width, self._token)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_in_thread(self, renderable: RenderableType, width: int, token: int) -> None:
        lines = render_lines(renderable, width)
        if not get_current_worker().is_cancelled:
            self.post_message(self._Rendered(token, width, lines))

    def on_rendered_view__rendered(self, message: _Rendered) -> None:
        message.stop()
        if message.token != self._token:
            return
        self.lines = message.lines
        set_virtual_size(self, Size(message.width + 2 * PADDING, len(self.lines)))
        self._found = None  # found in the old lines
        self.refresh()
        self.post_message(self.LaidOut())

    def on_resize(self, event: events.Resize) -> None:
        self._layout_at(self._wanted_width())

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self.line_style)
        pad = Segment(" " * PADDING)
        strip = Strip([pad, *self._marked_line(index)])
        return (
            strip.extend_cell_length(width, self.line_style)
            .crop(0, width)
            .apply_style(self.line_style)
        )

    # search: the rendered lines are searched, as they read on screen
    def plain_lines(self) -> list[str]:
        return ["".join(segment.text for segment in line) for line in self.lines]

    def show_matches(self, found: LineMatches | None, current: int | None) -> None:
        self._found = found
        self._found_current = current
        self.refresh()

    def _marked_line(self, index: int) -> list[Segment]:
        segments = self.lines[index]
        found = self._found
        matches = found.on_line(index) if found is not None else []
        if found is None or not matches:
            return segments
        current = None
        if self._found_current is not None and self._found_current < len(found):
            current = found.match(self._found_current)
        plain = "".join(segment.text for segment in segments)
        cuts: list[int] = []
        for match in matches:
            cuts += [cell_len(plain[: match.start]), cell_len(plain[: match.end])]
        cuts.append(cell_len(plain))  # the rest of the line after the last match
        pieces = list(Segment.divide(segments, cuts))
        marked: list[Segment] = [*pieces[0]]
        for number, piece in enumerate(pieces[1:]):
            if number % 2 == 1:  # between two matches
                marked += piece
                continue
            match = matches[number // 2]
            name = "rendered-view--match" + ("-current" if match == current else "")
            style = self.get_component_rich_style(name)
            marked += Segment.apply_style(piece, post_style=style)
        return marked

    def scroll_to_match(self, line: int) -> None:
        height = self.scrollable_content_region.height
        if not self.scroll_y <= line < self.scroll_y + height:
            self.scroll_to(0, max(0, line - height // 2), animate=False, immediate=True)
