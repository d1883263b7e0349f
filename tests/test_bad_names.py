"""Names that are markup, escape sequences, multi-line, very long or not UTF-8 stay literal."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from spyglass.errors import describe
from spyglass.fs.entry import Entry
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.results import MessagePreview, TextPreview
from spyglass.safe_text import safe_name

NASTY_NAMES = {
    "markup": "[red]x",  # a name cannot hold "/", so no closing tag here
    "link markup": "[link=javascript:alert(1)]click",
    "clear screen": "\x1b[2J",
    "colour": "a\x1b[31mred\x1b[0m",
    "bell": "ding\x07",
    "newline": "line1\nline2",
    "tab": "a\tb",
    "carriage return": "over\rwrite",
    "bidi override": "txt.\u202eexe",
}


def listing(folder: Path) -> dict[str, Entry]:
    return {
        entry.name: entry for batch in LocalBackend().list_batches(str(folder)) for entry in batch
    }


def printed(text: str) -> str:
    """What a colour terminal receives when the UI prints this name."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=200)
    console.print(Text(text), end="")
    return out.getvalue()


@pytest.mark.parametrize("name", NASTY_NAMES.values(), ids=NASTY_NAMES.keys())
def test_nasty_names_are_listed_exactly_and_shown_escaped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("content\n")
    entry = listing(tmp_path)[name]
    assert entry.path == str(tmp_path / name)
    shown = safe_name(entry.name)
    assert shown.isprintable()
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, TextPreview)
    assert preview.lines == ["content"]


def test_escape_sequences_in_names_are_shown_as_backslash_codes() -> None:
    assert safe_name("\x1b[2J") == "\\x1b[2J"
    assert safe_name("line1\nline2") == "line1\\nline2"
    assert safe_name("a\tb") == "a\\tb"
    assert safe_name("over\rwrite") == "over\\x0dwrite"
    assert safe_name("csi\x9b1m") == "csi\\x9b1m"
    assert safe_name("txt.\u202eexe") == "txt.\\u202eexe"


def test_markup_in_names_is_printed_literally() -> None:
    output = printed(safe_name("[red]x[/red] \x1b[2J"))
    assert "[red]x[/red]" in output
    assert "\x1b[2J" not in output
    assert "\\x1b[2J" in output


def test_messages_about_nasty_names_keep_them_escaped(tmp_path: Path) -> None:
    name = "[red]boom\x1b[2J\n"
    os.mkfifo(tmp_path / name)
    preview = load_preview(LocalBackend(), listing(tmp_path)[name])
    assert isinstance(preview, MessagePreview)
    assert preview.message.startswith("[red]boom\\x1b[2J\\n is a fifo")
    assert "\x1b" not in preview.message and "\n" not in preview.message


def test_a_path_that_reads_as_markup_stays_literal_in_messages(tmp_path: Path) -> None:
    (tmp_path / "[red]x[").mkdir()
    path = tmp_path / "[red]x[" / "red]"  # shown as .../[red]x[/red]
    path.write_text("x")
    entry = LocalBackend().stat(str(path))
    path.unlink()
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview)
    assert "[red]x[/red]: it does not exist" in preview.message
    assert "[red]x[/red]" in printed(preview.message)


def test_error_about_a_deleted_file_with_a_nasty_name_is_one_safe_line(tmp_path: Path) -> None:
    name = "gone\x1b]0;title\x07\n.txt"
    (tmp_path / name).write_text("x")
    entry = listing(tmp_path)[name]
    (tmp_path / name).unlink()
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert preview.message.isprintable()
    assert "gone\\x1b]0;title\\x07\\n.txt" in preview.message


def _name_max(folder: Path) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


def test_name_of_the_maximum_length_is_listed_and_previewed(tmp_path: Path) -> None:
    limit = _name_max(tmp_path)
    ascii_name = "a" * (limit - 4) + ".txt"
    wide_name = "é" * ((limit - 4) // 2) + ".txt"  # two bytes per character
    for name in (ascii_name, wide_name):
        assert len(os.fsencode(name)) <= limit
        (tmp_path / name).write_text("long\n")
    entries = listing(tmp_path)
    for name in (ascii_name, wide_name):
        preview = load_preview(LocalBackend(), entries[name])
        assert isinstance(preview, TextPreview)
        assert preview.lines == ["long"]
    assert len(os.fsencode(ascii_name)) == limit


@pytest.mark.parametrize("length", [256, 300])
def test_longer_names_are_refused_by_the_os_and_reported_as_too_long(
    tmp_path: Path, length: int
) -> None:
    assert length > _name_max(tmp_path)
    path = tmp_path / ("n" * length)
    with pytest.raises(OSError) as raised:
        path.write_text("x")
    assert raised.value.errno == errno.ENAMETOOLONG
    with pytest.raises(OSError) as stat_raised:
        LocalBackend().stat(str(path))
    assert describe(stat_raised.value, "open", "n…") == "Cannot open n…: the name is too long."


def test_names_that_are_not_utf8_are_listed_and_made_visible(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff\xfe.txt")
    with open(raw, "wb") as handle:
        handle.write(b"latin name\n")
    [entry] = listing(tmp_path).values()
    assert os.fsencode(entry.name) == b"caf\xe9-\xff\xfe.txt"
    shown = safe_name(entry.name)
    assert shown == "caf\\xe9-\\xff\\xfe.txt"
    shown.encode("utf-8")  # printable on any UTF-8 terminal: no lone surrogates left
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, TextPreview)
    assert preview.lines == ["latin name"]


def test_messages_about_names_that_are_not_utf8_can_be_printed(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"pipe-\x80")
    os.mkfifo(raw)
    [entry] = listing(tmp_path).values()
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview)
    assert preview.message.startswith("pipe-\\x80 is a fifo")
    preview.message.encode("utf-8")
