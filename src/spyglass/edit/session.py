"""One edit of one file: a private copy, the editor, then write back or keep (rule 10).

Headless: the TUI and `spyglass edit` both run `open_session`, the editor,
`finish`, and on a conflict `resolve` with the user's choice. A local file is
edited in place; anything else is downloaded to a folder only this user can
enter, under its own name (so the editor picks the syntax), and written back
only if the store still holds the version that was downloaded. Whatever goes
wrong after the editor ran, the copy stays and its path is in the sentence.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat as stat_module
import tempfile
import time
from dataclasses import dataclass
from enum import Enum

from spyglass.errors import SpyglassError, cause_of
from spyglass.fs.backend import Backend, Conflict, LocalFile, Version
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text

CHUNK = 4 * 1024 * 1024
MAX_EDIT_BYTES = 256 * 1024 * 1024  # a copy is put back in one request: edits are files to read
DOWNLOAD_ATTEMPTS = 3


class ReadOnlyRefused(SpyglassError):
    """`--read-only` (or `read_only = true`): nothing is opened for writing."""


class Outcome(Enum):
    UNCHANGED = "unchanged"  # nothing to write; the copy is gone
    WRITTEN = "written"  # the store holds the edit; the copy is gone
    CONFLICT = "conflict"  # the store changed meanwhile: nothing written, the copy kept
    KEPT = "kept"  # nothing written, by choice or because the store is read-only: copy kept
    FAILED = "failed"  # the write failed: the copy kept


class Choice(Enum):
    OVERWRITE = "overwrite"
    KEEP_BOTH = "keep both"
    KEEP_LOCAL = "keep the local copy"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    message: str  # one sentence (or two) for the user, with the copy's path when it is kept
    copy: str | None = None  # the kept copy, if any
    current: Version | None = None  # with CONFLICT: the store's version now
    written: str | None = None  # the path that was written

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.UNCHANGED, Outcome.WRITTEN)


@dataclass
class EditSession:
    backend: Backend
    path: str
    shown: str  # how the file is named in sentences: masked and sanitised
    file: str  # what the editor opens: the file itself, or the private copy
    version: Version | None  # the store's version the copy was made from
    digest: bytes  # the copy's content when the editor started (copies only)
    in_place: bool
    writable: bool

    @property
    def copy_folder(self) -> str | None:
        return None if self.in_place else os.path.dirname(self.file)


def _shown(backend: Backend, path: str) -> str:
    return safe_name(mask_text(backend.display(path)))


def open_session(backend: Backend, path: str, *, read_only: bool = False) -> EditSession:
    """Make the file ready for the editor. Blocks (a download): run it in a worker."""
    shown = _shown(backend, path)
    if read_only:
        raise ReadOnlyRefused(f"{shown} was not opened for editing: spyglass is read-only here")
    if not backend.capabilities.local_paths:
        backend.invalidate(backend.parent(path))  # its size and kind as they are now
    entry = backend.stat(path)
    if entry.is_folder:
        raise SpyglassError(f"{shown} is a folder: choose a file to edit")
    if backend.capabilities.local_paths:
        return EditSession(
            backend, path, shown, path, backend.version(path), b"", in_place=True, writable=True
        )
    if entry.size is not None and entry.size > MAX_EDIT_BYTES:
        raise SpyglassError(f"{shown} is too big to edit here (more than 256 MiB)")
    folder = tempfile.mkdtemp(prefix="spyglass-edit-")  # 0700: only this user may enter
    os.chmod(folder, stat_module.S_IRWXU)
    name = safe_name(entry.name).replace(os.sep, "_").lstrip(".") or "file"
    if entry.name.startswith("."):
        name = "." + name
    copy = os.path.join(folder, name)
    try:
        version = _download(backend, path, copy, shown)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    writable = backend.capabilities.write
    if not writable:
        os.chmod(copy, stat_module.S_IRUSR)  # the editor says it is read-only
    return EditSession(backend, path, shown, copy, version, _digest(copy), False, writable)


def _download(backend: Backend, path: str, copy: str, shown: str) -> Version:
    """The copy and the version it is of: asked before and after, so they agree."""
    for _ in range(DOWNLOAD_ATTEMPTS):
        before = backend.version(path)
        fd = os.open(
            copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat_module.S_IRUSR | stat_module.S_IWUSR
        )
        with os.fdopen(fd, "wb") as out:
            offset = 0
            while True:
                data = backend.read_range(path, offset, CHUNK)
                out.write(data)
                offset += len(data)
                if offset > MAX_EDIT_BYTES:
                    raise SpyglassError(f"{shown} is too big to edit here (more than 256 MiB)")
                if len(data) < CHUNK:
                    break
        if backend.version(path) == before:
            return before
    raise SpyglassError(f"{shown} kept changing while it was downloaded: try again")


def _digest(path: str) -> bytes:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.digest()


def discard(session: EditSession) -> None:
    """Remove the private copy (only once nothing of the edit would be lost)."""
    folder = session.copy_folder
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def finish(session: EditSession, editor_status: int = 0) -> Result:
    """After the editor: unchanged, written, or kept with a sentence. Blocks: run in a worker."""
    if session.in_place:
        return _finish_in_place(session, editor_status)
    try:
        changed = _digest(session.file) != session.digest
    except OSError as exc:  # the editor removed or replaced the copy unreadably
        return Result(
            Outcome.FAILED, f"Cannot read the edited copy {session.file}: {cause_of(exc)}."
        )
    if not changed:
        discard(session)
        return Result(Outcome.UNCHANGED, f"{session.shown} is unchanged: nothing was written.")
    kept = f"your edit is kept in {session.file}"
    if editor_status != 0:
        return Result(
            Outcome.KEPT,
            f"The editor exited with status {editor_status}: nothing was written to "
            f"{session.shown}; {kept}.",
            session.file,
        )
    if not session.writable:
        return Result(
            Outcome.KEPT,
            f"{session.shown} is read-only: nothing was written; {kept}.",
            session.file,
        )
    return _write(session, session.path, session.version)


def _finish_in_place(session: EditSession, editor_status: int) -> Result:
    try:
        now = session.backend.version(session.path)
    except OSError:
        now = None
    if now == session.version:
        return Result(Outcome.UNCHANGED, f"{session.shown} is unchanged.")
    if editor_status != 0:
        return Result(
            Outcome.FAILED,
            f"The editor exited with status {editor_status}; {session.shown} was changed.",
            written=session.path,
        )
    return Result(Outcome.WRITTEN, f"Saved {session.shown}.", written=session.path)


def _write(session: EditSession, target: str, expected: Version | None) -> Result:
    backend = session.backend
    shown = _shown(backend, target)
    kept = f"your edit is kept in {session.file}"
    try:
        version = backend.write_file(target, LocalFile(session.file), expected=expected)
    except Conflict as conflict:
        return Result(
            Outcome.CONFLICT,
            f"{shown} changed since it was opened: nothing was overwritten; {kept}.",
            session.file,
            current=conflict.current,
        )
    except Exception as exc:  # server gone, permission denied, read-only bucket: keep the copy
        return Result(
            Outcome.FAILED,
            mask_text(f"Cannot write {shown}: {cause_of(exc)}; {kept}."),
            session.file,
        )
    if target == session.path:
        session.version = version
    discard(session)
    return Result(Outcome.WRITTEN, f"Saved {shown}.", written=target)


def conflict_name(name: str, when: float | None = None) -> str:
    """`NAME.conflict-YYYYmmdd-HHMMSS`: where "keep both" puts the edit."""
    return f"{name}.conflict-{time.strftime('%Y%m%d-%H%M%S', time.localtime(when))}"


def resolve(session: EditSession, conflict: Result, choice: Choice) -> Result:
    """The user's answer to a conflict. Blocks: run it in a worker."""
    if choice is Choice.OVERWRITE:
        # Against the version the user was told about: a newer change is asked about again.
        return _write(session, session.path, conflict.current)
    if choice is Choice.KEEP_BOTH:
        backend = session.backend
        name = session.path.rstrip("/").rsplit("/", 1)[-1]
        target = backend.join(backend.parent(session.path), conflict_name(name))
        result = _write(session, target, None)
        if result.outcome is Outcome.WRITTEN:
            return Result(
                Outcome.WRITTEN,
                f"Saved your edit as {_shown(backend, target)}; {session.shown} keeps the other "
                "change.",
                written=target,
            )
        return result
    return Result(
        Outcome.KEPT,
        f"Nothing was written to {session.shown}; your edit is kept in {session.file}.",
        session.file,
    )
