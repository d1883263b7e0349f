"""The tree as data: listed folders, which are open, and the flat list of visible rows.

Headless so it can be tested without a screen; the widget only draws `rows`.
"""

from __future__ import annotations

import enum
import posixpath
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field
from typing import overload

from spyglass.fs.entry import Entry
from spyglass.fs.entry_columns import names_of, without_hidden
from spyglass.fs.natural_sort import natural_key
from spyglass.tree.fuzzy import AT_ONCE, SCAN_CHUNK, Filtered, FilterScan, narrowing_source


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
    entries: Sequence[Entry] = field(default_factory=list)
    loading: bool = True  # until the details are in
    ordered: bool = False  # every name is listed and sorted: no more rows will come
    error: str | None = None
    # entries without hidden names, kept so a rebuild does not filter 100,000 names again
    unhidden: Sequence[Entry] | None = None
    filtered: Filtered | None = None  # the filter's matches shown (all, or the first found)
    scan: FilterScan | None = None  # finding the rest of `filtered`, in a worker
    finished: Filtered | None = None  # the last whole answer: the next key narrows it
    # Before `ordered`, a huge folder may hold its last entries in final order too,
    # with `between` entries still to come between `entries` and `tail`.
    tail: Sequence[Entry] = ()
    between: int = 0
    unhidden_tail: Sequence[Entry] | None = None


class TreeModel:
    def __init__(self, root: Entry, *, show_hidden: bool = False) -> None:
        self.root = root
        self.show_hidden = show_hidden
        self.folders: dict[str, FolderState] = {}
        self.expanded: set[str] = {root.path}
        self.filter_folder: str | None = None
        self.filter_query = ""
        self.rows = RowList()
        self.rebuild()

    # listing results
    def start_loading(self, path: str) -> None:
        state = self.folders.setdefault(path, FolderState())
        state.loading = True
        state.ordered = False
        state.error = None

    def set_entries(
        self,
        path: str,
        entries: Sequence[Entry],
        *,
        done: bool,
        ordered: bool = False,
        tail: Sequence[Entry] = (),
        between: int = 0,
    ) -> None:
        """`ordered`: the entries are all the names, sorted (implied by `done`); before it,
        `tail` may hold the last ones, `between` entries after `entries`."""
        state = self.folders.setdefault(path, FolderState())
        state.entries = entries
        state.unhidden = None
        state.loading = not done
        state.ordered = ordered or done
        state.error = None
        state.tail, state.between, state.unhidden_tail = (
            ((), 0, None) if state.ordered else (tail, between, None)
        )

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
        state = self.folders.get(self.filter_folder) if self.filter_folder else None
        if state is not None:
            state.scan = None  # its matches are no longer wanted
        self.filter_folder = None
        self.filter_query = ""

    def visible_children(self, path: str) -> Sequence[Entry]:
        state = self.folders.get(path)
        if state is None:
            return []
        entries = state.entries
        if not self.show_hidden:
            if state.unhidden is None:
                state.unhidden = without_hidden(entries)
            entries = state.unhidden
        if self.filter_folder == path and self.filter_query:
            entries = self._filtered(state, entries, self.filter_query).matches
        return entries

    def visible_tail(self, path: str) -> Sequence[Entry]:
        """The last entries of a folder still loading, when known; none while it is filtered."""
        state = self.folders.get(path)
        if state is None or not state.tail or (self.filter_folder == path and self.filter_query):
            return ()
        if self.show_hidden:
            return state.tail
        if state.unhidden_tail is None:
            state.unhidden_tail = without_hidden(state.tail)
        return state.unhidden_tail

    def _filtered(self, state: FolderState, base: Sequence[Entry], query: str) -> Filtered:
        """The matches to show now: all of a small folder's; of a big one the first chunk's,
        and a scan (`pending_scan`) for a worker to find the rest."""
        shown = state.filtered
        if shown is not None and shown.base is base and shown.query == query:
            return shown
        scan = FilterScan(base, query, narrowing_source(base, query, state.finished, state.scan))
        scan.step(len(scan.source) if len(scan.source) <= AT_ONCE else SCAN_CHUNK)
        state.filtered = scan.result()
        state.scan = None if scan.done else scan
        if scan.done:
            state.finished = state.filtered
        return state.filtered

    def pending_scan(self, path: str) -> FilterScan | None:
        """The scan that would finish the filter shown in `path`, if it is not whole yet."""
        state = self.folders.get(path)
        if state is None or state.scan is None or self.filter_folder != path:
            return None
        return state.scan if state.scan.query == self.filter_query else None

    def finish_filter(self, path: str) -> None:
        """Find the rest of the filter's matches here and now (headless use; the app uses
        a worker)."""
        scan = self.pending_scan(path)
        if scan is not None:
            while not scan.step():
                pass
            self.scanned(path, scan, scan.result())
            self.rebuild()

    def scanned(self, path: str, scan: FilterScan, found: Filtered) -> bool:
        """More matches of `scan` (all of them once it is done); False when it no longer counts."""
        state = self.folders.get(path)
        if state is None or state.scan is not scan:
            return False
        state.filtered = found
        if scan.done:
            state.scan = None
            state.finished = found
        return True

    def rebuild(self) -> None:
        """Lay out the rows again: the cost grows with the open folders, not their entries."""
        rows = RowList()
        rows.add_row(Row(0, self.root), parent=None)
        self._append_children(self.root, 1, 0, rows)
        self.rows = rows

    def _append_children(self, folder: Entry, depth: int, parent: int, rows: RowList) -> None:
        """The rows under an open folder; its message rows carry it, so a key on them knows it."""
        path = folder.path
        if path not in self.expanded:
            return
        state = self.folders.get(path)
        if state is None:
            rows.add_row(Row(depth, folder, RowKind.LOADING, "loading…"), parent)
            return
        children = self.visible_children(path)
        if state.error and state.entries:
            # Above what was listed before it failed, where it is seen, not after 20,000 rows.
            kept = f"{len(state.entries):,} {'entry' if len(state.entries) == 1 else 'entries'}"
            message = f"{state.error} Showing the {kept} listed before."
            rows.add_row(Row(depth, folder, RowKind.ERROR, message), parent)
        self._append_entries(path, children, depth, parent, rows)
        tail = self.visible_tail(path)
        if state.error:
            if not state.entries:
                rows.add_row(Row(depth, folder, RowKind.ERROR, state.error), parent)
        elif tail and not state.ordered:
            message = f"loading… {state.between:,} more entries"
            rows.add_row(Row(depth, folder, RowKind.LOADING, message), parent)
            self._append_entries(path, tail, depth, parent, rows)
        elif state.loading and not state.ordered:
            message = f"loading… {len(state.entries):,} so far"
            rows.add_row(Row(depth, folder, RowKind.LOADING, message), parent)
        elif state.scan is not None and self.filter_folder == path and self.filter_query:
            message = f"filtering… {len(children):,} found so far"
            rows.add_row(Row(depth, folder, RowKind.LOADING, message), parent)
        elif not children:
            hidden = len(state.entries) - len(children)
            if self.filter_folder == path and self.filter_query:
                text = f"no match for {self.filter_query!r}"
            elif hidden:
                text = f"{hidden:,} hidden entries (toggle hidden files to show them)"
            else:
                text = "empty folder"
            rows.add_row(Row(depth, folder, RowKind.EMPTY, text), parent)

    def _append_entries(
        self, path: str, children: Sequence[Entry], depth: int, parent: int, rows: RowList
    ) -> None:
        """A run of a folder's entries, with the rows of its open subfolders under them."""
        opened = sorted(
            index
            for other in self.expanded
            if other != path and posixpath.dirname(other) == path
            for index in [_position(children, other)]
            if index is not None
        )
        done = 0
        for index in opened:
            rows.add_entries(depth, children, done, index + 1, parent)
            self._append_children(children[index], depth + 1, len(rows) - 1, rows)
            done = index + 1
        rows.add_entries(depth, children, done, len(children), parent)

    def index_of(self, path: str, hint: int = 0, sort_key: str | None = None) -> int | None:
        """Row index of an entry: at `hint`, by `sort_key` (a binary search), or by a scan.

        Without a key the scan makes a row per entry: give one for big folders.
        """
        rows = self.rows
        if 0 <= hint < len(rows):
            row = rows[hint]
            if row.kind is RowKind.ENTRY and row.entry.path == path:
                return hint
        if sort_key is not None:
            # Exact, so no scan after it: the name fixes the key but for its kind's
            # first character (folders first), which a refresh may have changed.
            other_kind = ("1" if sort_key[:1] == "0" else "0") + sort_key[1:]
            found = rows.find(path, sort_key)
            return found if found is not None else rows.find(path, other_kind)
        for index, row in enumerate(rows):
            if row.kind is RowKind.ENTRY and row.entry.path == path:
                return index
        return None

    def parent_row(self, index: int) -> int | None:
        return self.rows.parent_of(index)


def _position(children: Sequence[Entry], path: str) -> int | None:
    """Where an open folder is among its siblings: a binary search on its sort key."""
    key = "0" + natural_key(posixpath.basename(path.rstrip("/")))
    index = bisect_left(children, key, key=_sort_key)
    if index < len(children) and children[index].path == path:
        return index
    # Not where its name sorts (a link, a folder still loading): look it up by name, in C.
    try:
        index = names_of(children).index(posixpath.basename(path.rstrip("/")))
    except ValueError:
        return None
    return index if children[index].path == path else None


def _sort_key(entry: Entry) -> str:
    return entry.sort_key


@dataclass(slots=True)
class _Span:
    """Consecutive rows: a run of one folder's entries, or one single row."""

    start: int
    depth: int
    parent: int | None
    entries: Sequence[Entry] = ()
    first: int = 0
    stop: int = 0
    row: Row | None = None

    def __len__(self) -> int:
        return 1 if self.row is not None else self.stop - self.first


class RowList(SequenceABC[Row]):
    """The visible rows as spans over the folders' entry lists; rows are made on demand.

    A folder of 100,000 entries is one span, so laying out the tree, finding the
    cursor's entry and finding a row's parent do not walk every entry.
    """

    def __init__(self) -> None:
        self._spans: list[_Span] = []
        self._starts: list[int] = []
        self._length = 0

    def add_row(self, row: Row, parent: int | None) -> None:
        self._append(_Span(self._length, row.depth, parent, row=row))

    def add_entries(
        self, depth: int, entries: Sequence[Entry], first: int, stop: int, parent: int
    ) -> None:
        if stop > first:
            self._append(_Span(self._length, depth, parent, entries, first, stop))

    def _append(self, span: _Span) -> None:
        self._spans.append(span)
        self._starts.append(span.start)
        self._length += len(span)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        span = self._spans[bisect_right(self._starts, index) - 1]
        if span.row is not None:
            return span.row
        return Row(span.depth, span.entries[span.first + index - span.start])

    def __iter__(self) -> Iterator[Row]:
        for span in self._spans:
            if span.row is not None:
                yield span.row
            else:
                for position in range(span.first, span.stop):
                    yield Row(span.depth, span.entries[position])

    def parent_of(self, index: int) -> int | None:
        if not 0 <= index < self._length:
            return None
        return self._spans[bisect_right(self._starts, index) - 1].parent

    def find(self, path: str, sort_key: str) -> int | None:
        """The row of an entry, by binary search in each run of entries."""
        for span in self._spans:
            if span.row is not None:
                continue
            # Keys end with the exact name, so within a folder each is unique.
            position = bisect_left(span.entries, sort_key, span.first, span.stop, key=_sort_key)
            if position < span.stop and span.entries[position].path == path:
                return span.start + position - span.first
        return None
