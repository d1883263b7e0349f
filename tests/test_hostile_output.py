"""One hostile string in every channel: `spyglass cat` writes no control sequence of its own.

The TUI side of the same check is tests/ui/test_hostile_terminal.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from spyglass.cli import main
from spyglass.safe_text import KEPT_FORMAT_CHARACTERS, make_safe, safe_name
from tests.support.hostile import (
    CHANNELS as HOSTILE_CHANNELS,
)
from tests.support.hostile import (
    HOSTILE,
    HOSTILE_NAME,
    SHOWN_ESCAPED,
    build_hostile_folder,
    foreign_controls,
)


class _Terminal(io.StringIO):
    """Standard output as a terminal, so that cat writes colours and highlighting."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "files"
    return root, build_hostile_folder(root)


def run_cat(
    path: Path, *, terminal: bool, monkeypatch: pytest.MonkeyPatch, home: Path
) -> tuple[int, str, str]:
    out: io.StringIO = _Terminal() if terminal else io.StringIO()
    err = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        patch.delenv("NO_COLOR", raising=False)
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        status = main(["cat", str(path)])
    return status, out.getvalue(), err.getvalue()


CHANNELS = list(HOSTILE_CHANNELS)


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize("channel", CHANNELS)
def test_cat_prints_no_foreign_control_sequence(
    hostile: tuple[Path, dict[str, str]],
    channel: str,
    terminal: bool,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root, names = hostile
    status, out, err = run_cat(
        root / names[channel], terminal=terminal, monkeypatch=monkeypatch, home=tmp_path
    )
    assert foreign_controls(out) == [], out
    assert foreign_controls(err) == [], err
    assert status in (0, 1)


@pytest.mark.parametrize("channel", ["text", "code", "json", "json escapes", "markdown"])
def test_cat_shows_the_hostile_text_escaped_not_dropped(
    hostile: tuple[Path, dict[str, str]],
    channel: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root, names = hostile
    status, out, _ = run_cat(
        root / names[channel], terminal=False, monkeypatch=monkeypatch, home=tmp_path
    )
    assert status == 0
    for marker in SHOWN_ESCAPED:
        assert marker in out
    assert "[bold red]x" in out  # markup stays text


def test_a_sqlite_error_that_quotes_a_hostile_name_reaches_stderr_escaped(
    hostile: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root, names = hostile
    _, _, err = run_cat(
        root / names["sqlite error"], terminal=False, monkeypatch=monkeypatch, home=tmp_path
    )
    assert foreign_controls(err) == []
    line = err.replace("\n", "")  # a console that is not a terminal wraps at 80 columns
    assert "SQLite cannot read it: no such table" in line
    assert "\\x1b]0;TITLE-MARK" in line


def test_cat_of_a_missing_file_with_a_hostile_name_is_one_safe_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status, out, err = run_cat(
        tmp_path / HOSTILE_NAME, terminal=False, monkeypatch=monkeypatch, home=tmp_path
    )
    assert status != 0 and out == ""
    assert foreign_controls(err) == []
    assert err.count("\n") == 1


def test_every_invisible_format_character_is_escaped() -> None:
    import unicodedata

    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Zl", "Zp") and code not in KEPT_FORMAT_CHARACTERS:
            shown = safe_name(char)
            assert shown != char and shown.isascii(), f"U+{code:04X} ({category})"


def test_the_sanitiser_keeps_ordinary_text_and_layout() -> None:
    text = "naïve café 😀 👩\u200d💻 \u0645\u06cc\u200c\u062e\u0648\u0627\u0645\tcol\nline"
    assert make_safe(text) == text
    assert safe_name(text) == text.replace("\t", "\\t").replace("\n", "\\n")


def test_the_sanitiser_is_idempotent() -> None:
    once = safe_name(HOSTILE)
    assert safe_name(once) == once
    assert make_safe(make_safe(HOSTILE)) == make_safe(HOSTILE)
    assert once.isprintable()


def test_an_error_carried_by_an_entry_is_one_safe_line() -> None:
    from spyglass.fs.entry import Entry, Kind

    entry = Entry("x", "/x", Kind.SYMLINK, error=f"the link target cannot be reached: {HOSTILE}\n")
    assert entry.error is not None and entry.error.isprintable()
    assert foreign_controls(entry.error) == []
