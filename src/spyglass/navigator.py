"""Where the user is: the place shown, the archives entered, the state of the connection.

Headless: the app and the tree ask it, and only the UI thread calls it. The
blocking halves of moving (connecting, opening an archive) run in workers with
a `Request` from here; their results come back through `arrive`, `fail` and
`entered`, which drop anything asked for before the latest move.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.location import Location
from spyglass.place import Place, folder_name, local_place


class State(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    FAILED = "failed"


class Request(NamedTuple):
    """One move that needs a worker; only the latest one may land."""

    token: int
    location: Location


class ArchiveRequest(NamedTuple):
    token: int
    place: Place  # where the archive was entered from
    archive: Entry


class _Outer(NamedTuple):
    """A place to return to when going up out of an archive."""

    place: Place
    archive: str


class Navigator:
    def __init__(self, location: Location) -> None:
        self._location = location
        self._token = 0
        self._outer: list[_Outer] = []
        self._failure: str | None = None
        self._place: Place | None = local_place(location) if location.is_local else None

    # what the app and the tree ask
    @property
    def location(self) -> Location:
        """The location last arrived at (or being connected to at start)."""
        return self._location

    @property
    def place(self) -> Place | None:
        """The place shown; None until the first connection succeeds."""
        return self._place

    @property
    def state(self) -> State:
        if self._place is not None:
            return State.CONNECTED
        return State.FAILED if self._failure is not None else State.CONNECTING

    @property
    def failure(self) -> str | None:
        """Why the first connection failed (the state is FAILED)."""
        return self._failure

    @property
    def backend(self) -> Backend | None:
        return self._place.backend if self._place is not None else None

    @property
    def label(self) -> str:
        """How the current place is shown in the header; the location itself until connected."""
        return self._place.shown if self._place is not None else self._location.label

    @property
    def in_archive(self) -> bool:
        return bool(self._outer)

    # moves that need a worker
    def go(self, location: Location) -> Request:
        """Start going to a location; the place stays as it is until `arrive`."""
        self._token += 1
        if self._place is None:
            self._failure = None
        return Request(self._token, location)

    def retry(self) -> Request | None:
        """Connect again after the first connection failed (the `r` key)."""
        if self.state is not State.FAILED:
            return None
        return self.go(self._location)

    def arrive(self, request: Request, place: Place) -> bool:
        if request.token != self._token:
            return False  # overtaken by a later move
        self._location = request.location
        self._outer.clear()
        self._place = place
        self._failure = None
        return True

    def fail(self, request: Request, reason: str) -> bool:
        """A connection failed; False when it was overtaken and nothing should be said."""
        if request.token != self._token:
            return False
        if self._place is None:
            self._failure = reason
        return True

    def open_archive(self, archive: Entry) -> ArchiveRequest | None:
        if self._place is None:
            return None
        self._token += 1
        return ArchiveRequest(self._token, self._place, archive)

    def entered(self, request: ArchiveRequest, inside: Backend) -> Place | None:
        """The archive is open: its inside becomes the place. None when overtaken."""
        if request.token != self._token:
            return None
        self._outer.append(_Outer(request.place, request.archive.path))
        self._place = Place(inside, "", request.archive.name)
        return self._place

    def archive_failed(self, request: ArchiveRequest) -> bool:
        return request.token == self._token

    # moves without IO
    def set_root(self, folder: Entry) -> Place | None:
        """Make a folder of the current place the top one."""
        if self._place is None or not folder.is_folder:
            return None
        self._token += 1
        self._place = Place(self._place.backend, folder.path, folder.name)
        return self._place

    def up(self) -> Place | None:
        """The parent becomes the top folder, with the old top highlighted.

        At the top of an archive this leaves it; None at the top of a filesystem.
        """
        place = self._place
        if place is None:
            return None
        current = place.root
        parent = place.backend.parent(current)
        if parent == current or (not parent and not current):
            if not self._outer:
                return None
            outer = self._outer.pop()
            self._token += 1
            root = outer.place.root
            self._place = Place(outer.place.backend, root, folder_name(root), focus=outer.archive)
            return self._place
        self._token += 1
        self._place = Place(place.backend, parent, folder_name(parent), None, current)
        return self._place
