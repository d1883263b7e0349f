"""`spyglass edit`: exit 0 written or unchanged, 1 refused or failed (the copy named), 2 usage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spyglass.cli import main
from tests.support.editor_script import EditorScript


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    target = tmp_path / "app.conf"
    target.write_text("port = 80\n")
    return target


def test_edit_writes_and_exits_0(
    conf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EDITOR", EditorScript(conf.parent, append="debug = true\n").command)
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["edit", str(conf)]) == 0
    assert conf.read_text() == "port = 80\ndebug = true\n"
    assert "Saved" in capsys.readouterr().err


def test_unchanged_edit_exits_0_and_touches_nothing(
    conf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = os.stat(conf).st_mtime_ns
    monkeypatch.setenv("VISUAL", EditorScript(conf.parent).command)
    assert main(["edit", str(conf)]) == 0
    assert os.stat(conf).st_mtime_ns == before


def test_read_only_refuses_with_a_sentence(
    conf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = EditorScript(conf.parent, append="x")
    monkeypatch.setenv("VISUAL", editor.command)
    assert main(["edit", "--read-only", str(conf)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert conf.read_text() == "port = 80\n"
    assert not (conf.parent / "seen.json").exists()


def test_read_only_from_the_configuration(
    conf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("read_only = true\n")
    monkeypatch.setenv("VISUAL", EditorScript(conf.parent, append="x").command)
    assert main(["edit", "--config", str(settings), str(conf)]) == 1
    assert conf.read_text() == "port = 80\n"


def test_missing_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["edit"]) == 2
    assert "spyglass:" in capsys.readouterr().err


def test_no_editor_is_a_usage_error(
    conf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(conf.parent))
    assert main(["edit", str(conf)]) == 2
    assert "$EDITOR" in capsys.readouterr().err


def test_a_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISUAL", EditorScript(tmp_path).command)
    assert main(["edit", str(tmp_path)]) == 1
    assert "folder" in capsys.readouterr().err


def test_editor_that_cannot_run_is_a_sentence(
    conf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor")
    assert main(["edit", str(conf)]) == 1
    assert "cannot run the editor" in capsys.readouterr().err
