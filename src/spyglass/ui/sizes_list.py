"""The children of one folder in a sizes view: a bar, the size, the files and the share a line."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.format import human_size
from spyglass.safe_text import safe_name
from spyglass.sizes.tree import Row
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.virtual_size import set_virtual_size

BAR = 20  # cells of the bar at 100 %
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(share: float, width: int = BAR) -> str:
    """A bar `share` (0..1) of `width` cells long, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text.ljust(width)


def row_text(row: Row, total: int) -> Text:
    """`██████▌   1.2 MiB   340 files  32.5 %  logs/`; names made safe, never markup."""
    share = row.bytes / total if total else 0.0
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(bar(share), "green")
    text.append(f" {human_size(row.bytes):>10}")
    files = "file" if row.files == 1 else "files"
    text.append(f" {row.files:>9,} {files:<5}", "dim")
    text.append(f" {share * 100:5.1f} %  ")
    if row.folder is None:
        text.append(f"({row.files:,} {files} directly here)", "italic")
    else:
        text.append(safe_name(row.name) + "/", "bold")
    if row.unreadable:
        text.append("  (not all readable)", "red")
    elif not row.done:
        text.append(" …", "dim")
    return text


class SizesList(LineStyleCache, ScrollView, can_focus=True):
    """Rows replaced whole on each update; the cursor stays on the same name."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"sizes-list--cursor"}
    DEFAULT_CSS = """
    SizesList { background: $surface; }
    SizesList > .sizes-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
    ]

    class Chosen(Message):
        """Enter on a row (a folder row descends)."""

        def __init__(self, row: Row) -> None:
            self.row = row
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.total = 0
        self.cursor = 0

    def show(self, rows: list[Row], total: int, *, keep: str | None = None) -> None:
        """New rows; the cursor follows the row named `keep` (else the one it was on)."""
        name = keep if keep is not None else (self.current.name if self.current else None)
        self.rows, self.total = rows, total
        index = next((i for i, row in enumerate(rows) if row.name == name), None)
        if index is not None:
            self.cursor = index
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        set_virtual_size(self, Size(self.size.width, len(rows)))
        if keep is not None:
            self._scroll_to_cursor()
        self.refresh()

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move_cursor(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))
            self._scroll_to_cursor()
            self.refresh()

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def action_cursor(self, rows: int) -> None:
        self.move_cursor(self.cursor + rows)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor + direction * max(1, self.size.height - 1))

    def action_edge(self, direction: int) -> None:
        self.move_cursor(0 if direction < 0 else len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y + event.y)
        if 0 <= index < len(self.rows):
            self.move_cursor(index)
            self.post_message(self.Chosen(self.rows[index]))

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        if index >= len(self.rows):
            return Strip.blank(width, self.line_style)
        text = row_text(self.rows[index], self.total)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("sizes-list--cursor"))
            text.pad_right(max(0, width - text.cell_len))
        strip = Strip(list(text.render(self.app.console))).crop(0, width)
        return strip.extend_cell_length(width, self.line_style).apply_style(self.line_style)

    def on_resize(self, event: events.Resize) -> None:
        set_virtual_size(self, Size(self.size.width, len(self.rows)))
