"""The Textual app: wires the tree, the preview pane, the info bar and the keys."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from spyglass.config import Config
from spyglass.errors import cause_of
from spyglass.fs.archives import archive_kind
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.fs.host_keys import set_host_key_prompt
from spyglass.keys import help_rows, sequence_starts
from spyglass.location import Location
from spyglass.navigator import Navigator, State
from spyglass.previews.preview_options import options_from
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox
from spyglass.secrets import mask_text
from spyglass.sizes.index import SizeIndex
from spyglass.tree.prefetch import Prefetch
from spyglass.ui import collector
from spyglass.ui.bindings import app_bindings
from spyglass.ui.file_tree import FileTree
from spyglass.ui.info_bar import InfoBar
from spyglass.ui.key_bar import KeyBar
from spyglass.ui.key_sequences import Continuation, KeySequences
from spyglass.ui.location_prompt import LocationPrompt
from spyglass.ui.pick_flow import PickFlow
from spyglass.ui.place_flow import PlaceFlow
from spyglass.ui.preview_pane import PreviewPane
from spyglass.ui.quitting import never_wait_for_workers
from spyglass.ui.search_flow import LineTarget, SearchFlow

if TYPE_CHECKING:
    from spyglass.fs.download import DownloadResult
    from spyglass.ui.edit_flow import EditFlow
    from spyglass.ui.search_panel import SearchPanel
    from spyglass.ui.search_prompt import SearchForm

log = logging.getLogger(__name__)
PREVIEW_DEBOUNCE = 0.08


class SpyglassApp(PlaceFlow, SearchFlow, App[None]):
    CSS_PATH = Path(__file__).with_name("spyglass.tcss")
    TITLE = "spyglass"
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()

    def __init__(
        self,
        location: Location,
        config: Config | None = None,
        prefetch: Prefetch | None = None,
        *,
        choosing: bool = False,
    ) -> None:
        super().__init__()
        self._prefetch = prefetch
        self.navigator = Navigator(location)
        self.config = config or Config()
        # The app's own decoding children: killed on quit, never shared with another app.
        self.sandbox = Sandbox(self.config.decode_limits)
        self._preview_timer: Timer | None = None
        self._pending_entry: Entry | None = None
        self._filter_folder = location.path
        self._host_key_questions: list[threading.Event] = []
        self._edits: EditFlow | None = None  # made on the first `e`: slow to import
        self._unknown_theme: str | None = None
        self._search_panel: SearchPanel | None = None  # mounted on the first search
        self._search_forms: dict[bool, SearchForm] = {}  # the last name / content search
        self._goto: LineTarget | None = None  # a content match the next preview points at
        self.picks = PickFlow(self, choosing=choosing)  # --cwd-file, --chooser-file
        self._sequences = KeySequences(self, sequence_starts(self.config.keys), self._pending)
        self.size_index = SizeIndex()  # folder sizes counted with `D`, for whoever shows sizes
        if self.config.theme != self.theme:  # setting the default again would restyle for nothing
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self._unknown_theme = self.config.theme

    # layout
    def compose(self) -> ComposeResult:
        # Kept as attributes: messages from workers may arrive before all are mounted.
        self._location_bar = Static(id="location-bar", markup=False)
        self._tree = self._make_tree()
        self._filter_input = Input(id="filter", placeholder="filter this folder (Esc clears)")
        self._preview_pane = PreviewPane(
            max_bytes=self.config.max_preview_bytes,
            theme=self.config.syntax_theme,
            options=options_from(self.config),
            sandbox=self.sandbox,
            id="preview",
        )
        self._info_bar = InfoBar(id="info")
        self._key_bar = KeyBar(id="keys")
        yield self._location_bar
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield self._tree
            yield self._preview_pane
        yield self._info_bar
        yield self._key_bar

    def _make_tree(self) -> FileTree:
        tree = FileTree(
            self.navigator,
            show_hidden=self.config.hidden,
            prefetch=self._prefetch,
            columns=self.config.tree_columns,
            id="tree",
        )
        tree.picking = self.picks.choosing
        return tree

    async def on_event(self, event: events.Event) -> None:
        # Key sequences (`g g`) first: Textual's bindings are single keys.
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and await self._sequences.handle(event)
        ):
            return
        await super().on_event(event)

    def _pending(self, first: str | None, then: list[Continuation]) -> None:
        self._key_bar.show_pending(first, [(c.label, c.binding.binding.description) for c in then])

    async def action_quit(self) -> None:
        self.picks.quitting()
        self.exit()

    def action_quit_now(self) -> None:
        """Ctrl-C, as in any terminal program: workers are left behind, not waited for."""
        self.picks.quitting()
        self.exit()

    def on_file_tree_chosen(self, message: FileTree.Chosen) -> None:
        self.picks.choose(message.entries)

    def action_help(self) -> None:
        from spyglass.ui.help_screen import HelpScreen

        if len(self.screen_stack) == 1:  # the explorer's keys, not a prompt's
            self.push_screen(HelpScreen(help_rows(self.config.keys)))

    def action_open_file(self) -> None:
        from spyglass.ui.open_flow import open_with_desktop

        here = self._cursor_entry()
        if here is not None:
            open_with_desktop(self, *here)

    def on_load(self) -> None:
        never_wait_for_workers()

    def on_mount(self) -> None:
        if self._unknown_theme is not None:
            themes = ", ".join(sorted(self.available_themes))
            self.notify(
                f"Unknown theme {self._unknown_theme!r}; available: {themes}.",
                severity="warning",
                markup=False,
            )
        set_host_key_prompt(self._ask_about_host_key)
        self.set_keymap(self.config.keys)
        self.call_after_refresh(collector.resume)
        # The first decoding child starts once the first frame is out, not before it.
        self.call_after_refresh(self.sandbox.warm)
        self._show_location()
        self._tree.focus()
        if self.navigator.state is State.CONNECTING:
            self._connect(self.navigator.go(self.navigator.location))

    @property
    def file_tree(self) -> FileTree:
        return self._tree

    @property
    def preview_pane(self) -> PreviewPane:
        return self._preview_pane

    def _show_location(self) -> None:
        tree = self.file_tree
        bar = Text(no_wrap=True, overflow="ellipsis")
        bar.append(" spyglass ", "bold reverse")
        bar.append("  ")
        bar.append(safe_name(mask_text(self.navigator.label)))
        if tree.model.show_hidden:
            bar.append("   (hidden files shown)", "dim")
        self._location_bar.update(bar)

    def on_unmount(self) -> None:
        self.sandbox.close()  # a decode still running is killed, not waited for
        set_host_key_prompt(None)
        for waiting in self._host_key_questions:
            waiting.set()  # nobody will answer now: the worker refuses the key and ends

    # events from the tree
    def on_file_tree_highlighted(self, message: FileTree.Highlighted) -> None:
        self._info_bar.show_entry(message.entry)
        self._pending_entry = message.entry
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DEBOUNCE, self._preview_pending)

    def on_file_tree_activated(self, message: FileTree.Activated) -> None:
        if archive_kind(message.entry.name):
            request = self.navigator.open_archive(message.entry)
            if request is not None:
                self._open_archive(request)
                return
        self._pending_entry = message.entry
        self._preview_pending()

    def on_file_tree_listed(self, message: FileTree.Listed) -> None:
        entry = self.file_tree.cursor_entry
        if entry is not None and entry.is_folder and entry.path == message.listing.path:
            self._preview(entry)

    def _preview_pending(self) -> None:
        self._preview_timer = None
        entry = self._pending_entry
        if entry is not None:
            self._preview(entry)

    def _preview(self, entry: Entry) -> None:
        tree = self.file_tree
        pane = self.preview_pane
        backend = tree.backend
        if backend is None:
            return
        state = tree.model.folders.get(entry.path) if entry.is_folder else None
        if state is not None:  # the tree's listing says it all: no second listing
            from spyglass.previews.loader import failed_folder, summarize_folder  # on first use

            shown = safe_name(backend.display(entry.path))
            from spyglass.previews.dataset_files import looks_like_dataset

            if state.error is not None:
                pane.show_static(entry, failed_folder(state.error, state.entries))
            elif not state.loading and looks_like_dataset(state.entries):
                pane.show_entry(backend, entry, listing=state.entries)  # read as one table
            else:
                summary = summarize_folder(shown, state.entries, complete=not state.loading)
                pane.show_static(entry, summary)
            return
        pane.show_entry(backend, entry)

    def _cursor_entry(self) -> tuple[Backend, Entry] | None:
        """The entry under the cursor and the backend it is in; None before connecting."""
        backend, entry = self.file_tree.backend, self.file_tree.cursor_entry
        return (backend, entry) if backend is not None and entry is not None else None

    # actions
    def action_refresh(self) -> None:
        retry = self.navigator.retry()
        if retry is not None:  # the location itself failed to open: try again
            self._connect(retry)
            return
        self.file_tree.refresh_listings()
        entry = self.file_tree.cursor_entry
        if entry is not None:
            self._preview(entry)

    def action_toggle_hidden(self) -> None:
        tree = self.file_tree
        tree.set_show_hidden(not tree.model.show_hidden)
        self._show_location()

    def action_cycle_columns(self) -> None:
        columns = self.file_tree.cycle_columns()
        narrow = "" if self.file_tree.columns_fit else " (the tree is too narrow to show them)"
        self.clear_notifications()  # pressed again: the new choice replaces the old message
        self.notify(f"Tree columns: {columns.label}{narrow}.", timeout=2, markup=False)

    async def action_filter(self) -> None:
        tree = self.file_tree
        filter_input = self._filter_input
        if not filter_input.is_mounted:
            # Mounted on first use: one widget less to build at start-up.
            await self.query_one("#left").mount(filter_input)
        self._filter_folder = tree.current_folder()
        filter_input.add_class("-active")
        filter_input.value = (
            tree.model.filter_query if tree.model.filter_folder == self._filter_folder else ""
        )
        filter_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        if event.value != event.input.value:
            return  # typed on since: the change for the newer text is on its way
        self.file_tree.set_filter(self._filter_folder, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            if not event.value:
                event.input.remove_class("-active")
            self.file_tree.focus()

    def _clear_filter(self) -> bool:
        filter_input = self._filter_input
        if not filter_input.has_class("-active") and not self.file_tree.model.filter_query:
            return False
        if filter_input.is_mounted:
            filter_input.value = ""
        filter_input.remove_class("-active")
        self.file_tree.model.clear_filter()
        self.file_tree.refresh_view()
        self.file_tree.focus()
        return True

    def action_cancel(self) -> None:
        if self._clear_filter():
            return
        if self.preview_pane.cancel():
            return
        if self._search_panel is not None and self._search_panel.stop():
            return
        self.workers.cancel_group(self.file_tree, "listing")

    def action_goto(self) -> None:
        place = self.navigator.place
        current = place.backend.display(place.root) if place else self.navigator.location.label

        def opened(text: str | None) -> None:
            if text:
                self.open_location(text)

        self.push_screen(LocationPrompt(mask_text(current)), opened)

    def action_set_root(self) -> None:
        entry = self.file_tree.cursor_entry
        if entry is None or self.file_tree.cursor == 0:
            return
        if self.navigator.set_root(entry) is not None:
            self._show_place()

    def action_root_up(self) -> None:
        if self.navigator.place is None:
            return
        if self.navigator.up() is None:
            self.notify("Already at the top of this filesystem.", markup=False)
            return
        self._show_place()

    def action_switch_focus(self) -> None:
        if isinstance(self.focused, Input):
            self.file_tree.focus()
            return
        view = self.preview_pane.active_view
        results = self._search_panel.results_list if self._search_panel is not None else None
        if results is not None and not self._search_panel_shown:
            results = None
        if self.focused is self.file_tree and view is not None:
            view.focus()
        elif results is not None and self.focused is not results:
            results.focus()
        else:
            self.file_tree.focus()

    def action_line_numbers(self) -> None:
        view = self.preview_pane.text_view
        view.show_line_numbers = not view.show_line_numbers

    def action_soft_wrap(self) -> None:
        view = self.preview_pane.text_view
        view.soft_wrap = not view.soft_wrap

    def action_follow(self) -> None:
        if not self.preview_pane.toggle_follow():
            self.notify("Only a text preview can be followed.", severity="warning", markup=False)

    def action_sizes(self) -> None:
        from spyglass.ui.sizes_flow import open_sizes

        open_sizes(self)

    # failures
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            log.debug("worker %s failed", event.worker.name, exc_info=event.worker.error)
            message = mask_text(f"Something went wrong: {cause_of(event.worker.error)}")
            self.notify(message, severity="error", markup=False)

    # download and copy path
    def action_download(self) -> None:
        here = self._cursor_entry()
        if here is None:
            return
        backend, entry = here

        from spyglass.fs.download import summary
        from spyglass.ui.download_screen import DownloadScreen

        def finished(result: DownloadResult | None) -> None:
            if result is None:
                return
            if result.errors and not result.files:
                severity: SeverityLevel = "error"
            elif result.errors or result.skipped or result.cancelled:
                severity = "warning"
            else:
                severity = "information"
            self.notify(safe_name(summary(result)), severity=severity, markup=False)

        self.push_screen(DownloadScreen(backend, entry), finished)

    def action_edit(self) -> None:
        """`e`: the editor on the highlighted file; back here, the tree and preview refreshed."""
        here = self._cursor_entry()
        if here is None:
            return
        if self._edits is None:
            from spyglass.ui.edit_flow import EditFlow

            self._edits = EditFlow(
                self, read_only=self.config.read_only, written=self.action_refresh
            )
        self._edits.start(*here)

    def action_copy_path(self) -> None:
        """The full path, or the URL of a remote entry, with any secret in it masked."""
        here = self._cursor_entry()
        if here is None:
            return
        backend, entry = here
        if backend.capabilities.local_paths:
            text = mask_text(entry.path)
        else:
            text = mask_text(backend.display(entry.path))
        self.copy_to_clipboard(text)
        self.notify(f"Copied {safe_name(text)}", title="Clipboard", markup=False)
