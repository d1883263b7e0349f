"""`spyglass edit` and the edit session against the real loopback S3, GCS, Azure and SFTP."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from spyglass.config import Config
from spyglass.edit import command
from spyglass.edit.editor import editor_command, run_editor
from spyglass.edit.session import Choice, Outcome, finish, open_session, resolve
from spyglass.location import open_backend
from spyglass.location import resolve as resolve_location
from tests.remote.conftest import Case, Servers
from tests.remote.servers import MotoServer
from tests.support.editor_script import EditorScript

REMOTE = ("s3", "gcs", "azure", "sftp")
ORIGINAL = b"port = 80\n"
THEIRS = "port = 8080 # changed by someone else\n"
_names = itertools.count()


@pytest.fixture(params=REMOTE)
def remote(request: pytest.FixtureRequest, servers: Servers) -> Case:
    return servers.case(request.param)


def _fresh(case: Case) -> tuple[str, str]:
    """A new file on the store: its URL-relative name and its backend path."""
    name = f"edit-{case.name}-{next(_names)}.conf"
    backend, root = case.backend()
    path = backend.join(root, name)
    backend.write_file(path, ORIGINAL, expected=None)
    return name, path


def _read(case: Case, path: str) -> bytes:
    backend, _ = case.backend()
    return backend.read_range(path, 0, 1000)


def test_edit_writes_the_change_back(
    remote: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, path = _fresh(remote)
    editor = EditorScript(tmp_path, append="debug = true\n")
    monkeypatch.setenv("VISUAL", editor.command)
    assert command.run(remote.location(name), Config()) == 0
    assert _read(remote, path) == ORIGINAL + b"debug = true\n"
    seen = editor.seen()
    assert os.path.basename(seen["path"]) == name and seen["mode"] == 0o600
    assert not os.path.exists(seen["path"])
    assert "Saved" in capsys.readouterr().err


def test_unchanged_edit_writes_nothing(
    remote: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, path = _fresh(remote)
    backend, _ = remote.backend()
    before = backend.version(path)
    monkeypatch.setenv("VISUAL", EditorScript(tmp_path).command)
    assert command.run(remote.location(name), Config()) == 0
    assert backend.version(path) == before


def _meddler(case: Case, name: str) -> dict[str, object]:
    url = case.url.rstrip("/") + f"/{name}"
    return {"url": url, "options": dict(case.options), "content": THEIRS}


def test_conflict_overwrites_nothing_and_names_the_copy(
    remote: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, path = _fresh(remote)
    editor = EditorScript(tmp_path, append="debug = true\n", meddle=_meddler(remote, name))
    monkeypatch.setenv("VISUAL", editor.command)
    assert command.run(remote.location(name), Config()) == 1
    assert _read(remote, path) == THEIRS.encode()
    copy = editor.seen()["path"]
    assert copy in capsys.readouterr().err
    assert Path(copy).read_bytes() == ORIGINAL + b"debug = true\n"


@pytest.mark.parametrize("choice", list(Choice))
def test_each_answer_to_a_conflict(remote: Case, tmp_path: Path, choice: Choice) -> None:
    name, path = _fresh(remote)
    backend, _ = remote.backend()
    editor = EditorScript(tmp_path, append="debug = true\n", meddle=_meddler(remote, name))
    session = open_session(backend, path)
    conflict = finish(session, run_editor(editor_command({"EDITOR": editor.command}), session.file))
    assert conflict.outcome is Outcome.CONFLICT
    result = resolve(session, conflict, choice)
    mine = ORIGINAL + b"debug = true\n"
    if choice is Choice.OVERWRITE:
        assert result.outcome is Outcome.WRITTEN
        assert _read(remote, path) == mine
        return
    assert _read(remote, path) == THEIRS.encode()
    if choice is Choice.KEEP_BOTH:
        assert result.outcome is Outcome.WRITTEN and result.written is not None
        assert f"{name}.conflict-" in result.written
        assert _read(remote, result.written) == mine
    else:
        assert result.outcome is Outcome.KEPT and result.copy is not None
        assert result.copy in result.message and Path(result.copy).read_bytes() == mine


def test_upload_to_a_stopped_sftp_server_keeps_the_copy(servers: Servers, tmp_path: Path) -> None:
    case = servers.case("sftp")
    assert case.server is not None
    _name, path = _fresh(case)
    backend, _ = open_backend(case.location(timeout=5))
    editor = EditorScript(tmp_path, append="debug = true\n")
    session = open_session(backend, path)
    status = run_editor(editor_command({"EDITOR": editor.command}), session.file)
    case.server.stop()
    try:
        result = finish(session, status)
    finally:
        case.server.start()
    assert result.outcome is Outcome.FAILED
    assert result.copy == session.file and session.file in result.message
    assert Path(session.file).read_bytes() == ORIGINAL + b"debug = true\n"
    assert _read(case, path) == ORIGINAL


def test_upload_to_a_stopped_s3_server_keeps_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("s3fs")
    server = MotoServer()
    server.start()
    try:
        location = resolve_location("s3://lonely/app.conf", server.options(), timeout=5)
        backend, path = open_backend(location)
        backend.fs.mkdir("lonely")  # type: ignore[attr-defined]
        backend.write_file(path, ORIGINAL, expected=None)
        session = open_session(backend, path)
        status = run_editor(
            editor_command({"EDITOR": EditorScript(tmp_path, append="x\n").command}), session.file
        )
        server.stop()
        result = finish(session, status)
    finally:
        server.cleanup()
    assert result.outcome is Outcome.FAILED
    assert "Cannot write" in result.message and session.file in result.message
    assert Path(session.file).read_bytes() == ORIGINAL + b"x\n"


def test_http_copy_opens_read_only(
    servers: Servers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = servers.case("http")
    editor = EditorScript(tmp_path)
    monkeypatch.setenv("VISUAL", editor.command)
    assert command.run(case.location("hello.txt"), Config()) == 0
    assert editor.seen()["mode"] == 0o400
    assert "read-only" in capsys.readouterr().err


def test_http_copy_changed_anyway_is_kept_and_nothing_is_written(
    servers: Servers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = servers.case("http")
    editor = EditorScript(tmp_path, append="x\n", force=True)
    monkeypatch.setenv("VISUAL", editor.command)
    assert command.run(case.location("hello.txt"), Config()) == 1
    copy = editor.seen()["path"]
    assert copy in capsys.readouterr().err
    assert Path(copy).read_bytes() == b"hello from spyglass\nx\n"
    assert _read(case, case.backend()[1] + "/hello.txt") == b"hello from spyglass\n"
