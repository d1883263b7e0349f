"""The right-hand pane: loads a preview in a worker and shows it in the matching view."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static
from textual.worker import get_current_worker

from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.keys import Scope
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import (
    DataPreview,
    HexPreview,
    Level,
    MessagePreview,
    Note,
    NoteKind,
    Preview,
    RenderablePreview,
    TextPreview,
)
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox, shared_sandbox
from spyglass.sandbox.stopped import Cancelled
from spyglass.ui.bindings import preview_bindings
from spyglass.ui.data_views import data_view_kind
from spyglass.ui.follow_flow import FollowFlow
from spyglass.ui.hex_view import HexView
from spyglass.ui.preview_find import PreviewFind
from spyglass.ui.preview_scroll import PreviewScroll
from spyglass.ui.rendered_view import RenderedView
from spyglass.ui.text_view import TextView

if TYPE_CHECKING:
    from spyglass.previews.next_part import NextPart
    from spyglass.ui.data_view import DataView


log = logging.getLogger(__name__)
# Colours for one block of lines that take longer than this are given up.
HIGHLIGHT_SECONDS = 3.0


@dataclass
class _Request:
    backend: Backend
    entry: Entry
    token: int
    listing: Sequence[Entry] | None = None  # a folder's, when the tree has it


class PreviewPane(FollowFlow, PreviewFind, PreviewScroll, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = preview_bindings()
    key_scope: ClassVar[Scope] = Scope.PREVIEW  # which keys the key bar shows while in here
    DEFAULT_CSS = """
    PreviewPane { background: $surface; }
    PreviewPane #preview-title { height: 2; padding: 0 1; background: $panel; }
    PreviewPane ContentSwitcher { height: 1fr; }
    PreviewPane #preview-message { padding: 0 1; }
    """

    class Shown(Message):
        """A preview finished loading and is on screen."""

        def __init__(self, entry: Entry, preview: Preview) -> None:
            self.entry = entry
            self.preview = preview
            super().__init__()

    class _Loaded(Message):
        def __init__(self, token: int, entry: Entry, preview: Preview) -> None:
            self.token = token
            self.entry = entry
            self.preview = preview
            super().__init__()

    class _MoreLoaded(Message):
        def __init__(
            self, token: int, preview: TextPreview | HexPreview, more: NextPart | None
        ) -> None:
            self.token = token
            self.preview = preview  # the preview it was read for
            self.more = more
            super().__init__()

    def __init__(
        self,
        *,
        max_bytes: int,
        theme: str = "monokai",
        options: PreviewOptions | None = None,
        sandbox: Sandbox | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        # Where files are decoded: the app's own, else the process's shared one.
        self.sandbox = sandbox or shared_sandbox()
        self.max_bytes = max_bytes
        self.options = options or PreviewOptions()
        self.syntax_theme = theme
        self.entry: Entry | None = None
        self.preview: Preview | None = None
        self.backend: Backend | None = None
        self._token = 0
        self.is_loading = False
        self._mounting = 0  # data views on their way onto the screen
        # Kept as attributes: results may arrive before the children are mounted.
        self._title = Static(id="preview-title", markup=False)
        self._switcher = ContentSwitcher(initial="preview-message")
        self.text_view = TextView(id="preview-text")
        self.hex_view = HexView(id="preview-hex")
        self.rendered_view = RenderedView(id="preview-rich")
        self._message_scroll = VerticalScroll(id="preview-message")
        self._message_body = Static(Text("Select a file to preview it."), id="preview-message-body")
        # Table and image views are built on first use: their modules are slow to import.
        self._data_views: dict[str, DataView[Any]] = {}
        self._find_setup()
        self._follow_setup()

    def compose(self) -> ComposeResult:
        yield self._title
        with self._switcher:
            yield self.text_view
            yield self.hex_view
            yield self.rendered_view
            with self._message_scroll:
                yield self._message_body
        yield self.find_bar

    # loading
    def show_entry(
        self, backend: Backend, entry: Entry, listing: Sequence[Entry] | None = None
    ) -> None:
        self.stop_following()
        self._token += 1
        self.backend = backend
        self.entry = entry
        self.is_loading = True
        self._set_title(entry, Text("loading…", style="italic"))
        self._load_preview(_Request(backend, entry, self._token, listing), self.max_bytes)

    def show_static(self, entry: Entry, preview: Preview) -> None:
        """Show a preview that needed no IO (a folder summary from the tree's listing)."""
        self.stop_following()
        self._token += 1
        self.workers.cancel_group(self, "preview")
        self.backend = None
        self.entry = entry
        self.preview = preview
        self.is_loading = False
        self._show(entry, preview)

    def cancel(self) -> bool:
        """Stop a slow preview (Esc). True when something was running."""
        if not self.is_loading:
            return False
        self._token += 1
        self.workers.cancel_group(self, "preview")
        self.is_loading = False
        if self.entry is not None:
            self._set_title(self.entry, Text("preview cancelled", style="italic"))
        return True

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_preview(self, request: _Request, max_bytes: int) -> None:
        from spyglass.previews.loader import load_preview  # the previewers load on first use

        worker = get_current_worker()
        preview = load_preview(
            request.backend,
            request.entry,
            max_bytes,
            cancelled=lambda: worker.is_cancelled,
            options=self.options,
            sandbox=self.sandbox,
            listing=request.listing,
        )
        if not worker.is_cancelled:
            self.post_message(self._Loaded(request.token, request.entry, preview))

    @work(thread=True, exclusive=True, group="preview-more", exit_on_error=False)
    def _load_more(
        self, request: _Request, preview: TextPreview | HexPreview, max_bytes: int
    ) -> None:
        """Reads the next part; the preview is only read here, and changed on the UI thread."""
        from spyglass.previews.next_part import failed_part, load_more

        try:
            more = load_more(request.backend, request.entry.path, preview, max_bytes)
        except Exception as exc:  # keep what is shown, say why no more came
            problem = describe(exc, "read more of", safe_name(request.entry.name))
            more = failed_part(preview, Note(problem, NoteKind.PROBLEM))
        self.post_message(self._MoreLoaded(request.token, preview, more))

    def on_preview_pane__loaded(self, message: _Loaded) -> None:
        message.stop()
        if message.token != self._token:
            return
        self.is_loading = False
        self.preview = message.preview
        self._show(message.entry, message.preview)
        self.post_message(self.Shown(message.entry, message.preview))

    def on_preview_pane__more_loaded(self, message: _MoreLoaded) -> None:
        message.stop()
        preview = message.preview
        if message.token != self._token or preview is not self.preview:
            return
        self.is_loading = False
        if message.more is not None:
            from spyglass.previews.next_part import apply_next_part  # loaded by the worker

            apply_next_part(preview, message.more)
        self._extend(preview)

    def on_text_view_need_highlight(self, message: TextView.NeedHighlight) -> None:
        message.stop()
        self._highlight(message, self._token)

    @work(thread=True, group="highlight", exit_on_error=False)
    def _highlight(self, message: TextView.NeedHighlight, token: int) -> None:
        from spyglass.previews.highlight import highlight_block

        worker = get_current_worker()
        sandbox = self.sandbox
        try:
            texts = sandbox.run(
                highlight_block,
                message.lexer,
                message.theme,
                message.lines,
                cancelled=lambda: worker.is_cancelled or token != self._token,
                seconds=min(HIGHLIGHT_SECONDS, sandbox.limits.seconds),
            )
        except Cancelled:
            return
        except Exception:  # too slow or failed: the text stays plain, and says why
            log.debug("highlighting failed", exc_info=True)
            self.app.call_from_thread(self._stop_colouring, token)
            return
        self.app.call_from_thread(self._set_colours, token, message, texts)

    def _set_colours(self, token: int, message: TextView.NeedHighlight, texts: list[Text]) -> None:
        if token == self._token:
            self.text_view.set_colours(message.ticket, message.block, texts)

    def _stop_colouring(self, token: int) -> None:
        if token != self._token or self.entry is None or self.preview is None:
            return
        self.text_view.stop_colouring()
        note = Note("too slow to colour: shown plain", NoteKind.PROBLEM)
        if note not in self.preview.notes:
            self.preview.notes.append(note)
            self._set_title(self.entry, self._title_detail(self.preview))

    def on_text_view_need_more(self, message: TextView.NeedMore) -> None:
        self._ask_for_more()

    def on_hex_view_need_more(self, message: HexView.NeedMore) -> None:
        self._ask_for_more()

    def _ask_for_more(self) -> None:
        preview = self.preview
        if self.backend is None or self.entry is None:
            return
        if isinstance(preview, TextPreview | HexPreview):
            request = _Request(self.backend, self.entry, self._token)
            self._load_more(request, preview, self.max_bytes)

    # showing
    def _set_title(self, entry: Entry, detail: Text) -> None:
        title = Text(no_wrap=False)
        title.append(safe_name(entry.name), "bold")
        title.append("  ")
        title.append_text(detail)
        self._title.update(title, layout=False)  # a fixed two lines: no layout pass

    def _title_detail(self, preview: Preview) -> Text:
        detail = Text(preview.title, style="bold")
        for note in preview.notes:
            detail.append(" · ")
            detail.append(note.shown_text, style="" if note.kind is NoteKind.PROBLEM else "dim")
        return detail

    def _show(self, entry: Entry, preview: Preview) -> None:
        self.find_reset()
        self._set_title(entry, self._title_detail(preview))
        if isinstance(preview, TextPreview):
            view = self.text_view
            view.show(
                preview.lines,
                preview.lexer,
                has_more=not _complete(preview),
                theme=self.syntax_theme,
            )
            self._switch_to("preview-text")
        elif isinstance(preview, HexPreview):
            hex_view = self.hex_view
            hex_view.show(preview.data, has_more=not _complete(preview))
            self._switch_to("preview-hex")
        elif isinstance(preview, DataPreview) and data_view_kind(preview) is not None:
            self._mounting += 1  # counted from now: the call comes later
            self.call_later(self._show_data_later, preview, self._token)
        elif isinstance(preview, RenderablePreview):
            self._switch_to("preview-rich")  # shown first, so it lays out at its real width
            self.rendered_view.show(preview.renderable)
        else:
            # A preview with nothing but its title line says nothing below it.
            message = preview if isinstance(preview, MessagePreview) else MessagePreview("")
            self._message_body.update(_message_renderable(message))
            self._switch_to("preview-message")

    @property
    def settling(self) -> bool:
        """A preview is loading, or its view is still being mounted."""
        return self.is_loading or self._mounting > 0

    async def _show_data_later(self, preview: DataPreview[Any], token: int) -> None:
        try:
            await self._show_data_view(preview, token)
        finally:
            self._mounting -= 1

    async def _show_data_view(self, preview: DataPreview[Any], token: int) -> None:
        kind = data_view_kind(preview)
        if kind is None or not self._switcher.is_attached:
            return  # nothing to show, or the app is closing
        view = self._data_views.get(kind.name)
        if view is None:
            view = kind.make()
            view.id = f"preview-data-{kind.name}"
            view.display = False
            self._data_views[kind.name] = view
            await self._switcher.mount(view)
        if token != self._token:
            return  # another preview was asked for meanwhile
        if view not in self._switcher.children:
            return  # the app closed while the view was mounting
        view.show_preview(preview)
        self._switcher.current = view.id

    def _extend(self, preview: Preview) -> None:
        if self.entry is not None:
            self._set_title(self.entry, self._title_detail(preview))
        if isinstance(preview, TextPreview):
            self.text_view.extend(preview.lines, has_more=not _complete(preview))
        elif isinstance(preview, HexPreview):
            self.hex_view.extend(preview.data, has_more=not _complete(preview))
        self.find_more_loaded()

    def show_message(self, title: str, message: str, level: Level = "info") -> None:
        self._token += 1
        self.find_reset()
        self.is_loading = False
        self._title.update(Text(title, style="bold"), layout=False)
        body = _message_renderable(MessagePreview(title=title, message=message, level=level))
        self._message_body.update(body)
        self._switch_to("preview-message")

    def _switch_to(self, view_id: str) -> None:
        """Show one view; a result may arrive before the views are mounted: then wait."""
        if self._switcher.is_mounted and any(
            child.id == view_id for child in self._switcher.children
        ):
            self._switcher.current = view_id
        else:
            self.call_after_refresh(self._switch_to, view_id)

    @property
    def active_view(self) -> Widget | None:
        current = self._switcher.current
        if current is None:
            return None
        widget = self._switcher.get_child_by_id(current)
        return widget if widget.can_focus or isinstance(widget, VerticalScroll) else None


def _complete(preview: TextPreview | HexPreview) -> bool:
    return preview.part is None or preview.part.complete


_LEVEL_STYLES: dict[Level, str] = {"info": "", "warning": "yellow", "error": "bold red"}


def _message_renderable(preview: MessagePreview) -> RenderableType:
    parts: list[RenderableType] = [Text(preview.message, style=_LEVEL_STYLES[preview.level])]
    details = preview.details
    if details:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for name, value in details:
            table.add_row(Text(name), Text(value))
        parts.append(Text(""))
        parts.append(table)
    return Group(*parts)
