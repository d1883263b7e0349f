"""The tree as data: listed folders, which are open, and the flat list of visible rows.

Headless so it can be tested without a screen; the widget only draws `rows`.
"""

from __future__ import annotations

import enum
import posixpath
from dataclasses import dataclass, field

from spyglass.fs.entry import Entry
from spyglass.fuzzy import matcher


class RowKind(enum.Enum):
    ENTRY = "entry"
    LOADING = "loading"
    ERROR = "error"
    EMPTY = "empty"


@dataclass(slots=True)
class Row:
    depth: int
    entry: Entry  # for message rows, the folder the message is about
    kind: RowKind = RowKind.ENTRY
    message: str = ""


@dataclass
class FolderState:
    entries: list[Entry] = field(default_factory=list)
    loading: bool = True
    error: str | None = None
    # entries without hidden names, kept so a rebuild does not filter 100,000 names again
    unhidden: list[Entry] | None = None


class TreeModel:
    def __init__(self, root: Entry, *, show_hidden: bool = False) -> None:
        self.root = root
        self.show_hidden = show_hidden
        self.folders: dict[str, FolderState] = {}
        self.expanded: set[str] = {root.path}
        self.filter_folder: str | None = None
        self.filter_query = ""
        self.rows: list[Row] = []
        self.rebuild()

    # listing results
    def start_loading(self, path: str) -> None:
        state = self.folders.setdefault(path, FolderState())
        state.loading = True
        state.error = None

    def set_entries(self, path: str, entries: list[Entry], *, done: bool) -> None:
        state = self.folders.setdefault(path, FolderState())
        state.entries = entries
        state.unhidden = None
        state.loading = not done
        state.error = None

    def set_error(self, path: str, message: str) -> None:
        state = self.folders.setdefault(path, FolderState())
        state.loading = False
        state.error = message

    def is_listed(self, path: str) -> bool:
        return path in self.folders

    # opening and closing
    def expand(self, path: str) -> None:
        self.expanded.add(path)

    def collapse(self, path: str) -> None:
        self.expanded.discard(path)
        if self.filter_folder == path:
            self.clear_filter()

    def is_expanded(self, path: str) -> bool:
        return path in self.expanded

    # filter
    def set_filter(self, folder: str, query: str) -> None:
        self.filter_folder = folder
        self.filter_query = query

    def clear_filter(self) -> None:
        self.filter_folder = None
        self.filter_query = ""

    def visible_children(self, path: str) -> list[Entry]:
        state = self.folders.get(path)
        if state is None:
            return []
        entries = state.entries
        if not self.show_hidden:
            if state.unhidden is None:
                state.unhidden = [entry for entry in entries if not entry.is_hidden]
            entries = state.unhidden
        if self.filter_folder == path and self.filter_query:
            matches = matcher(self.filter_query)
            entries = [entry for entry in entries if matches(entry.name)]
        return entries

    def rebuild(self) -> None:
        rows: list[Row] = [Row(0, self.root)]
        self._append_children(self.root, 1, rows)
        self.rows = rows

    def _append_children(self, folder: Entry, depth: int, rows: list[Row]) -> None:
        """The rows under an open folder; its message rows carry it, so a key on them knows it."""
        path = folder.path
        if path not in self.expanded:
            return
        state = self.folders.get(path)
        if state is None:
            rows.append(Row(depth, folder, RowKind.LOADING, "loading…"))
            return
        children = self.visible_children(path)
        open_here = {
            other for other in self.expanded if other != path and posixpath.dirname(other) == path
        }
        if not open_here:
            rows.extend([Row(depth, entry) for entry in children])
        else:
            for entry in children:
                rows.append(Row(depth, entry))
                if entry.path in open_here and entry.is_folder:
                    self._append_children(entry, depth + 1, rows)
        if state.error:
            rows.append(Row(depth, folder, RowKind.ERROR, state.error))
        elif state.loading:
            rows.append(
                Row(depth, folder, RowKind.LOADING, f"loading… {len(state.entries):,} so far")
            )
        elif not children:
            hidden = len(state.entries) - len(children)
            if self.filter_folder == path and self.filter_query:
                text = f"no match for {self.filter_query!r}"
            elif hidden:
                text = f"{hidden:,} hidden entries (toggle hidden files to show them)"
            else:
                text = "empty folder"
            rows.append(Row(depth, folder, RowKind.EMPTY, text))

    def index_of(self, path: str, hint: int = 0) -> int | None:
        """Row index of an entry, looking near `hint` first (cursor stays put while loading)."""
        rows = self.rows
        if (
            0 <= hint < len(rows)
            and rows[hint].kind is RowKind.ENTRY
            and rows[hint].entry.path == path
        ):
            return hint
        for index, row in enumerate(rows):
            if row.kind is RowKind.ENTRY and row.entry.path == path:
                return index
        return None

    def parent_row(self, index: int) -> int | None:
        depth = self.rows[index].depth
        for candidate in range(index - 1, -1, -1):
            if self.rows[candidate].depth < depth:
                return candidate
        return None
