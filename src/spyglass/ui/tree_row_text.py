"""How one row of the tree reads: indent, icon, name, link target, problem, columns."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from spyglass.fs.entry import Kind
from spyglass.safe_text import safe_name
from spyglass.tree.columns import GAP, MIN_NAME_CELLS
from spyglass.tree.model import Row, RowKind

# (closed, open) icon per kind
_ICONS = {
    Kind.FOLDER: ("▸ ", "▾ "),
    Kind.FILE: ("  ", "  "),
    Kind.SYMLINK: ("⚠ ", "⚠ "),
}
_SPECIAL_MARK = "◆ "
_MARKED = "✓ "  # in the icon's place: the row keeps its width

StyleOf = Callable[[str], Style]


def root_text(label: str, style: StyleOf) -> Text:
    return Text("▾ " + safe_name(label), style=style("file-tree--root"), no_wrap=True)


def row_text(row: Row, expanded: bool, style: StyleOf, *, marked: bool = False) -> Text:
    """Names are untrusted: they go in as plain text with control characters escaped."""
    indent = "  " * row.depth
    if row.kind in (RowKind.LOADING, RowKind.EMPTY):
        return Text(f"{indent}  {row.message}", style=style("file-tree--message"), no_wrap=True)
    if row.kind is RowKind.ERROR:
        return Text(f"{indent}✗ {row.message}", style=style("file-tree--error"), no_wrap=True)
    entry = row.entry
    if entry.kind.is_special:
        icon, part = _SPECIAL_MARK, "file-tree--special"
    elif entry.error:
        icon, part = "⚠ ", "file-tree--error"
    else:
        icon = _ICONS.get(entry.kind, ("  ", "  "))[1 if expanded else 0]
        part = "file-tree--folder" if entry.is_folder else "file-tree--file"
    name_style = style(part)
    if entry.is_hidden:
        name_style += style("file-tree--hidden")
    if marked:
        icon = _MARKED
        name_style += style("file-tree--marked")
    text = Text(indent, no_wrap=True, end="")
    text.append(icon, style("file-tree--marked") if marked else None)
    text.append(safe_name(entry.name) + ("/" if entry.is_folder else ""), name_style)
    if entry.is_link:
        text.append(" → " + safe_name(entry.link_target or "?"), style("file-tree--link"))
    if entry.error:
        text.append(f"  ({entry.error})", style("file-tree--error"))
    return text


def with_cells(text: Text, cells: str, width: int, style: Style) -> Text:
    """The row with its columns at the right edge of `width`; a long name is cut to fit.

    In a tree too narrow for both, the name wins and the columns are left out.
    """
    room = width - GAP - cell_len(cells)
    if not cells or room < MIN_NAME_CELLS:
        return text
    if text.cell_len > room:
        text.truncate(room, overflow="ellipsis")
    text.pad_right(width - cell_len(cells) - text.cell_len)
    text.append(cells, style)
    return text
