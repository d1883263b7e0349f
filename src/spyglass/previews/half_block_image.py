"""Images as Unicode half-blocks: two pixels a cell, works in every terminal and in tmux."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

if TYPE_CHECKING:
    from PIL import Image

UPPER_HALF = "\u2580"


def fit_cells(
    width: int, height: int, max_cols: int, max_rows: int, cell_aspect: float = 2.0
) -> tuple[int, int]:
    """Columns and rows that fit the box and keep the aspect ratio.

    `cell_aspect` is a cell's height over its width in pixels (about 2).
    Images smaller than the box are not enlarged.
    """
    if width <= 0 or height <= 0 or max_cols <= 0 or max_rows <= 0:
        return 0, 0
    scale = min(max_cols / width, max_rows * cell_aspect / height, 1.0)
    cols = max(1, round(width * scale))
    rows = max(1, round(height * scale / cell_aspect))
    return min(cols, max_cols), min(rows, max_rows)


def half_block_rows(
    image: Image.Image, cols: int, rows: int, background: tuple[int, int, int] = (0, 0, 0)
) -> list[list[Segment]]:
    """One list of segments per terminal row; transparency blends into `background`."""
    from PIL import Image as PILImage

    scaled = image.resize((cols, rows * 2), PILImage.Resampling.LANCZOS)
    if scaled.mode == "RGBA":
        base = PILImage.new("RGBA", scaled.size, (*background, 255))
        scaled = PILImage.alpha_composite(base, scaled)
    pixels = scaled.convert("RGB").tobytes()
    stride = cols * 3
    lines: list[list[Segment]] = []
    styles: dict[tuple[int, ...], Style] = {}
    for row in range(rows):
        top = pixels[row * 2 * stride : (row * 2 + 1) * stride]
        bottom = pixels[(row * 2 + 1) * stride : (row * 2 + 2) * stride]
        segments: list[Segment] = []
        run_key: tuple[int, ...] | None = None
        run = 0
        for col in range(cols):
            i = col * 3
            key = (top[i], top[i + 1], top[i + 2], bottom[i], bottom[i + 1], bottom[i + 2])
            if key == run_key:
                run += 1
                continue
            if run_key is not None:
                segments.append(Segment(UPPER_HALF * run, _style(styles, run_key)))
            run_key, run = key, 1
        if run_key is not None:
            segments.append(Segment(UPPER_HALF * run, _style(styles, run_key)))
        lines.append(segments)
    return lines


def _style(cache: dict[tuple[int, ...], Style], key: tuple[int, ...]) -> Style:
    style = cache.get(key)
    if style is None:
        style = Style(
            color=Color.from_rgb(key[0], key[1], key[2]),
            bgcolor=Color.from_rgb(key[3], key[4], key[5]),
        )
        cache[key] = style
    return style


class HalfBlockImage:
    """A Rich renderable: the image fitted to the console width (and `max_rows`)."""

    def __init__(self, image: Image.Image, *, max_rows: int | None = None) -> None:
        self.image = image
        self.max_rows = max_rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        max_rows = self.max_rows or options.height or options.size.height
        cols, rows = fit_cells(self.image.width, self.image.height, options.max_width, max_rows)
        for segments in half_block_rows(self.image, cols, rows):
            yield from segments
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        cols, _ = fit_cells(self.image.width, self.image.height, options.max_width, 10_000)
        return Measurement(cols, cols)
