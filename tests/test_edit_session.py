"""The edit session: a private copy, the editor, then written back, kept, or asked about."""

from __future__ import annotations

import io
import itertools
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest

from spyglass.edit.editor import NoEditor, editor_command, run_editor
from spyglass.edit.session import (
    Choice,
    EditSession,
    Outcome,
    ReadOnlyRefused,
    Result,
    conflict_name,
    finish,
    open_session,
    resolve,
)
from spyglass.fs.archives import open_archive
from spyglass.fs.backend import Conflict
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from tests.support.editor_script import EditorScript

_names = itertools.count()


@pytest.fixture
def memory() -> Iterator[tuple[FsspecBackend, str]]:
    fs = fsspec.filesystem("memory")
    folder = f"/edit-tests-{next(_names)}"
    fs.pipe_file(f"{folder}/app.conf", b"port = 80\n")
    yield FsspecBackend(fs, "memory"), f"{folder}/app.conf"
    fs.rm(folder, recursive=True)


def _edit(
    backend: FsspecBackend | LocalBackend, path: str, editor: EditorScript
) -> tuple[EditSession, Result]:
    session = open_session(backend, path)
    status = run_editor(editor_command({"EDITOR": editor.command}), session.file)
    return session, finish(session, status)


# choosing the editor
def test_visual_wins_over_editor_and_is_split_like_a_shell() -> None:
    assert editor_command({"VISUAL": "code -w", "EDITOR": "nano"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "'my editor' --wait"}) == ["my editor", "--wait"]


def test_without_variables_the_first_of_vi_and_nano_on_path() -> None:
    found = {"nano": "/usr/bin/nano"}
    assert editor_command({}, which=found.get) == ["/usr/bin/nano"]
    assert editor_command({"EDITOR": "  "}, which={"vi": "/bin/vi", **found}.get) == ["/bin/vi"]


def test_no_editor_at_all_is_a_sentence() -> None:
    with pytest.raises(NoEditor, match=r"set \$VISUAL or \$EDITOR"):
        editor_command({}, which=lambda name: None)


# local files: in place
def test_local_file_is_edited_in_place(tmp_path: Path) -> None:
    target = tmp_path / "app.conf"
    target.write_text("port = 80\n")
    editor = EditorScript(tmp_path, append="debug = true\n")
    _, result = _edit(LocalBackend(), str(target), editor)
    assert editor.seen()["path"] == str(target)
    assert target.read_text() == "port = 80\ndebug = true\n"
    assert result.outcome is Outcome.WRITTEN


def test_local_file_left_alone_is_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "app.conf"
    target.write_text("port = 80\n")
    before = os.stat(target).st_mtime_ns
    _, result = _edit(LocalBackend(), str(target), EditorScript(tmp_path))
    assert result.outcome is Outcome.UNCHANGED
    assert os.stat(target).st_mtime_ns == before


# copies
def test_copy_is_private_and_keeps_the_name(
    memory: tuple[FsspecBackend, str], tmp_path: Path
) -> None:
    backend, path = memory
    editor = EditorScript(tmp_path, append="debug = true\n")
    _, result = _edit(backend, path, editor)
    seen = editor.seen()
    assert os.path.basename(seen["path"]) == "app.conf"
    assert seen["mode"] == 0o600 and seen["folder_mode"] == 0o700
    assert seen["content"] == "port = 80\n"
    assert result.outcome is Outcome.WRITTEN
    assert backend.read_range(path, 0, 100) == b"port = 80\ndebug = true\n"
    assert not os.path.exists(os.path.dirname(seen["path"]))  # written: the copy is gone


def test_unchanged_copy_writes_nothing(memory: tuple[FsspecBackend, str], tmp_path: Path) -> None:
    backend, path = memory
    before = backend.version(path)
    editor = EditorScript(tmp_path)
    _, result = _edit(backend, path, editor)
    assert result.outcome is Outcome.UNCHANGED
    assert backend.version(path) == before
    assert not os.path.exists(editor.seen()["path"])


def test_editor_that_fails_writes_nothing_and_keeps_the_copy(
    memory: tuple[FsspecBackend, str], tmp_path: Path
) -> None:
    backend, path = memory
    before = backend.version(path)
    _, result = _edit(backend, path, EditorScript(tmp_path, append="x\n", status=3))
    assert result.outcome is Outcome.KEPT
    assert backend.version(path) == before
    copy = result.copy or "(none)"
    assert copy in result.message and Path(copy).read_text() == "port = 80\nx\n"


# conflicts
def _conflicted(memory: tuple[FsspecBackend, str], tmp_path: Path) -> tuple[EditSession, Result]:
    backend, path = memory
    session = open_session(backend, path)
    backend.fs.pipe_file(path, b"port = 8080\n")  # someone else, while the editor is open
    editor = EditorScript(tmp_path, append="debug = true\n")
    status = run_editor(editor_command({"EDITOR": editor.command}), session.file)
    return session, finish(session, status)


def test_conflict_overwrites_nothing_and_keeps_the_copy(
    memory: tuple[FsspecBackend, str], tmp_path: Path
) -> None:
    backend, path = memory
    _, result = _conflicted(memory, tmp_path)
    assert result.outcome is Outcome.CONFLICT
    assert backend.read_range(path, 0, 100) == b"port = 8080\n"
    copy = result.copy or "(none)"
    assert copy in result.message
    assert Path(copy).read_text() == "port = 80\ndebug = true\n"


def test_conflict_overwrite(memory: tuple[FsspecBackend, str], tmp_path: Path) -> None:
    backend, path = memory
    session, conflict = _conflicted(memory, tmp_path)
    result = resolve(session, conflict, Choice.OVERWRITE)
    assert result.outcome is Outcome.WRITTEN
    assert backend.read_range(path, 0, 100) == b"port = 80\ndebug = true\n"


def test_conflict_overwrite_asks_again_after_a_second_change(
    memory: tuple[FsspecBackend, str], tmp_path: Path
) -> None:
    backend, path = memory
    session, conflict = _conflicted(memory, tmp_path)
    backend.fs.pipe_file(path, b"port = 9090 and more\n")
    result = resolve(session, conflict, Choice.OVERWRITE)
    assert result.outcome is Outcome.CONFLICT
    assert backend.read_range(path, 0, 100) == b"port = 9090 and more\n"


def test_conflict_keep_both(memory: tuple[FsspecBackend, str], tmp_path: Path) -> None:
    backend, path = memory
    session, conflict = _conflicted(memory, tmp_path)
    result = resolve(session, conflict, Choice.KEEP_BOTH)
    assert result.outcome is Outcome.WRITTEN
    assert backend.read_range(path, 0, 100) == b"port = 8080\n"
    written = result.written or ""
    assert written.startswith(f"{path}.conflict-")
    assert backend.read_range(written, 0, 100) == b"port = 80\ndebug = true\n"


def test_conflict_keep_local(memory: tuple[FsspecBackend, str], tmp_path: Path) -> None:
    backend, path = memory
    session, conflict = _conflicted(memory, tmp_path)
    result = resolve(session, conflict, Choice.KEEP_LOCAL)
    assert result.outcome is Outcome.KEPT
    assert backend.read_range(path, 0, 100) == b"port = 8080\n"
    assert result.copy is not None and result.copy in result.message
    assert Path(result.copy).read_text() == "port = 80\ndebug = true\n"


def test_conflict_name_has_the_date_and_time() -> None:
    assert conflict_name("app.conf", 0.0).startswith("app.conf.conflict-19")
    assert len(conflict_name("a")) == len("a.conflict-YYYYmmdd-HHMMSS")


# read-only
def test_read_only_setting_refuses_with_a_sentence(memory: tuple[FsspecBackend, str]) -> None:
    backend, path = memory
    with pytest.raises(ReadOnlyRefused, match="read-only"):
        open_session(backend, path, read_only=True)


def test_read_only_store_opens_a_read_only_copy_and_keeps_changes(tmp_path: Path) -> None:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("inner.txt", "inside\n")
    (tmp_path / "a.zip").write_bytes(sink.getvalue())
    local = LocalBackend()
    inside = open_archive(local, local.stat(str(tmp_path / "a.zip")))
    assert not inside.capabilities.write
    editor = EditorScript(tmp_path, append="changed\n", force=True)
    session = open_session(inside, "inner.txt")
    assert not session.writable
    status = run_editor(editor_command({"EDITOR": editor.command}), session.file)
    assert editor.seen()["mode"] == stat.S_IRUSR
    result = finish(session, status)
    assert result.outcome is Outcome.KEPT
    assert "read-only" in result.message and session.file in result.message


def test_a_folder_is_not_edited(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="folder"):
        open_session(LocalBackend(), str(tmp_path))


# local writes
def test_local_write_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "run.sh"
    target.write_text("echo hi\n")
    target.chmod(0o751)
    backend = LocalBackend()
    version = backend.write_file(str(target), b"echo bye\n", expected=backend.version(str(target)))
    assert target.read_text() == "echo bye\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o751
    assert backend.version(str(target)) == version
    assert os.listdir(tmp_path) == ["run.sh"]


def test_local_write_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    target = tmp_path / "app.conf"
    target.write_text("one\n")
    backend = LocalBackend()
    seen = backend.version(str(target))
    target.write_text("someone else's\n")
    with pytest.raises(Conflict):
        backend.write_file(str(target), b"mine\n", expected=seen)
    assert target.read_text() == "someone else's\n"
    assert os.listdir(tmp_path) == ["app.conf"]
