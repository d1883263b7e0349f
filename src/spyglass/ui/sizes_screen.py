"""`D`: the sizes of a folder's children, largest first, filling in while they are counted.

Enter goes into a child folder (its sizes are already counted), Backspace
back up (not above the folder the count started from), `r` counts again,
`e` lists what could not be read, Esc stops the count and returns to the
tree as it was.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from spyglass.format import human_size
from spyglass.fs.backend import Backend
from spyglass.jobs.progress import Progress
from spyglass.jobs.update import JobState
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text
from spyglass.sizes.index import SizeIndex
from spyglass.sizes.job import SizesJob
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree
from spyglass.ui.job_worker import JobUpdated, JobWorker
from spyglass.ui.sizes_list import SizesList

SIZES_GROUP = "sizes"
ERRORS_SHOWN = 200  # lines of the error list; the count says how many there are


class SizesScreen(Screen[None]):
    DEFAULT_CSS = """
    SizesScreen #sizes-title, SizesScreen #sizes-status, SizesScreen #sizes-errors-line {
        height: 1; padding: 0 1; background: $panel;
    }
    SizesScreen #sizes-errors { height: auto; max-height: 40%; padding: 0 1; color: $error; }
    SizesScreen SizesList { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", show=False),
        Binding("enter", "descend", "Open", show=False),
        Binding("backspace", "ascend", "Up", show=False),
        Binding("r", "recount", "Again", show=False),
        Binding("e", "errors", "Errors", show=False),
    ]

    def __init__(
        self, backend: Backend, root: str, options: SizeOptions, index: SizeIndex | None = None
    ) -> None:
        super().__init__()
        self.backend = backend
        self.root = root
        self.options = options
        self.index = index
        self.sizes: SizeTree | None = None
        self.folder: FolderSize | None = None  # the folder on screen
        self.state = JobState.RUNNING
        self.progress = Progress()
        self.error: str | None = None
        self.errors_open = False
        self._return_to: str | None = None  # after `r`: the folder that was on screen
        self._title = Static("", id="sizes-title", markup=False)
        self._status = Static("", id="sizes-status", markup=False)
        self._errors_line = Static("", id="sizes-errors-line", markup=False)
        self._errors = Static("", id="sizes-errors", markup=False)
        self.sizes_list = SizesList(id="sizes-list")
        self._worker = JobWorker[SizeTree](self, SIZES_GROUP)

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._status
        yield self._errors_line
        yield self._errors
        yield self.sizes_list

    def on_mount(self) -> None:
        self.start()
        self.sizes_list.focus()

    @property
    def running(self) -> bool:
        return self._worker.running

    def start(self) -> None:
        job = SizesJob(self.backend, self.root, self.options)
        self.sizes, self.folder = job.tree, job.tree.root
        self.state, self.progress, self.error = JobState.RUNNING, Progress(), None
        self.sizes_list.show([], 0)
        self._worker.start(job)
        self._show()

    def on_job_updated(self, message: JobUpdated[SizeTree]) -> None:
        message.stop()
        if not self._worker.owns(message):
            return
        update = message.update
        self.progress, self.state, self.error = update.progress, update.state, update.error
        tree = self.sizes
        if update.state is JobState.FINISHED and tree is not None and self.index is not None:
            self.index.remember(self.backend, tree)
        if self._return_to is not None and tree is not None:
            node = tree.node(self._return_to)
            if node is not None:
                self.folder, self._return_to = node, None
            elif update.final:
                self._return_to = None  # it is gone: stay at the top
        self._show()

    # drawing

    def _where(self, path: str) -> str:
        return safe_name(mask_text(self.backend.display(path)))

    def _show(self, keep: str | None = None) -> None:
        tree, folder = self.sizes, self.folder
        if tree is None or folder is None:
            return
        rows = tree.rows(folder)
        with tree.lock:
            total, files, folders = folder.bytes, folder.files, folder.folders
        self.sizes_list.show(rows, total, keep=keep)
        bound = "at least " if tree.errors or self.state is not JobState.FINISHED else ""
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(self._where(tree.path_of(folder)), "bold")
        title.append(f"  {bound}{human_size(total)} in {files:,} files, {folders:,} folders")
        notes = [tree.measure, *([tree.how] if tree.how else []), *tree.notes]
        title.append(f"  ({'; '.join(notes)})", "dim")
        self._title.update(title)
        self._status.update(self._status_text())
        self._show_errors(tree)

    def _status_text(self) -> Text:
        progress = self.progress
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(
            f"{progress.done:,} folders and {progress.visited:,} files visited · "
            f"{human_size(progress.byte_count)} counted · "
        )
        if self.state is JobState.RUNNING:
            text.append("counting… (Esc stops and goes back)", "italic")
        elif self.state is JobState.FINISHED:
            text.append("done", "bold")
            text.append(" · Enter opens, Backspace up, r again, Esc back", "dim")
        elif self.state is JobState.CANCELLED:
            text.append("stopped (r counts again)", "bold")
        else:
            text.append(f"failed: {self.error or 'unknown error'}", "bold red")
        return text

    def _show_errors(self, tree: SizeTree) -> None:
        errors = tree.error_list()
        self._errors_line.display = bool(errors)
        self._errors.display = bool(errors) and self.errors_open
        if not errors:
            return
        count = len(errors)
        what = "1 folder or file" if count == 1 else f"{count:,} folders or files"
        hint = "e hides the list" if self.errors_open else "e lists them"
        self._errors_line.update(Text(f"{what} could not be read ({hint})", style="bold red"))
        if self.errors_open:
            shown = [error.sentence for error in errors[:ERRORS_SHOWN]]  # already safe
            if count > ERRORS_SHOWN:
                shown.append(f"… and {count - ERRORS_SHOWN:,} more")
            self._errors.update("\n".join(shown))

    # keys

    def action_descend(self) -> None:
        row = self.sizes_list.current
        if row is not None and row.folder is not None:
            self.folder = row.folder
            self.sizes_list.cursor = 0
            self._show(keep="\0")  # no such name: the cursor goes to the top

    def action_ascend(self) -> None:
        folder = self.folder
        if folder is None or folder.parent is None:
            self.notify("The count started here: D on a folder higher up counts more.")
            return
        self.folder = folder.parent
        self._show(keep=folder.name)

    def action_recount(self) -> None:
        here = self.sizes.path_of(self.folder) if self.sizes and self.folder else None
        self.start()
        if here is not None and here != self.root:
            self._return_to = here

    def action_errors(self) -> None:
        self.errors_open = not self.errors_open
        if self.sizes is not None:
            self._show_errors(self.sizes)

    def action_close(self) -> None:
        self._worker.cancel()
        self.dismiss()
