"""The widget's base style, worked out once per frame instead of once per line.

`Widget.rich_style` walks up the DOM to combine backgrounds; line-API views
need it for every line they draw, which made it the largest cost of a frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a plain mixin: a Widget base here would change the CSS the view gets


class LineStyleCache(_Base):
    """Mix in before the Textual base class: `class View(LineStyleCache, ScrollView)`."""

    _frame_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    @property
    def line_style(self) -> Style:
        return self._frame_style if self._frame_style is not None else self.rich_style
