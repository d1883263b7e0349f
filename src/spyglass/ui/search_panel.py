"""The results of the last search, streaming in, with a line that says how far it has got."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from spyglass.format import human_size
from spyglass.fs.backend import Backend
from spyglass.jobs.job import Job
from spyglass.jobs.progress import Progress
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.safe_text import safe_name
from spyglass.search.jobs import ContentSearchJob, NameSearchJob
from spyglass.secrets import mask_text
from spyglass.ui.job_worker import JobUpdated, JobWorker
from spyglass.ui.result_text import Result
from spyglass.ui.results_list import ResultsList
from spyglass.ui.search_prompt import SearchForm

SEARCH_GROUP = "search"


@dataclass(frozen=True)
class Search:
    """One search as asked for: where, what, and with which options."""

    backend: Backend
    root: str
    form: SearchForm
    max_filesize: int
    use_rg: bool = True

    @property
    def where(self) -> str:
        return safe_name(mask_text(self.backend.display(self.root)))

    def job(self) -> Job[Any]:
        """A new job each run; a bad pattern is a `SpyglassError` (the prompt checked it).

        Its results are a part of `Result` (a job's context is typed exactly: hence Any).
        """
        if self.form.content:
            query = self.form.content_query(self.max_filesize)
            return ContentSearchJob(self.backend, self.root, query, use_rg=self.use_rg)
        return NameSearchJob(self.backend, self.root, self.form.name_query())

    def title(self) -> Text:
        form = self.form
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append("lines matching " if form.content else "names matching ", "bold")
        text.append(safe_name(repr(form.pattern)))
        text.append(" under ", "bold")
        text.append(self.where)
        options = _options(form)
        if options:
            text.append(f"  ({', '.join(options)})", "dim")
        return text


def _options(form: SearchForm) -> list[str]:
    options = []
    if form.content:
        options.append("fixed string" if form.fixed else "regex")
        if form.ignore_case:
            options.append("ignore case")
    elif form.regex:
        options.append("regex")
    if form.kind != "any":
        options.append(f"{form.kind}s only")
    if form.hidden:
        options.append("hidden too")
    if form.max_depth is not None:
        options.append(f"depth {form.max_depth}")
    return options


def status_text(search: Search, progress: Progress, state: JobState, error: str | None) -> Text:
    """How it searched, what it counted, and whether it is still going."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if progress.text:
        text.append(progress.text)  # made safe by the searcher
        text.append(" · ", "dim")
    count = progress.visited
    if search.form.content:
        visited = "file searched" if count == 1 else "files searched"
    else:
        visited = "entry visited" if count == 1 else "entries visited"
    text.append(f"{count:,} {visited} · {progress.matched:,} matched")
    if progress.skipped:
        text.append(f" · {progress.skipped:,} skipped")
    if progress.byte_count:
        text.append(f" · {human_size(progress.byte_count)} read")
    text.append(" · ", "dim")
    if state is JobState.RUNNING:
        text.append("searching… (Esc stops)", "italic")
    elif state is JobState.FINISHED:
        text.append("done", "bold")
    elif state is JobState.CANCELLED:
        text.append("cancelled (r runs it again)", "bold")
    else:
        text.append(f"failed: {error or 'unknown error'}", "bold red")
    return text


class SearchPanel(Vertical):
    """Esc stops a running search, then closes the list; `q` closes it; `r` runs it again."""

    DEFAULT_CSS = """
    SearchPanel { height: 40%; min-height: 6; border-top: hkey $panel-lighten-2; }
    SearchPanel #search-title { height: 1; padding: 0 1; background: $panel; }
    SearchPanel #search-status { height: 1; padding: 0 1; background: $panel; }
    SearchPanel ResultsList { height: 1fr; scrollbar-size-vertical: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop_or_close", "Stop", show=False),
        Binding("q", "close", "Close", show=False),
        Binding("r", "run_again", "Again", show=False),
    ]

    class Closed(Message):
        """The list was closed: the tree takes the focus back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.search: Search | None = None
        self.state = JobState.FINISHED
        self.progress = Progress()
        self.error: str | None = None
        self._title = Static("", id="search-title", markup=False)
        self._status = Static("", id="search-status", markup=False)
        self.results_list = ResultsList(id="search-results")
        self._worker = JobWorker[Result](self, SEARCH_GROUP)

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._status
        yield self.results_list

    @property
    def running(self) -> bool:
        return self._worker.running

    def start(self, search: Search) -> None:
        """Run `search` from the start; the results of the one before go."""
        job = search.job()
        self.search = search
        self.state = JobState.RUNNING
        self.progress = Progress()
        self.error = None
        self.results_list.clear()
        self._title.update(search.title())
        self._show_status()
        self._worker.start(job)

    def stop(self) -> bool:
        """Stop a running search (its results stay); True when one was running."""
        if not self.running:
            return False
        self._worker.cancel()
        return True

    def on_job_updated(self, message: JobUpdated[Result]) -> None:
        message.stop()
        if not self._worker.owns(message):
            return  # from a search that was replaced
        self._accept(message.update)

    def _accept(self, update: JobUpdate[Result]) -> None:
        self.results_list.extend(update.results)
        self.progress = update.progress
        self.state = update.state
        self.error = update.error
        self._show_status()

    def _show_status(self) -> None:
        if self.search is not None:
            text = status_text(self.search, self.progress, self.state, self.error)
            self._status.update(text, layout=False)

    # keys
    def action_stop_or_close(self) -> None:
        if not self.stop():
            self.action_close()

    def action_close(self) -> None:
        self.stop()
        self.post_message(self.Closed())

    def action_run_again(self) -> None:
        if self.search is not None:
            self.start(self.search)
