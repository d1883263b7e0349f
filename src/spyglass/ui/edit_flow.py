"""The `e` key: ready the file in a worker, hand the terminal to the editor, write back.

The download and the upload run in thread workers; only the editor runs on
the UI thread, inside `App.suspend()`, when the screen is the editor's anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from textual.app import App, SuspendNotSupported
from textual.notifications import SeverityLevel

from spyglass.edit.editor import editor_command, run_editor
from spyglass.edit.session import (
    Choice,
    EditSession,
    Outcome,
    Result,
    discard,
    finish,
    open_session,
    resolve,
)
from spyglass.errors import SpyglassError, cause_of, describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text
from spyglass.ui.conflict_screen import ConflictScreen

log = logging.getLogger(__name__)
GROUP = "edit"


class EditFlow:
    """One app's edits, one at a time; `written` is called after a file was written."""

    def __init__(self, app: App[None], *, read_only: bool, written: Callable[[], None]) -> None:
        self.app = app
        self.read_only = read_only
        self.written = written

    def _say(self, message: str, severity: SeverityLevel = "information") -> None:
        self.app.notify(message, title="Edit", severity=severity, markup=False)

    def start(self, backend: Backend, entry: Entry) -> None:
        shown = safe_name(mask_text(backend.display(entry.path)))
        if entry.is_folder:
            self._say(f"{shown} is a folder: choose a file to edit.", "warning")
            return
        if self.read_only:
            self._say(f"{shown} was not opened for editing: spyglass is read-only here.", "warning")
            return
        try:
            command = editor_command()
        except SpyglassError as exc:
            self._say(f"{exc}.", "error")
            return
        self.app.run_worker(
            lambda: self._prepare(backend, entry.path, shown, command),
            thread=True,
            group=GROUP,
            exclusive=True,
            exit_on_error=False,
        )

    def _prepare(self, backend: Backend, path: str, shown: str, command: list[str]) -> None:
        try:
            session = open_session(backend, path)
        except Exception as exc:  # nothing was edited yet: a sentence is all there is
            log.debug("readying %s for the editor failed", shown, exc_info=True)
            self.app.call_from_thread(self._say, describe(exc, "open", shown), "error")
            return
        self.app.call_from_thread(self._edit, session, command)

    def _edit(self, session: EditSession, command: list[str]) -> None:
        try:
            try:
                with self.app.suspend():
                    status = run_editor(command, session.file)
            except SuspendNotSupported:
                if not self.app.is_headless:
                    raise
                status = run_editor(command, session.file)  # no terminal to hand over (tests)
        except (SpyglassError, SuspendNotSupported) as exc:
            discard(session)  # the editor never ran: the copy holds nothing of the user's
            self._say(f"{exc}.", "error")
            return
        if not session.writable:
            self._say(f"{session.shown} is read-only: its copy was opened read-only.", "warning")
        self._in_worker(lambda: finish(session, status), session)

    def _in_worker(self, work: Callable[[], Result], session: EditSession) -> None:
        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # whatever failed, the copy stays and the sentence names it
                log.debug("finishing the edit of %s failed", session.shown, exc_info=True)
                kept = "" if session.in_place else f"; your edit is kept in {session.file}"
                message = mask_text(f"Cannot write {session.shown}: {cause_of(exc)}{kept}.")
                result = Result(Outcome.FAILED, message, None if session.in_place else session.file)
            self.app.call_from_thread(self._done, session, result)

        self.app.run_worker(run, thread=True, group=GROUP, exit_on_error=False)

    def _done(self, session: EditSession, result: Result) -> None:
        if result.outcome is Outcome.CONFLICT:
            self._ask(session, result)
            return
        severity: SeverityLevel = "information" if result.ok else "error"
        if result.outcome is Outcome.KEPT:
            severity = "warning"
        self._say(result.message, severity)
        if result.outcome is Outcome.WRITTEN:
            self.written()

    def _ask(self, session: EditSession, conflict: Result) -> None:
        name = session.path.rstrip("/").rsplit("/", 1)[-1]
        both = safe_name(f"{name}.conflict-YYYYmmdd-HHMMSS")
        screen = ConflictScreen(conflict.message, both, safe_name(session.file))

        def answered(choice: Choice | None) -> None:
            chosen = choice or Choice.KEEP_LOCAL
            self._in_worker(lambda: resolve(session, conflict, chosen), session)

        self.app.push_screen(screen, answered)
