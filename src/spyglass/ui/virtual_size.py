"""Change a scroll view's virtual size without a screen-wide layout when possible.

`virtual_size` is a layout reactive: setting it lays out and repaints every
widget on screen. While a folder loads or a preview changes that happens many
times a second; a layout is only needed when a scrollbar appears or goes.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    old = view.virtual_size
    if size == old:
        return
    region = view.scrollable_content_region
    same_bars = (old.height > region.height) == (size.height > region.height) and (
        old.width > region.width
    ) == (size.width > region.width)
    if view.is_mounted and same_bars and region.height > 0:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
        view.refresh()
    else:
        view.virtual_size = size
