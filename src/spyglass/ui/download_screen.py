"""The `d` dialog: pick a local folder, confirm overwrites, watch the copy, cancel it."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from spyglass.errors import SpyglassError, describe
from spyglass.format import count, human_size
from spyglass.fs.backend import Backend
from spyglass.fs.download import (
    DownloadPlan,
    DownloadProgress,
    DownloadResult,
    existing_targets,
    plan_download,
    run_download,
)
from spyglass.fs.entry import Entry
from spyglass.safe_text import safe_name

SHOWN_CONFLICTS = 3


def _working_folder() -> str:
    """The default destination; the folder may have been removed under us."""
    try:
        return os.getcwd()
    except OSError:
        return ""


@dataclass(frozen=True)
class _Planned:
    plan: DownloadPlan
    existing: list[str]


class DownloadScreen(ModalScreen[DownloadResult | None]):
    """Asks where to, then copies in a thread worker; the UI only shows progress."""

    DEFAULT_CSS = """
    DownloadScreen { align: center middle; }
    DownloadScreen > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        background: $panel; border: round $accent;
    }
    DownloadScreen #download-title { text-style: bold; }
    DownloadScreen #download-what { margin-bottom: 1; }
    DownloadScreen #download-status { margin-top: 1; }
    DownloadScreen #download-status.-error { color: $error; }
    DownloadScreen #download-status.-question { color: $warning; text-style: bold; }
    DownloadScreen ProgressBar { display: none; margin-top: 1; }
    DownloadScreen.-copying ProgressBar { display: block; }
    DownloadScreen #download-current { color: $foreground-muted; }
    DownloadScreen #download-hint { color: $foreground-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "answer(True)", "Overwrite", show=False),
        Binding("n", "answer(False)", "Keep", show=False),
    ]

    class Progressed(Message):
        """Posted from a worker thread; carries nothing, the handler reads the latest figures."""

    def __init__(self, backend: Backend, entry: Entry, destination: str | None = None) -> None:
        super().__init__()
        self._backend = backend
        self._entry = entry
        self._destination = destination if destination is not None else _working_folder()
        self._state = "input"
        self._plan: DownloadPlan | None = None
        self._stop = threading.Event()
        self._latest: DownloadProgress | None = None
        self._listing = ""
        self._progress_posted = False

    @property
    def state(self) -> str:
        """input, planning, confirm, copying or stopping."""
        return self._state

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Download", id="download-title", markup=False)
            yield Static(self._what(), id="download-what", markup=False)
            yield Static("To this local folder:", markup=False)
            yield Input(value=self._destination, id="download-destination")
            yield Static("", id="download-status", markup=False)
            yield ProgressBar(show_eta=False, id="download-bar")
            yield Static("", id="download-current", markup=False)
            yield Static("Enter to start, Esc to cancel", id="download-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _what(self) -> str:
        entry = self._entry
        name = safe_name(entry.name)
        if entry.is_folder:
            return f"the folder {name} and everything in it"
        return name if entry.size is None else f"{name} ({human_size(entry.size)})"

    def _set_state(self, state: str, status: str = "", *, level: str = "") -> None:
        self._state = state
        destination = self.query_one(Input)
        destination.disabled = state != "input"
        label = self.query_one("#download-status", Static)
        label.update(status)
        label.set_class(level == "error", "-error")
        label.set_class(level == "question", "-question")
        self.set_class(state in ("copying", "stopping"), "-copying")
        if state in ("input", "confirm"):
            self.query_one("#download-current", Static).update("")
        hints = {
            "input": "Enter to start, Esc to cancel",
            "planning": "Esc to cancel",
            "confirm": "y to overwrite, n to keep the existing files, Esc to cancel",
            "copying": "Esc to stop",
            "stopping": "Esc again to close now",
        }
        self.query_one("#download-hint", Static).update(hints[state])
        self.refresh_bindings()
        if state == "input":
            destination.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self._state == "confirm"
        return True

    # input
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._state != "input":
            return
        self._stop.clear()
        self._set_state("planning", "Looking at what to copy...")
        self._make_plan(event.value)

    @work(thread=True, exclusive=True, group="download", exit_on_error=False, name="download-plan")
    def _make_plan(self, destination: str) -> _Planned:
        """List the folders and find existing targets: IO, so off the UI thread."""
        worker = get_current_worker()

        def cancelled() -> bool:
            return self._stop.is_set() or worker.is_cancelled

        plan = plan_download(
            self._backend,
            self._entry,
            destination,
            cancelled=cancelled,
            on_folder=self._report_folder,
        )
        return _Planned(plan, [str(path) for path in existing_targets(plan)])

    def _planned(self, planned: _Planned) -> None:
        plan = planned.plan
        self._plan = plan
        if self._entry.is_folder:
            size = plan.total_bytes
            files = count(len(plan.files), "file")
            what = f"{files} ({human_size(size)})" if size is not None else files
            self.query_one("#download-what", Static).update(f"{self._what()}: {what}")
        if not planned.existing:
            self._start_copy(overwrite=False)
            return
        shown = ", ".join(safe_name(path) for path in planned.existing[:SHOWN_CONFLICTS])
        more = len(planned.existing) - SHOWN_CONFLICTS
        if more > 0:
            shown += f" and {more:,} more"
        question = f"Already there: {shown}.\nOverwrite? (y/n)"
        self._set_state("confirm", question, level="question")

    def action_answer(self, overwrite: bool) -> None:
        if self._state == "confirm":
            self._start_copy(overwrite=overwrite)

    # copying
    def _start_copy(self, overwrite: bool) -> None:
        plan = self._plan
        if plan is None:
            return
        self.query_one(ProgressBar).update(total=plan.total_bytes, progress=0)
        self.query_one("#download-current", Static).update("")
        self._set_state("copying")
        self._copy(plan, overwrite)

    @work(thread=True, exclusive=True, group="download", exit_on_error=False, name="download-copy")
    def _copy(self, plan: DownloadPlan, overwrite: bool) -> DownloadResult:
        worker = get_current_worker()

        def cancelled() -> bool:
            return self._stop.is_set() or worker.is_cancelled

        return run_download(
            self._backend,
            plan,
            overwrite=overwrite,
            progress=self._report,
            cancelled=cancelled,
        )

    def _report_folder(self, relative: str) -> None:
        """Called in the plan thread for each folder it lists."""
        self._listing = relative
        self._post_progress()

    def _report(self, progress: DownloadProgress) -> None:
        """Called in the copy thread for each file and chunk."""
        self._latest = progress
        self._post_progress()

    def _post_progress(self) -> None:
        # At most one message waits in the queue; its handler reads the latest figures.
        if not self._progress_posted:
            self._progress_posted = True
            self.post_message(self.Progressed())

    def on_download_screen_progressed(self, message: Progressed) -> None:
        self._progress_posted = False
        current = self.query_one("#download-current", Static)
        if self._state == "planning":
            current.update(f"Listing {safe_name(self._listing)}")
            return
        progress = self._latest
        if progress is None or self._state not in ("copying", "stopping"):
            return
        self.query_one(ProgressBar).update(total=progress.total_bytes, progress=progress.done_bytes)
        text = f"{progress.files_done:,} of {count(progress.files_total, 'file')}"
        if progress.current:
            text += f": {safe_name(progress.current)}"
        current.update(text)

    # results
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "download":
            return
        event.stop()
        if event.state is WorkerState.SUCCESS:
            result = worker.result
            if isinstance(result, _Planned) and self._state == "planning":
                self._planned(result)
            elif isinstance(result, DownloadResult) and self.is_active:
                self.dismiss(result)
        elif event.state is WorkerState.ERROR and worker.error is not None:
            self._failed(worker.error)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, SpyglassError):
            message = str(error)
        else:
            message = describe(error, "download", self._backend.display(self._entry.path))
        self._set_state("input", safe_name(message), level="error")

    def action_cancel(self) -> None:
        if self._state == "copying":
            self._stop.set()
            self._set_state("stopping", "Stopping after the current chunk...")
            return
        self._stop.set()
        if self.is_active:
            self.dismiss(None)
