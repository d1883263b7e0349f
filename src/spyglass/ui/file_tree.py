"""A virtual tree over any backend: one line of API per visible row, never a widget per entry."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.natural_sort import natural_key
from spyglass.keys import Scope
from spyglass.navigator import Navigator
from spyglass.place import Place, folder_name
from spyglass.tree.columns import GAP, MIN_NAME_CELLS, Columns, FolderSizes, cells
from spyglass.tree.fuzzy import Filtered, FilterScan
from spyglass.tree.listing import (
    Listing,
    ListingController,
    ListingFailure,
    ListingJob,
    ListingRequest,
    ListingResult,
)
from spyglass.tree.model import Row, RowKind, RowList, TreeModel
from spyglass.tree.prefetch import Prefetch
from spyglass.ui.bindings import tree_bindings
from spyglass.ui.job_worker import JobUpdated, JobWorker
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.tree_filter import finish_scan
from spyglass.ui.tree_row_text import root_text, row_text, with_cells
from spyglass.ui.virtual_size import set_virtual_size


class FileTree(LineStyleCache, ScrollView, can_focus=True):
    """Folders first, natural order, loaded in batches by a worker per folder.

    The navigator says which place is shown; the listing controller which
    results count. The widget draws rows and moves the cursor.
    """

    COMPONENT_CLASSES = {
        "file-tree--cursor",
        "file-tree--folder",
        "file-tree--file",
        "file-tree--link",
        "file-tree--special",
        "file-tree--hidden",
        "file-tree--message",
        "file-tree--error",
        "file-tree--root",
        "file-tree--marked",
        "file-tree--column",
    }

    DEFAULT_CSS = """
    FileTree {
        background: $surface;
    }
    FileTree > .file-tree--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    FileTree:blur > .file-tree--cursor {
        background: $block-cursor-blurred-background;
        text-style: none;
    }
    FileTree > .file-tree--folder { color: $accent; text-style: bold; }
    FileTree > .file-tree--file { color: $foreground; }
    FileTree > .file-tree--link { color: $secondary; text-style: italic; }
    FileTree > .file-tree--special { color: $warning; }
    FileTree > .file-tree--hidden { color: $foreground-muted; }
    FileTree > .file-tree--message { color: $foreground-muted; text-style: italic; }
    FileTree > .file-tree--error { color: $error; }
    FileTree > .file-tree--root { color: $primary; text-style: bold; }
    FileTree > .file-tree--marked { color: $success; text-style: bold; }
    FileTree > .file-tree--column { color: $foreground-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = tree_bindings()
    key_scope: ClassVar[Scope] = Scope.TREE  # which keys the key bar shows while focused

    class Highlighted(Message):
        """The cursor moved onto an entry."""

        def __init__(self, entry: Entry) -> None:
            self.entry = entry
            super().__init__()

    class Activated(Message):
        """Enter or click on a file: preview it now."""

        def __init__(self, entry: Entry) -> None:
            self.entry = entry
            super().__init__()

    class Chosen(Message):
        """Enter in picker mode (`--chooser-file`): the marked entries, or the highlighted one."""

        def __init__(self, entries: list[Entry]) -> None:
            self.entries = entries
            super().__init__()

    class Listed(Message):
        """A folder's entries so far, or its failure, are in the tree (a summary may show it)."""

        def __init__(self, listing: ListingResult) -> None:
            self.listing = listing
            super().__init__()

    def __init__(
        self,
        navigator: Navigator,
        *,
        show_hidden: bool = False,
        prefetch: Prefetch | None = None,
        columns: Columns = Columns.NONE,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._prefetch = prefetch
        self.navigator = navigator
        self._place = navigator.place
        self.model = TreeModel(_root_of(navigator), show_hidden=show_hidden)
        self._listings = ListingController(self.backend, self.model)
        self.cursor = 0
        self._focus_path = self._place.focus if self._place is not None else None
        self._focus_folder: str | None = None  # the folder `reveal` waits for; None: any
        self._focus_chain: tuple[str, ...] = ()  # and the folders on the way to it
        self._last_highlighted: str | None = None
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._scanning: FilterScan | None = None  # the filter scan a worker is finishing
        self.picking = False  # `--chooser-file`: Enter on a file chooses it
        self.marked: dict[str, Entry] = {}  # path -> entry, in the order marked
        # The widget outlives every place it shows: the columns chosen stay as they are.
        self.columns = columns
        self._folder_sizes: FolderSizes | None = None
        self._sizes_seen = 0  # counts set_folder_sizes calls: drawn rows of older sizes are stale
        self._frame_edge: int | None = None  # the columns' right edge, worked out once a frame

    @property
    def backend(self) -> Backend | None:
        """The backend of the place shown; None until the location is connected."""
        return self._place.backend if self._place is not None else None

    @property
    def root_label(self) -> str:
        return self._place.shown if self._place is not None else self.navigator.label

    # lifecycle
    def on_mount(self) -> None:
        prefetch, self._prefetch = self._prefetch, None
        root = self.model.root.path
        if prefetch is not None and prefetch.path == root and prefetch.take(timeout=0):
            self._use_prefetch(prefetch)
            return
        self._refresh_rows()
        if prefetch is not None and prefetch.path == root:
            self._await_prefetch(prefetch)
        else:
            self.load_folder(root)

    def _use_prefetch(self, prefetch: Prefetch) -> None:
        """The first batch, listed during start-up, goes straight into the first frame."""
        rest = self._listings.adopt(prefetch)
        self._refresh_rows()
        self._apply_focus(done=rest is None)
        if rest is not None:
            self._run_listing(rest)

    @work(thread=True, group="listing", exit_on_error=False)
    def _await_prefetch(self, prefetch: Prefetch) -> None:
        if prefetch.take():
            self.app.call_from_thread(self._use_prefetch, prefetch)

    @property
    def rows(self) -> RowList:
        return self.model.rows

    @property
    def cursor_entry(self) -> Entry | None:
        rows = self.model.rows
        if 0 <= self.cursor < len(rows) and rows[self.cursor].kind is RowKind.ENTRY:
            return rows[self.cursor].entry
        return None

    def show_place(self) -> None:
        """Show the navigator's current place as the top node."""
        for worker in self.workers:
            worker.cancel()
        previous = self.backend
        self._place = self.navigator.place
        if self.backend is not previous:
            self.marked.clear()  # marks are paths of the backend they were made in
        self.model = TreeModel(_root_of(self.navigator), show_hidden=self.model.show_hidden)
        self._listings.reset(self.backend, self.model)
        self.cursor = 0
        self._focus_path = self._place.focus if self._place is not None else None
        self._focus_folder, self._focus_chain = None, ()
        self._last_highlighted = None
        self.scroll_to(0, 0, animate=False)
        self._refresh_rows()
        self.load_folder(self.model.root.path)

    # listing
    def load_folder(self, path: str, *, refresh: bool = False) -> None:
        request = self._listings.request(path, refresh=refresh)
        if request is not None:
            self._run_listing(request)
            # The folder's summary now comes from this listing: the preview pane stops
            # listing it a second time (a folder of 1,000,000 costs seconds).
            self.post_message(self.Listed(Listing(path, [], False, request.generation, False)))

    def _run_listing(self, request: ListingRequest) -> None:
        # One worker per folder: several may be listed at once. Their snapshots are
        # paced by the listing itself, so the job passes each one on at once.
        JobWorker[ListingResult](self, "listing", interval=0).start(ListingJob(request))

    def on_job_updated(self, message: JobUpdated[ListingResult]) -> None:
        for listing in message.update.results:
            if self._listings.accept(listing):  # else a stale one, from before a refresh
                self._show_listing(listing)

    def _show_listing(self, listing: ListingResult) -> None:
        self._refresh_rows()
        self.post_message(self.Listed(listing))
        if isinstance(listing, ListingFailure):
            return
        # Listings end in any order: the entry has a row only once every folder on
        # the way to it is listed, so `reveal` gives up only after all of them.
        waited_for = self._focus_folder is None or all(
            self._listed(folder) for folder in self._focus_chain
        )
        self._apply_focus(done=listing.done and waited_for)
        entry = self.cursor_entry
        if (
            listing.done
            and entry is not None
            and listing.path in (entry.path, self._parent_path(self.cursor))
        ):
            # sizes and times may have arrived after the names: show them
            self._last_highlighted = None
            self._announce()

    def _apply_focus(self, *, done: bool) -> None:
        """Put the cursor on the entry given on the command line, once it is listed."""
        if self._focus_path is not None:
            name = self._focus_path.rstrip("/").rsplit("/", 1)[-1]
            # by its key, a binary search: a scan would make a row per entry of a big folder
            index = self.model.index_of(self._focus_path, sort_key="1" + natural_key(name))
            if index is not None:
                self.move_cursor(index)
                self._focus_path = None
        if done:
            self._focus_path = None
        if self._focus_path is None:
            self._focus_folder, self._focus_chain = None, ()

    def _listed(self, folder: str) -> bool:
        state = self.model.folders.get(folder)
        return state is not None and state.ordered

    def reveal(self, path: str) -> bool:
        """Open the folders down to `path` and put the cursor on it, once it is listed.

        False when `path` is not under the root shown. The folders on the way
        are listed in workers; the cursor moves when the last one has it.
        """
        backend = self.backend
        if backend is None:
            return False
        root = self.model.root.path
        if path == root:
            self.move_cursor(0)
            return True
        folders: list[str] = []
        folder = backend.parent(path)
        while folder != root:
            parent = backend.parent(folder)
            if parent == folder or len(folders) > 4096:
                return False  # reached the top without passing the root
            folders.append(folder)
            folder = parent
        for folder in reversed(folders):
            self.model.expand(folder)
            if not self.model.is_listed(folder):
                self.load_folder(folder)
        waited_for = folders[0] if folders else root
        self._focus_path, self._focus_folder = path, waited_for
        self._focus_chain = (waited_for, *folders)
        self._refresh_rows()
        self._apply_focus(done=False)
        state = self.model.folders.get(waited_for)
        if self._focus_path is not None and state is not None and state.ordered:
            self._focus_path = self._focus_folder = None  # listed, and it is not there
            return False
        return True

    # rows
    def _refresh_rows(self) -> None:
        """Rebuild the flat rows, keeping the cursor on the same entry and screen line."""
        previous = self.cursor_entry
        old_cursor = self.cursor
        self.model.rebuild()
        # The new size first: a scroll past the old end would be cut short.
        self._set_virtual_height(len(self.model.rows))
        if previous is not None:
            index = self.model.index_of(previous.path, old_cursor, previous.sort_key)
            if index is not None and index != old_cursor:
                self.cursor = index
                self.scroll_to(
                    y=self.scroll_y + (index - old_cursor), animate=False, immediate=True
                )
        self.cursor = max(0, min(self.cursor, len(self.model.rows) - 1))
        self.refresh()
        self._announce()
        self._finish_filter()

    def _finish_filter(self) -> None:
        """A big folder's filter shows its first matches: a worker finds the rest."""
        folder = self.model.filter_folder
        scan = self.model.pending_scan(folder) if folder is not None else None
        if scan is not None and scan is not self._scanning and folder is not None:
            self._scanning = scan
            finish_scan(self, folder, scan, self._filter_scanned)
        elif scan is None and self._scanning is not None:
            self._scanning = None  # cleared, or done: a scan still running is not wanted
            self.workers.cancel_group(self, "filter")

    def _filter_scanned(self, path: str, scan: FilterScan, found: Filtered) -> None:
        if self.model.scanned(path, scan, found):
            self._refresh_rows()

    def _set_virtual_height(self, rows: int) -> None:
        set_virtual_size(self, Size(self._content_width(), rows))

    def _content_width(self) -> int:
        return max(self.size.width, 20)

    def refresh_view(self) -> None:
        self._refresh_rows()

    # cursor
    def move_cursor(self, index: int) -> None:
        rows = self.model.rows
        if not rows:
            return
        index = max(0, min(index, len(rows) - 1))
        top = int(self.scroll_offset.y)
        if index == self.cursor and top <= index < top + self.size.height:
            return  # End held at the end: no repaint per press, so no keys queue up
        self.cursor = index
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        entry = self.cursor_entry
        key = entry.path if entry else None
        if entry is not None and key != self._last_highlighted:
            self._last_highlighted = key
            self.post_message(self.Highlighted(entry))

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.size.height - 1))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.size.height - 1))

    def action_half_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.size.height // 2))

    def action_half_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.size.height // 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.model.rows) - 1)

    def toggle(self, entry: Entry) -> None:
        if not entry.is_folder:
            return
        if self.model.is_expanded(entry.path) and entry is not self.model.root:
            self.model.collapse(entry.path)
        else:
            self.expand_folder(entry)
        self._refresh_rows()

    def expand_folder(self, entry: Entry) -> None:
        self.model.expand(entry.path)
        if not self.model.is_listed(entry.path):
            self.load_folder(entry.path)

    def action_collapse_or_parent(self) -> None:
        entry = self.cursor_entry
        if (
            entry is not None
            and entry.is_folder
            and entry is not self.model.root
            and self.model.is_expanded(entry.path)
        ):
            self.model.collapse(entry.path)
            self._refresh_rows()
            return
        parent = self.model.parent_row(self.cursor)
        if parent is not None:
            self.move_cursor(parent)

    def action_expand_or_preview(self) -> None:
        entry = self.cursor_entry
        if entry is None:
            return
        if entry.is_folder:
            if not self.model.is_expanded(entry.path):
                self.expand_folder(entry)
                self._refresh_rows()
            elif self.cursor + 1 < len(self.model.rows):
                self.move_cursor(self.cursor + 1)
        else:
            self.post_message(self.Activated(entry))

    def action_activate(self) -> None:
        entry = self.cursor_entry
        if entry is None:
            return
        if entry.is_folder:
            self.toggle(entry)
        else:
            self.post_message(self.Activated(entry))

    def action_mark(self) -> None:
        entry = self.cursor_entry
        if entry is None:
            return
        if self.marked.pop(entry.path, None) is None:
            self.marked[entry.path] = entry
        self.refresh()
        self.move_cursor(self.cursor + 1)

    def _choosing(self) -> bool:
        entry = self.cursor_entry
        return self.picking and entry is not None and (bool(self.marked) or not entry.is_folder)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Both are on Enter: in picker mode a file (or the marks) is chosen, else opened.
        if action == "choose":
            return self._choosing()
        if action == "activate":
            return not self._choosing()
        return True

    def action_choose(self) -> None:
        entry = self.cursor_entry
        if entry is not None:
            self.post_message(self.Chosen(list(self.marked.values()) or [entry]))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y + event.y)
        if 0 <= index < len(self.model.rows):
            already = index == self.cursor
            self.move_cursor(index)
            entry = self.cursor_entry
            if entry is not None and (entry.is_folder or already):
                self.action_activate()

    def refresh_listings(self) -> None:
        """List every open folder again (the `r` key)."""
        for path in list(self.model.expanded):
            if path == self.model.root.path or self.model.is_listed(path):
                self.load_folder(path, refresh=True)
        self._refresh_rows()

    def set_show_hidden(self, show: bool) -> None:
        self.model.show_hidden = show
        self._refresh_rows()

    def current_folder(self) -> str:
        """The folder whose entries the cursor is among (the filter applies to it)."""
        row = self.model.rows[self.cursor] if self.model.rows else None
        if row is None or self.cursor == 0:
            return self.model.root.path
        if row.kind is not RowKind.ENTRY:
            return row.entry.path
        parent = self.model.parent_row(self.cursor)
        return self.model.rows[parent].entry.path if parent is not None else self.model.root.path

    def set_filter(self, folder: str, query: str) -> None:
        self.model.set_filter(folder, query)
        self._refresh_rows()
        if query:
            first = self._first_row_in(folder)
            if first is not None:
                self.move_cursor(first)

    def _first_row_in(self, folder: str) -> int | None:
        for index, row in enumerate(self.model.rows):
            if row.kind is RowKind.ENTRY and index > 0 and self._parent_path(index) == folder:
                return index
        return None

    def _parent_path(self, index: int) -> str | None:
        parent = self.model.parent_row(index)
        return self.model.rows[parent].entry.path if parent is not None else None

    # columns
    def cycle_columns(self) -> Columns:
        """The next set of columns (`,`): none, size, time, size and time, permissions."""
        self.columns = self.columns.next
        self.refresh()
        return self.columns

    def set_columns(self, columns: Columns) -> None:
        self.columns = columns
        self.refresh()

    @property
    def columns_fit(self) -> bool:
        """Whether the tree is wide enough for its columns beside a short name."""
        edge = self.scrollable_content_region.width or self.size.width
        return edge - GAP - self.columns.width >= MIN_NAME_CELLS

    def set_folder_sizes(self, lookup: FolderSizes | None) -> None:
        """Folders' sizes for the size column, from whatever counted them; call again when
        it knows more. Only the rows on screen ask `lookup`, when they are drawn."""
        self._folder_sizes = lookup
        self._sizes_seen += 1
        self.refresh()

    # drawing
    def render_lines(self, crop: Region) -> list[Strip]:
        # 4 µs a line otherwise: the scrollbar's gutter is worked out from the styles
        self._frame_edge = self.scrollable_content_region.width or self.size.width
        try:
            return super().render_lines(crop)
        finally:
            self._frame_edge = None

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        rows = self.model.rows
        width = self.size.width
        if index >= len(rows):
            return Strip.blank(width, self.line_style)
        row = rows[index]
        scroll_x = int(self.scroll_offset.x)
        # Rows are drawn again on every frame while a folder loads; most are unchanged.
        entry = row.entry
        key: tuple[object, ...] = (
            entry.path,
            entry.kind,
            entry.link_target,
            entry.error,
            row.kind,
            row.message,
            row.depth,
            index == 0,
            index == self.cursor,
            self.model.is_expanded(row.entry.path),
            width,
            scroll_x,
            self.has_focus,
            entry.path in self.marked,
            self.columns,
        )
        edge = width
        if self.columns is not Columns.NONE:
            # Right-aligned at the edge the scrollbar leaves, not under it.
            edge = self._frame_edge or self.scrollable_content_region.width or width
            # details come after the names in a big folder: a row is drawn again when they do
            details = (entry.size, entry.mtime, entry.mode, entry.uid, entry.gid)
            key += (*details, self._sizes_seen, edge)
        strip = self._strips.get(key)
        if strip is None:
            text = self._row_text(row, index, edge)
            if index == self.cursor:
                text.stylize(self.get_component_rich_style("file-tree--cursor"))
                text.pad_right(max(0, width - text.cell_len))
            segments = list(text.render(self.app.console))
            strip = Strip(segments).crop(scroll_x, scroll_x + width)
            strip = strip.extend_cell_length(width, self.line_style).apply_style(self.line_style)
            if len(self._strips) > 4096:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _row_text(self, row: Row, index: int, edge: int) -> Text:
        if index == 0:
            return root_text(self.root_label, self.get_component_rich_style)
        expanded = self.model.is_expanded(row.entry.path)
        marked = row.kind is RowKind.ENTRY and row.entry.path in self.marked
        text = row_text(row, expanded, self.get_component_rich_style, marked=marked)
        if self.columns is Columns.NONE or row.kind is not RowKind.ENTRY:
            return text
        backend = self.backend
        shown = cells(
            row.entry,
            self.columns,
            folder_sizes=self._folder_sizes,
            owner_names=backend is None or backend.capabilities.local_paths,
        )
        return with_cells(text, shown, edge, self.get_component_rich_style("file-tree--column"))

    def notify_style_update(self) -> None:
        self._strips.clear()  # a theme change recolours every row
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self._content_width(), len(self.model.rows))


def _root_of(navigator: Navigator) -> Entry:
    """The top node; its kind is known to be a folder, so no stat on the UI thread."""
    place: Place | None = navigator.place
    if place is None:
        path = navigator.location.path
        return Entry(folder_name(path), path, Kind.FOLDER)
    return Entry(place.name, place.root, Kind.FOLDER)
