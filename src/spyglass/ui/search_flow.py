"""`s` and `S`: the search prompt, the results panel, and a chosen result shown in the tree.

A mixin of the app: the search's state (`_search_panel`, `_search_forms`,
`_goto`) lives on the app, which the tree, the preview and the keys share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text

if TYPE_CHECKING:
    from textual.app import App

    from spyglass.config import Config
    from spyglass.fs.entry import Entry
    from spyglass.ui.file_tree import FileTree
    from spyglass.ui.info_bar import InfoBar
    from spyglass.ui.preview_pane import PreviewPane
    from spyglass.ui.results_list import ResultsList
    from spyglass.ui.search_panel import Search, SearchPanel
    from spyglass.ui.search_prompt import SearchForm

    _Base = App[None]
else:
    _Base = object


class LineTarget(NamedTuple):
    """Where a content match is: the preview scrolls to `line` (0-based) and marks the span."""

    path: str
    line: int
    start: int
    end: int


class SearchFlow(_Base):
    """Mix in before `App`; the app provides what is declared here."""

    if TYPE_CHECKING:
        config: Config
        _info_bar: InfoBar
        _search_panel: SearchPanel | None
        _search_forms: dict[bool, SearchForm]
        _goto: LineTarget | None

        @property
        def file_tree(self) -> FileTree: ...
        @property
        def preview_pane(self) -> PreviewPane: ...
        def _clear_filter(self) -> bool: ...
        def _preview(self, entry: Entry) -> None: ...
        def action_toggle_hidden(self) -> None: ...

    def action_search_names(self) -> None:
        self._ask_search(content=False)

    def action_search_content(self) -> None:
        self._ask_search(content=True)

    def _ask_search(self, *, content: bool) -> None:
        """Under the highlighted folder, else the root; the prompt starts from the last search."""
        from spyglass.ui.search_panel import Search
        from spyglass.ui.search_prompt import SearchForm, SearchPrompt

        tree = self.file_tree
        backend = tree.backend
        if backend is None:
            return
        entry = tree.cursor_entry
        root = entry.path if entry is not None and entry.is_folder else tree.model.root.path
        form = self._search_forms.get(content) or SearchForm(content, hidden=tree.model.show_hidden)
        where = safe_name(mask_text(backend.display(root)))

        def asked(answer: SearchForm | None) -> None:
            if answer is None:
                return
            self._search_forms[content] = answer
            config = self.config
            search = Search(backend, root, answer, config.max_search_file_bytes, config.use_rg)
            self.call_later(self._start_search, search)

        self.push_screen(SearchPrompt(where, form), asked)

    async def _start_search(self, search: Search) -> None:
        from spyglass.ui.search_panel import SearchPanel

        panel = self._search_panel
        if panel is None:
            panel = SearchPanel(id="search")
            await self.mount(panel, before=self._info_bar)
            self._search_panel = panel
        panel.display = True
        panel.start(search)
        panel.results_list.focus()

    @property
    def search_panel(self) -> SearchPanel | None:
        return self._search_panel

    @property
    def _search_panel_shown(self) -> bool:
        return self._search_panel is not None and bool(self._search_panel.display)

    def on_search_panel_closed(self) -> None:
        if self._search_panel is not None:
            self._search_panel.display = False
        self.file_tree.focus()

    def on_results_list_chosen(self, message: ResultsList.Chosen) -> None:
        """Reveal the result in the tree and preview it; a line match scrolls to its line."""
        from spyglass.search.results import LineMatch
        from spyglass.ui.result_text import shown_span

        panel = self._search_panel
        search = panel.search if panel is not None else None
        tree = self.file_tree
        if panel is None or search is None:
            return
        if search.backend is not tree.backend:
            self.notify("These results are from another location: search again.", markup=False)
            return
        result = message.result
        self._goto = None
        if isinstance(result, LineMatch):
            span = shown_span(result.text, result.spans[0]) if result.spans else (0, 0)
            self._goto = LineTarget(result.path, result.line - 1, *span)
        if not tree.model.show_hidden and any(
            part.startswith(".") for part in result.relative.split("/")
        ):
            self.action_toggle_hidden()  # else the tree has no row for it
        if self._clear_filter():
            panel.results_list.focus()
        before = tree.cursor_entry
        if not tree.reveal(result.path):
            self._goto = None
            shown = safe_name(mask_text(search.backend.display(result.path)))
            self.notify(f"{shown} is not in the tree (moved, deleted, or above the root).")
            return
        entry = tree.cursor_entry
        if (
            before is None
            or entry is None
            or entry.path != result.path
            or before.path != entry.path
        ):
            return  # the cursor moved onto it, or will once listed: the preview follows
        # The cursor was on it already: no highlight comes, so preview it here.
        pane = self.preview_pane
        if pane.entry is not None and pane.entry.path == entry.path and not pane.is_loading:
            self._show_goto()
        else:
            self._preview(entry)

    def on_preview_pane_shown(self, message: PreviewPane.Shown) -> None:
        goto = self._goto
        if goto is not None and message.entry.path == goto.path:
            self.call_after_refresh(self._show_goto)

    def _show_goto(self) -> None:
        from spyglass.previews.results import TextPreview

        goto, self._goto = self._goto, None
        pane = self.preview_pane
        if goto is None or pane.entry is None or pane.entry.path != goto.path:
            return
        if not isinstance(pane.preview, TextPreview):
            return  # rendered (Markdown, a table): no lines to point at
        if not pane.text_view.show_line(goto.line, goto.start, goto.end):
            self.notify(
                f"Line {goto.line + 1:,} is past the part of the file the preview loaded.",
                markup=False,
            )
