"""The tree's right-hand columns: which ones are shown, and one row's cells at fixed widths.

Headless so the layout can be tested without a screen; the widget pads the
name to the space left and appends `cells`. Only rows on screen are laid
out, so a cell may cost a few microseconds.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from spyglass.format import group_name, human_size, human_time, owner_name, permissions
from spyglass.fs.entry import Entry, Kind
from spyglass.safe_text import safe_name

SIZE_WIDTH = 8  # "1023 KiB", "1,023 B"
TIME_WIDTH = 16  # "2026-11-30 14:02"
MODE_WIDTH = 10  # "drwxr-xr-x"
OWNER_WIDTH = 8
GAP = 2  # at least this much space between a name and the first cell
MIN_NAME_CELLS = 12  # below this the columns give way to the name

# A folder's size when something (the sizes view) has counted it, else None.
FolderSizes = Callable[[str], int | None]


class Columns(enum.Enum):
    """What `,` cycles through, in this order."""

    NONE = "none"
    SIZE = "size"
    TIME = "time"
    SIZE_TIME = "size_time"
    PERMISSIONS = "permissions"

    @property
    def next(self) -> Columns:
        order = list(Columns)
        return order[(order.index(self) + 1) % len(order)]

    @property
    def width(self) -> int:
        """Cells of the columns together, without the gap before them."""
        return _WIDTHS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_WIDTHS = {
    Columns.NONE: 0,
    Columns.SIZE: SIZE_WIDTH,
    Columns.TIME: TIME_WIDTH,
    Columns.SIZE_TIME: SIZE_WIDTH + 1 + TIME_WIDTH,
    Columns.PERMISSIONS: MODE_WIDTH + 1 + OWNER_WIDTH + 1 + OWNER_WIDTH,
}
_LABELS = {
    Columns.NONE: "no columns",
    Columns.SIZE: "size",
    Columns.TIME: "modification time",
    Columns.SIZE_TIME: "size and time",
    Columns.PERMISSIONS: "permissions and owner",
}
_ALIASES = {"mtime": Columns.TIME, "mode": Columns.PERMISSIONS, "owner": Columns.PERMISSIONS}


def parse_columns(value: object) -> Columns:
    """`none`, `size`, `time`, `size_time` (or `size+time`), `permissions` (or `owner`)."""
    text = str(value).strip().lower()
    for separator in "+-, ":
        text = text.replace(separator, "_")
    text = "_".join(part for part in text.split("_") if part)
    if text in _ALIASES:
        return _ALIASES[text]
    try:
        return Columns(text)
    except ValueError:
        choices = ", ".join(mode.value for mode in Columns)
        raise ValueError(f"bad tree columns {value!r}: use one of {choices}") from None


def cells(
    entry: Entry,
    columns: Columns,
    *,
    folder_sizes: FolderSizes | None = None,
    owner_names: bool = True,
) -> str:
    """The row's cells, `columns.width` wide, each right-aligned; blank where not known.

    `owner_names`: uids are this machine's (local disk), so they have names here;
    a server's uids are shown as numbers, as another machine's names would lie.
    """
    if columns is Columns.NONE:
        return ""
    parts: list[str] = []
    if columns in (Columns.SIZE, Columns.SIZE_TIME):
        parts.append(_fit(_size(entry, folder_sizes), SIZE_WIDTH))
    if columns in (Columns.TIME, Columns.SIZE_TIME):
        parts.append(_fit(human_time(entry.mtime) if entry.mtime is not None else "", TIME_WIDTH))
    if columns is Columns.PERMISSIONS:
        parts.append(_fit(permissions(entry.mode) if entry.mode is not None else "", MODE_WIDTH))
        parts.append(_fit(_owner(entry.uid, owner_name, owner_names), OWNER_WIDTH))
        parts.append(_fit(_owner(entry.gid, group_name, owner_names), OWNER_WIDTH))
    return " ".join(parts)


def _size(entry: Entry, folder_sizes: FolderSizes | None) -> str:
    if entry.kind is Kind.FOLDER:
        # A folder's own st_size (4096 on most disks) says nothing about what it holds.
        size = folder_sizes(entry.path) if folder_sizes is not None else None
    elif entry.kind is Kind.FILE:
        size = entry.size
    else:
        size = None  # a device's or a broken link's size means nothing here
    if size is None:
        return ""
    return human_size(size)


def _owner(number: int | None, name_of: Callable[[int | None], str], names: bool) -> str:
    if number is None:
        return ""
    return safe_name(name_of(number)) if names else str(number)


def _fit(text: str, width: int) -> str:
    """Right-aligned in `width` cells; a longer text (an owner's name) ends in an ellipsis."""
    if text.isascii():
        if len(text) > width:
            return text[: width - 1] + "…"
        return text.rjust(width)
    # Rich on first use: the configuration imports this module at start-up.
    from rich.cells import cell_len, set_cell_size

    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    return " " * (width - length) + text
