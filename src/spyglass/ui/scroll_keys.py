"""The keys every scrolling preview view answers to, in one place.

The vim keys (`g g`, `G`, `Ctrl-d` ...) are in the table of actions, bound on
the preview pane: `[keys]` may change them, so no view binds them itself.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

VERTICAL_SCROLL_KEYS: list[BindingType] = [
    Binding("up,k", "scroll_up", "Up", show=False),
    Binding("down,j", "scroll_down", "Down", show=False),
    Binding("home", "scroll_home", "Top", show=False),
    Binding("end", "scroll_end", "Bottom", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("pagedown,space", "page_down", "Page down", show=False),
]

HORIZONTAL_SCROLL_KEYS: list[BindingType] = [
    Binding("left,h", "scroll_left", "Left", show=False),
    Binding("right,l", "scroll_right", "Right", show=False),
]
