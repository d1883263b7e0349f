"""Going somewhere: a location opened in a worker, an SSH host key asked about, an archive entered.

A mixin of the app. The navigator decides what a result means (a result of a
move that was overtaken is dropped); this puts its answers on screen.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from textual import work

from spyglass.errors import SpyglassError, cause_of, describe
from spyglass.fs.archives import open_archive
from spyglass.fs.backend import Backend
from spyglass.location import Location, resolve
from spyglass.navigator import ArchiveRequest, Navigator, Request
from spyglass.place import Place, connect
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text
from spyglass.ui.confirm_screen import ConfirmScreen

if TYPE_CHECKING:
    from textual.app import App

    from spyglass.config import Config
    from spyglass.ui.file_tree import FileTree
    from spyglass.ui.preview_pane import PreviewPane

    _Base = App[None]
else:
    _Base = object

log = logging.getLogger(__name__)
HOST_KEY_ANSWER_TIMEOUT = 600.0


class PlaceFlow(_Base):
    """Mix in before `App`; the app provides what is declared here."""

    if TYPE_CHECKING:
        config: Config
        navigator: Navigator
        _host_key_questions: list[threading.Event]

        @property
        def file_tree(self) -> FileTree: ...
        @property
        def preview_pane(self) -> PreviewPane: ...
        def _show_location(self) -> None: ...

    def _ask_about_host_key(self, host: str, key_type: str, fingerprint: str) -> bool:
        """Runs in a worker thread: show the question and wait for the answer."""
        answered = threading.Event()
        self._host_key_questions.append(answered)
        answer: list[bool] = []

        def record(trusted: bool | None) -> None:
            answer.append(bool(trusted))
            answered.set()

        body = (
            f"The authenticity of host {host} can't be established.\n"
            f"{key_type} key fingerprint is {fingerprint}.\n\n"
            "Trust this key and remember it in known_hosts?"
        )
        self.call_from_thread(self.push_screen, ConfirmScreen("Unknown SSH host key", body), record)
        answered.wait(HOST_KEY_ANSWER_TIMEOUT)
        self._host_key_questions.remove(answered)
        return bool(answer and answer[0])

    # opening locations
    @work(thread=True, exclusive=True, group="location", exit_on_error=False)
    def _connect(self, request: Request) -> None:
        """Build the filesystem and learn whether the path is a file."""
        try:
            place = connect(request.location)
        except Exception as exc:  # shown in the pane; the app keeps running
            log.debug("opening %s failed", request.location.label, exc_info=True)
            message = describe(exc, "open", request.location.label)
            self.call_from_thread(self._location_failed, request, message)
            return
        self.call_from_thread(self._location_ready, request, place)

    @work(thread=True, exclusive=True, group="location", exit_on_error=False)
    def _resolve_location(self, text: str) -> None:
        """The location prompt's answer, in a worker: parsing a URL imports its
        filesystem's package and a path is stat'ed."""
        try:
            location = resolve(
                text,
                {**self.config.options},
                profiles=self.config.profiles,
                timeout=self.config.timeout,
            )
        except Exception as exc:  # a malformed URL must not end the session
            message = str(exc) if isinstance(exc, SpyglassError) else cause_of(exc)
            self.call_from_thread(self.notify, mask_text(message), severity="error", markup=False)
            return
        self.call_from_thread(self._go, location)

    def _go(self, location: Location) -> None:
        self._connect(self.navigator.go(location))

    def _location_ready(self, request: Request, place: Place) -> None:
        if self.navigator.arrive(request, place):
            self._show_place()

    def _location_failed(self, request: Request, message: str) -> None:
        if self.navigator.fail(request, message):
            self._say_cannot_open(message)

    def _say_cannot_open(self, message: str) -> None:
        self.preview_pane.show_message("Cannot open location", message, level="error")
        self.notify(message, title="Cannot open location", severity="error", markup=False)

    def _show_place(self) -> None:
        """After a move: the tree shows the navigator's place, the header its label."""
        self.file_tree.show_place()
        self._show_location()

    def open_location(self, text: str) -> None:
        self._resolve_location(text)

    # archives
    @work(thread=True, exclusive=True, group="location", exit_on_error=False)
    def _open_archive(self, request: ArchiveRequest) -> None:
        """Enter on a zip or tar: browse it as a folder; going up past its top returns."""
        backend, entry = request.place.backend, request.archive
        try:
            inside = open_archive(backend, entry, timeout=self.config.timeout)
        except Exception as exc:  # a corrupt archive is a sentence, not a crash
            log.debug("opening archive %s failed", entry.path, exc_info=True)
            message = describe(exc, "open the archive", safe_name(backend.display(entry.path)))
            self.call_from_thread(self._archive_failed, request, message)
            return
        self.call_from_thread(self._enter_archive, request, inside)

    def _enter_archive(self, request: ArchiveRequest, inside: Backend) -> None:
        if self.navigator.entered(request, inside) is not None:
            self._show_place()

    def _archive_failed(self, request: ArchiveRequest, message: str) -> None:
        if self.navigator.archive_failed(request):
            self._say_cannot_open(message)
