"""An image fitted to the pane, redrawn on resize, with Kitty, Sixel or half-blocks.

Scaling and encoding run in a thread worker; the UI thread only hands over
ready strips.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import count
from typing import ClassVar

from rich.color import Color
from rich.segment import ControlType, Segment
from rich.style import Style
from textual import events, work
from textual.binding import BindingType
from textual.strip import Strip

from spyglass.previews.half_block_image import fit_cells, half_block_rows
from spyglass.previews.image_data import ImageData
from spyglass.previews.results import ImagePreview
from spyglass.ui.data_view import DataView
from spyglass.ui.terminal_graphics import (
    MAX_KITTY_CELLS,
    CellSize,
    cell_size,
    detect_protocol,
    kitty_placeholder_row,
    kitty_transmit,
    sixel_encode,
)

_IMAGE_IDS = count(0x5A0001)


@dataclass
class _Drawing:
    """What one render of the image needs: strips, and raw data for the terminal."""

    key: tuple[object, ...]
    lines: list[Strip]
    cols: int
    rows: int
    left: int
    raw: str = ""  # Kitty transmission or Sixel data
    protocol: str = "halfblock"


class ImageView(DataView[ImagePreview], can_focus=True):
    DEFAULT_CSS = """
    ImageView { background: $surface; height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ImageData | None = None
        self.protocol = "halfblock"
        self._drawing: _Drawing | None = None
        self._cell = CellSize(10, 20)

    def show_preview(self, preview: ImagePreview) -> None:
        payload = preview.payload
        self.data = payload
        self.protocol = "halfblock" if self.app.is_headless else detect_protocol(payload.protocol)
        if self.protocol != "halfblock":
            self._cell = cell_size()
        self._drawing = None
        self.refresh()
        self._schedule()

    def on_resize(self, event: events.Resize) -> None:
        self._schedule()

    def _schedule(self) -> None:
        data = self.data
        size = self.content_size
        if data is None or size.width <= 0 or size.height <= 0:
            return
        key = (id(data), size.width, size.height, self.protocol)
        if self._drawing is not None and self._drawing.key == key:
            return
        _, background = self.background_colors
        self._draw(data, key, size.width, size.height, background.rgb)

    @work(thread=True, exclusive=True, group="image-draw", exit_on_error=False)
    def _draw(
        self,
        data: ImageData,
        key: tuple[object, ...],
        width: int,
        height: int,
        background: tuple[int, int, int],
    ) -> None:
        drawing = draw(data, key, width, height, self.protocol, self._cell, background)
        self.app.call_from_thread(self._drawn, drawing)

    def _drawn(self, drawing: _Drawing) -> None:
        if self.data is None or drawing.key[0] != id(self.data):
            return
        self._drawing = drawing
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        drawing = self._drawing
        blank = Strip.blank(width, self.rich_style)
        if drawing is None:
            return blank
        if drawing.protocol == "sixel":
            return self._sixel_line(y, drawing, width)
        if y >= len(drawing.lines):
            return blank
        line = drawing.lines[y]
        pad = [Segment(" " * drawing.left, self.rich_style)] if drawing.left else []
        segments = [*pad, *line]
        if drawing.protocol == "kitty" and y == 0:
            segments.insert(0, Segment(drawing.raw, None, [(ControlType.CURSOR_FORWARD, 0)]))
        strip = Strip(segments, drawing.left + drawing.cols)
        return strip.extend_cell_length(width, self.rich_style)

    def _sixel_line(self, y: int, drawing: _Drawing, width: int) -> Strip:
        """Blank lines, then the image painted over them from the last line."""
        height = self.content_size.height
        if y != height - 1:
            return Strip.blank(width, self.rich_style)
        region = self.content_region
        move_to = f"\x1b[{region.y + 1};{region.x + drawing.left + 1}H"
        back = f"\x1b[{region.y + height};{region.x + width}H"
        segments = [
            Segment(move_to + drawing.raw + back, None, [(ControlType.CURSOR_FORWARD, 0)]),
        ]
        return Strip(segments, 0).extend_cell_length(width, self.rich_style)


def draw(
    data: ImageData,
    key: tuple[object, ...],
    width: int,
    height: int,
    protocol: str,
    cell: CellSize,
    background: tuple[int, int, int],
) -> _Drawing:
    """Scale and encode the image for a box of `width` x `height` cells."""
    image = data.image
    if protocol == "halfblock":
        cols, rows = fit_cells(image.width, image.height, width, height)
        lines = [Strip(row) for row in half_block_rows(image, cols, rows, background)]
        return _Drawing(key, lines, cols, rows, (width - cols) // 2)
    aspect = cell.height / cell.width
    cols, rows = fit_cells(image.width, image.height, width, height, cell_aspect=aspect)
    pixels = image.resize((max(1, cols * cell.width), max(1, rows * cell.height)))
    if protocol == "kitty":
        cols, rows = min(cols, MAX_KITTY_CELLS), min(rows, MAX_KITTY_CELLS)
        image_id = next(_IMAGE_IDS) & 0xFFFFFF
        style = Style(color=Color.from_rgb(image_id >> 16, (image_id >> 8) & 255, image_id & 255))
        lines = [
            Strip([Segment(kitty_placeholder_row(row, cols), style)], cols) for row in range(rows)
        ]
        raw = kitty_transmit(pixels, image_id, cols, rows, tmux=bool(os.environ.get("TMUX")))
        return _Drawing(key, lines, cols, rows, (width - cols) // 2, raw, "kitty")
    raw = sixel_encode(pixels, background)
    return _Drawing(key, [], cols, rows, (width - cols) // 2, raw, "sixel")
