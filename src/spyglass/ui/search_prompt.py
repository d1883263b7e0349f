"""The `s` / `S` prompt: a pattern and the options of a name or content search."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from spyglass.errors import SpyglassError
from spyglass.search.query import DEFAULT_MAX_FILESIZE, ContentQuery, NameQuery


@dataclass(frozen=True)
class SearchForm:
    """What the prompt was given; kept by the app, so `s` again starts from the last one."""

    content: bool  # search inside the files, not their names
    pattern: str = ""
    regex: bool = False  # names: a regex, not a glob or substring
    fixed: bool = False  # contents: a fixed string, not a regex
    ignore_case: bool = False  # contents (names are always case-insensitive)
    kind: Literal["any", "file", "folder"] = "any"
    hidden: bool = False
    max_depth: int | None = None

    def name_query(self) -> NameQuery:
        """A `SpyglassError` with the sentence to show when the pattern is not valid."""
        self._check_pattern()
        return NameQuery(
            self.pattern,
            regex=self.regex,
            kind=self.kind,
            hidden=self.hidden,
            max_depth=self.max_depth,
        )

    def content_query(self, max_filesize: int = DEFAULT_MAX_FILESIZE) -> ContentQuery:
        self._check_pattern()
        return ContentQuery(
            self.pattern,
            fixed=self.fixed,
            ignore_case=self.ignore_case,
            max_filesize=max_filesize,
            hidden=self.hidden,
            max_depth=self.max_depth,
        )

    def check(self) -> None:
        """Build the query once, for its errors."""
        if self.content:
            self.content_query()
        else:
            self.name_query()

    def _check_pattern(self) -> None:
        if not self.pattern:
            raise SpyglassError("Type a pattern to search for.")


def _depth(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        depth = int(text)
    except ValueError:
        raise SpyglassError(f"The depth must be a whole number, not {text!r}.") from None
    if depth < 1:
        raise SpyglassError("The depth must be at least 1 (the folder's own entries).")
    return depth


class SearchPrompt(ModalScreen[SearchForm | None]):
    """Enter searches, Tab moves between the pattern and the options, Esc cancels."""

    DEFAULT_CSS = """
    SearchPrompt { align: center middle; }
    SearchPrompt > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        background: $panel; border: round $accent;
    }
    SearchPrompt .search-options { height: auto; }
    SearchPrompt Checkbox { border: none; padding: 0 1 0 0; background: $panel; }
    SearchPrompt #search-depth { width: 24; }
    SearchPrompt #search-error { color: $error; height: auto; }
    SearchPrompt #search-help { color: $foreground-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_prompt", "Cancel"),
        # Enter searches from any field: space toggles an option
        Binding("enter", "submit", "Search", priority=True),
    ]

    def __init__(self, where: str, form: SearchForm) -> None:
        super().__init__()
        self.where = where  # already safe: the folder as shown
        self.form = form

    def compose(self) -> ComposeResult:
        form = self.form
        what = "the files" if form.content else "names"
        with Vertical():
            yield Label(f"Search {what} under {self.where}", markup=False)
            yield Input(
                value=form.pattern,
                placeholder=(
                    "a regular expression" if form.content else "a substring, or a glob: *.py"
                ),
                id="search-pattern",
            )
            with Horizontal(classes="search-options"):
                if form.content:
                    yield Checkbox("fixed string", form.fixed, id="search-fixed")
                    yield Checkbox("ignore case", form.ignore_case, id="search-ignore-case")
                else:
                    yield Checkbox("regex", form.regex, id="search-regex")
                    yield Checkbox("files only", form.kind == "file", id="search-files")
                    yield Checkbox("folders only", form.kind == "folder", id="search-folders")
                yield Checkbox("hidden", form.hidden, id="search-hidden")
                yield Input(
                    value="" if form.max_depth is None else str(form.max_depth),
                    placeholder="depth: any",
                    id="search-depth",
                )
            yield Static("", id="search-error", markup=False)
            yield Label(
                "Enter searches · Tab: the options (Space ticks one) · Esc cancels",
                id="search-help",
            )

    def on_mount(self) -> None:
        self.query_one("#search-pattern", Input).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        # files only and folders only exclude each other
        other = {"search-files": "#search-folders", "search-folders": "#search-files"}
        if event.value and event.checkbox.id in other:
            self.query_one(other[event.checkbox.id], Checkbox).value = False

    def _checked(self, id: str) -> bool:
        found = self.query(f"#{id}").results(Checkbox)
        return any(box.value for box in found)

    def read_form(self) -> SearchForm:
        """The form as filled in; a `SpyglassError` says what is wrong with it."""
        kind: Literal["any", "file", "folder"] = "any"
        if self._checked("search-files"):
            kind = "file"
        elif self._checked("search-folders"):
            kind = "folder"
        form = replace(
            self.form,
            pattern=self.query_one("#search-pattern", Input).value,
            regex=self._checked("search-regex"),
            fixed=self._checked("search-fixed"),
            ignore_case=self._checked("search-ignore-case"),
            kind=kind,
            hidden=self._checked("search-hidden"),
            max_depth=_depth(self.query_one("#search-depth", Input).value),
        )
        form.check()
        return form

    def action_submit(self) -> None:
        try:
            form = self.read_form()
        except SpyglassError as exc:
            self.query_one("#search-error", Static).update(str(exc))
            return
        self.dismiss(form)

    def action_dismiss_prompt(self) -> None:
        self.dismiss(None)
