"""`spyglass edit PATH_OR_URL`: the TUI's `e`, from the shell.

Exit status 0 when the edit was written or nothing changed, 1 on a conflict or
a failure (the sentence on stderr names the kept copy), 2 for a usage error.
A conflict is not asked about here: the copy stays and the user decides.
"""

from __future__ import annotations

import sys

from spyglass.config import Config
from spyglass.edit.editor import editor_command, run_editor
from spyglass.edit.session import discard, finish, open_session
from spyglass.errors import SpyglassError, describe
from spyglass.location import Location, open_backend

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _say(message: str) -> None:
    print(f"spyglass: {message}", file=sys.stderr)


def run(location: Location, config: Config) -> int:
    try:
        command = editor_command()
    except SpyglassError as exc:
        _say(str(exc))
        return EXIT_USAGE
    try:
        backend, path = open_backend(location)
        target = location.focus if location.focus is not None else path
        session = open_session(backend, target, read_only=config.read_only)
    except SpyglassError as exc:
        _say(str(exc))
        return EXIT_FAILED
    except Exception as exc:  # the location or the download failed: nothing to keep yet
        _say(describe(exc, "open", location.label))
        return EXIT_FAILED
    if not session.writable:
        _say(f"{session.shown} is read-only: the copy is opened read-only, nothing is written back")
    try:
        status = run_editor(command, session.file)
    except SpyglassError as exc:
        discard(session)  # the editor never ran: the copy is the store's own content
        _say(str(exc))
        return EXIT_FAILED
    result = finish(session, status)
    if result.ok:
        print(f"spyglass: {result.message}", file=sys.stderr)
        return EXIT_OK
    _say(result.message)
    return EXIT_FAILED
