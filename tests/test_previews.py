"""Which previewer shows a file, and what it shows: text, encodings, JSON, Markdown, code, hex."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews import loader
from spyglass.previews.hex_dump import hex_line
from spyglass.previews.loader import folder_summary, load_preview, summarize_folder
from spyglass.previews.results import (
    HexPreview,
    MessagePreview,
    Note,
    NoteKind,
    Preview,
    RenderablePreview,
    TextPreview,
)
from tests.support.counting_backend import CountingBackend


def preview_of(folder: Path, name: str, data: bytes, max_bytes: int = 1024 * 1024) -> Preview:
    path = folder / name
    path.write_bytes(data)
    backend = LocalBackend()
    return load_preview(backend, backend.stat(str(path)), max_bytes)


def text_of(folder: Path, name: str, data: bytes) -> TextPreview:
    preview = preview_of(folder, name, data)
    assert isinstance(preview, TextPreview), preview
    return preview


def rendered(preview: RenderablePreview) -> str:
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(preview.renderable)
    return out.getvalue()


# untrusted content


def test_terminal_escape_sequences_in_content_are_shown_escaped(tmp_path: Path) -> None:
    data = b"clear \x1b[2J red \x1b[31mX\x1b[0m bell \x07 title \x1b]0;pwned\x07 csi \xc2\x9b1m\n"
    preview = text_of(tmp_path, "log.txt", data)
    [line] = preview.lines
    assert line == (
        "clear \\x1b[2J red \\x1b[31mX\\x1b[0m bell \\x07 title \\x1b]0;pwned\\x07 csi \\x9b1m"
    )


def test_content_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "notes.txt", b"[red]x[/red] [bold]b[/]\n")
    assert preview.lines == ["[red]x[/red] [bold]b[/]"]
    assert preview.lexer is None


def test_bidi_overrides_in_content_are_made_visible(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "trick.txt", "access = \u202eeurt\u202c\n".encode())
    assert preview.lines == ["access = \\u202eeurt\\u202c"]


def test_crlf_line_endings_are_removed_and_tabs_kept(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "dos.txt", b"one\r\ntwo\tcols\r\n")
    assert preview.lines == ["one", "two\tcols"]


# encodings

LATIN_1 = "Grüße aus München! Ça va très bien, merci à vous.\n" * 4
CP1252 = "\u201cSmart quotes\u201d cost €100 — really… \u2018yes\u2019.\n" * 4
SHIFT_JIS = "日本語のテキストです。これはテストです。\n" * 4


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(LATIN_1, "latin-1"), (CP1252, "cp1252"), (SHIFT_JIS, "shift_jis")],
    ids=["latin-1", "cp1252", "shift_jis"],
)
def test_text_in_a_legacy_encoding_is_detected_and_named(
    tmp_path: Path, text: str, encoding: str
) -> None:
    preview = text_of(tmp_path, "legacy.txt", text.encode(encoding))
    assert preview.lines == text.splitlines()
    assert preview.encoding != "utf-8"
    assert preview.encoding in preview.note_texts[0]
    assert "\ufffd" not in "".join(preview.lines)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "wide text: ÿ€日本\nsecond line\n"
    preview = text_of(tmp_path, "wide.txt", bom + text.encode(codec))
    assert preview.lines == ["wide text: ÿ€日本", "second line"]
    assert preview.encoding.startswith("utf-16")
    assert "utf-16" in preview.note_texts[0]


def test_utf8_with_a_byte_order_mark_hides_the_mark(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "bom.txt", codecs.BOM_UTF8 + "naïve\n".encode())
    assert preview.lines == ["naïve"]


def test_utf8_with_a_few_bad_bytes_keeps_utf8_and_shows_replacement_characters(
    tmp_path: Path,
) -> None:
    good = "naïve café — “quotes” and 日本\n" * 20
    data = good.encode() + b"broken \xff\xfe here \xc3 and there\n"
    preview = text_of(tmp_path, "mostly.txt", data)
    assert preview.encoding == "utf-8"
    assert preview.lines[:20] == good.splitlines()
    assert preview.lines[20] == "broken \ufffd\ufffd here \ufffd and there"
    assert any("invalid byte" in note for note in preview.note_texts)


def test_one_bad_byte_in_ascii_text_is_a_replacement_character(tmp_path: Path) -> None:
    data = b"plain log line\n" * 100 + b"oops \x9d\n"
    preview = text_of(tmp_path, "app.log", data)
    assert preview.encoding == "utf-8"
    assert preview.lines[-1] == "oops \ufffd"
    assert "1 invalid byte shown as \ufffd" in preview.note_texts


# JSON


def test_valid_json_is_pretty_printed_and_highlighted(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "data.json", b'{"name": "x", "items": [1, 2], "ok": true}')
    assert preview.title == "JSON"
    assert preview.lexer == "json"
    pretty = json.dumps({"name": "x", "items": [1, 2], "ok": True}, indent=2)
    assert preview.lines == pretty.splitlines()
    assert preview.note_texts[0] == f"{len(preview.lines)} lines pretty-printed · utf-8"


def test_json_without_an_extension_is_recognised_by_its_first_byte(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "response", b'  [{"a": 1}]')
    assert preview.title == "JSON"
    assert preview.lines[0] == "["


def test_invalid_json_is_shown_as_text_with_the_error_and_its_line(tmp_path: Path) -> None:
    data = b'{\n  "a": 1,\n  "b": ,\n  "c": 3\n}\n'
    preview = text_of(tmp_path, "broken.json", data)
    assert preview.title == "Invalid JSON"
    assert preview.note_texts[0] == "Invalid JSON: Expecting value at line 3, column 8"
    assert preview.notes[0].kind is NoteKind.PROBLEM
    assert preview.lines == data.decode().splitlines()


def test_partial_json_is_shown_as_it_is(tmp_path: Path) -> None:
    data = json.dumps({"rows": [{"id": i} for i in range(500)]}, indent=1).encode()
    preview = preview_of(tmp_path, "big.json", data, max_bytes=2048)
    assert isinstance(preview, TextPreview)
    assert preview.note_texts[0] == "partial file: shown as it is, not checked"
    assert preview.part is not None and not preview.part.complete
    assert preview.lines == data[: preview.part.shown_bytes].decode().splitlines()


def test_a_partial_text_file_says_which_part_it_shows_and_how_to_see_more(
    tmp_path: Path,
) -> None:
    preview = preview_of(tmp_path, "big.txt", b"0123456789abcde\n" * 512, max_bytes=4096)
    parts = [note for note in preview.notes if note.kind is NoteKind.PART]
    assert parts == [
        Note("first 4.0 KiB of 8.0 KiB shown", NoteKind.PART, "scroll to the end to load more")
    ]
    assert parts[0].shown_text == "first 4.0 KiB of 8.0 KiB shown: scroll to the end to load more"


def test_a_previewer_that_fails_leaves_a_problem_note_on_the_fallback(tmp_path: Path) -> None:
    preview = preview_of(tmp_path, "ragged.csv", b"a,b,c\n1,2,3\n4,5\n")
    assert isinstance(preview, TextPreview)
    first = preview.notes[0]
    assert first.kind is NoteKind.PROBLEM
    assert first.text.startswith("Cannot show as csv")
    assert [note.kind for note in preview.notes[1:]] == [NoteKind.INFO]


def test_deeply_nested_json_falls_back_to_text_not_crash(tmp_path: Path) -> None:
    data = b"[" * 100_000 + b"]" * 100_000
    preview = preview_of(tmp_path, "deep.json", data, max_bytes=len(data))
    assert isinstance(preview, TextPreview)
    assert preview.lines == [data.decode()]


# Markdown


def test_markdown_is_rendered_not_shown_as_source(tmp_path: Path) -> None:
    data = b"# Title\n\nSome *emphasis* and **bold**.\n\n- item one\n- item two\n"
    preview = preview_of(tmp_path, "README.md", data)
    assert isinstance(preview, RenderablePreview)
    assert preview.title == "Markdown"
    out = rendered(preview)
    assert "Title" in out and "# Title" not in out
    assert "Some emphasis and bold." in out
    assert "• item one" in out


def test_markdown_does_not_interpret_markup_or_escape_sequences(tmp_path: Path) -> None:
    data = b"Text [red]x[/red] and \x1b[2J here.\n"
    preview = preview_of(tmp_path, "notes.md", data)
    assert isinstance(preview, RenderablePreview)
    out = rendered(preview)
    assert "[red]x[/red]" in out
    assert "\x1b" not in out and "\\x1b[2J" in out


# code


@pytest.mark.parametrize(
    ("name", "data", "lexer"),
    [
        ("tool.py", b"def main():\n    return 0\n", "python"),
        ("lib.rs", b"fn main() {}\n", "rust"),
        ("Makefile", b"all:\n\techo hi\n", "make"),
        ("deploy", b"#!/usr/bin/env bash\necho deploying\n", "bash"),
        ("run", b"#!/usr/bin/python3\nprint('x')\n", "python"),
        ("page", b"<!DOCTYPE html>\n<html><body>hi</body></html>\n", "html"),
        ("feed", b'<?xml version="1.0"?>\n<feed><entry/></feed>\n', "xml"),
    ],
    ids=["by extension", "rust", "by file name", "env shebang", "shebang", "html", "xml"],
)
def test_code_is_highlighted_by_name_shebang_or_content(
    tmp_path: Path, name: str, data: bytes, lexer: str
) -> None:
    preview = text_of(tmp_path, name, data)
    assert preview.lexer == lexer
    assert preview.lines == data.decode().splitlines()


def test_prose_files_are_never_guessed_as_code(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "notes.txt", b"#!/usr/bin/env python3\ndef f(): pass\n")
    assert preview.lexer is None
    assert preview.title == "Text"


def test_unknown_text_without_a_lexer_is_plain_text(tmp_path: Path) -> None:
    preview = text_of(tmp_path, "notes", b"just some words\nand more words\n")
    assert preview.title == "Text"
    assert preview.lexer is None
    assert preview.note_texts[0] == "2 lines · utf-8"


# binary


def test_binary_file_is_a_hex_dump(tmp_path: Path) -> None:
    data = bytes(range(256))
    preview = preview_of(tmp_path, "blob.bin", data)
    assert isinstance(preview, HexPreview)
    assert preview.data == data
    assert preview.note_texts[:2] == ["binary data", "256 B"]
    assert preview.part is not None and preview.part.complete


def test_known_binary_formats_are_named(tmp_path: Path) -> None:
    preview = preview_of(tmp_path, "x.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    assert isinstance(preview, HexPreview)
    assert preview.note_texts[0] == "GZIP data"


def test_hex_lines_show_offset_bytes_and_printable_characters() -> None:
    data = b"Hello, \x00world!\x1b\xff" + b"tail"
    assert hex_line(data, 0) == (
        "00000000",
        "48 65 6c 6c 6f 2c 20 00  77 6f 72 6c 64 21 1b ff",
        "Hello, .world!..",
    )
    assert hex_line(data, 16) == ("00000010", "74 61 69 6c", "tail")


# empty, folders, special


def test_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    preview = preview_of(tmp_path, "empty.txt", b"")
    assert isinstance(preview, MessagePreview)
    assert preview.title == "Empty file"
    assert preview.message == f"{tmp_path / 'empty.txt'} is empty (0 bytes)."


def test_folder_summary_counts_entries_and_adds_file_sizes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    (tmp_path / "b.bin").write_bytes(b"x" * 2048)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_bytes(b"not counted: one listing only")
    backend = CountingBackend(LocalBackend())
    preview = load_preview(backend, backend.stat(str(tmp_path)))
    assert isinstance(preview, MessagePreview)
    assert preview.message == f"{tmp_path}: 3 entries."
    assert dict(preview.details) == {
        "Entries": "3",
        "Folders": "1",
        "Files": "2",
        "Total size of files": "2.0 KiB",
    }
    assert backend.listings == 1
    assert backend.reads == []


def test_folder_summary_of_a_cancelled_listing_says_so_far(tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"f{index}").touch()
    backend = LocalBackend()
    preview = folder_summary(backend, backend.stat(str(tmp_path)), cancelled=lambda: True)
    assert "so far" in preview.message


def test_a_huge_folder_the_tree_has_not_opened_is_summed_up_from_its_first_entries(
    tmp_path: Path,
) -> None:
    # The tree lists a folder it opens in a cheaper form; the preview stops early.
    for index in range(loader.SUMMARY_LIMIT + 1):
        (tmp_path / f"f{index:05}").touch()
    backend = LocalBackend()
    preview = load_preview(backend, backend.stat(str(tmp_path)))
    assert isinstance(preview, MessagePreview)
    assert preview.message == f"{tmp_path}: more than 10,000 entries; open it to list them all."
    assert dict(preview.details) == {"Entries": "more than 10,000"}
    small = folder_summary(backend, backend.stat(str(tmp_path)))
    assert small.message == preview.message


def test_folder_summary_counts_special_entries_as_other() -> None:
    entries = [
        Entry("a", "/r/a", Kind.FILE, size=1),
        Entry("p", "/r/p", Kind.FIFO, size=0),
        Entry("l", "/r/l", Kind.SYMLINK, error="symlink loop"),
    ]
    preview = summarize_folder("/r", entries, complete=True)
    assert preview.message == "/r: 3 entries."
    assert dict(preview.details)["Other"] == "2"


def test_entry_with_an_error_is_shown_as_that_error() -> None:
    entry = Entry("x", "/r/x", Kind.OTHER, error="Permission denied")
    preview = load_preview(LocalBackend(), entry)
    assert isinstance(preview, MessagePreview)
    assert (preview.level, preview.message) == ("error", "/r/x: Permission denied.")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_proc_files_that_report_size_zero_are_read_anyway() -> None:
    backend = LocalBackend()
    entry = backend.stat("/proc/self/status")
    assert entry.size == 0
    preview = load_preview(backend, entry)
    assert isinstance(preview, TextPreview)
    assert preview.lines[0].startswith("Name:")


def test_file_emptied_after_listing_is_shown_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "shrunk.txt"
    path.write_text("was here\n")
    backend = LocalBackend()
    entry = backend.stat(str(path))
    path.write_text("")
    preview = load_preview(backend, entry)
    assert isinstance(preview, MessagePreview)
    assert preview.title == "Empty file"
