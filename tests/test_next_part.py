"""Load-more as a delta: read without touching the preview, then applied where it is shown."""

from __future__ import annotations

import copy
from pathlib import Path

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.next_part import NextPart, apply_next_part, failed_part, load_more
from spyglass.previews.results import HexPreview, Note, NoteKind, TextPreview


def _text(path: Path, budget: int) -> TextPreview:
    backend = LocalBackend()
    preview = load_preview(backend, backend.stat(str(path)), budget)
    assert isinstance(preview, TextPreview), preview
    return preview


def _next(path: Path, preview: TextPreview | HexPreview, budget: int) -> NextPart:
    more = load_more(LocalBackend(), str(path), preview, budget)
    assert more is not None
    return more


def test_reading_the_next_part_leaves_the_preview_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("".join(f"line {n} {'é' * (n % 7)}\n" for n in range(1000)))
    preview = _text(path, 1024)
    shown = preview.lines
    before = copy.deepcopy(preview)
    more = _next(path, preview, 1024)
    assert more.lines
    assert preview == before
    assert preview.lines is shown


def test_a_part_applies_once_and_a_second_apply_changes_nothing(tmp_path: Path) -> None:
    text = "".join(f"line {n}\n" for n in range(1000))
    path = tmp_path / "lines.txt"
    path.write_text(text)
    preview = _text(path, 1024)
    more = _next(path, preview, 1024)
    assert apply_next_part(preview, more)
    after_first = copy.deepcopy(preview)
    assert not apply_next_part(preview, more)
    assert preview == after_first
    assert apply_next_part(preview, _next(path, preview, 1024))
    assert preview.lines == text.splitlines()[: len(preview.lines)]
    assert preview.part is not None and preview.part.shown_bytes == len(
        "\n".join(preview.lines) + "\n"
    )


def test_the_notes_say_how_much_is_shown_after_each_part(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"abcdefghijklmno\n" * 768)  # 12 KiB
    preview = _text(path, 4096)
    more = _next(path, preview, 4096)
    assert [note.shown_text for note in more.notes if note.kind is NoteKind.PART] == [
        "first 8.0 KiB of 12 KiB shown: scroll to the end to load more"
    ]
    apply_next_part(preview, more)
    last = _next(path, preview, 4096)
    assert last.part.complete
    assert [note for note in last.notes if note.kind is NoteKind.PART] == []
    assert [note for note in last.notes if note.kind is NoteKind.INFO] == [
        note for note in preview.notes if note.kind is NoteKind.INFO
    ]


def test_reading_past_the_end_of_a_file_that_shrank_completes_the_preview(tmp_path: Path) -> None:
    path = tmp_path / "shrinks.txt"
    path.write_text("kept line\n" * 1000 + "no newline at the end")
    preview = _text(path, 4096)
    with path.open("r+b") as handle:
        handle.truncate(4096)
    more = _next(path, preview, 4096)
    assert more.part.complete
    assert more.data == b""
    apply_next_part(preview, more)
    assert preview.part is not None and preview.part.complete
    assert preview.lines == ["kept line"] * 409 + ["kept l"]
    assert load_more(LocalBackend(), str(path), preview, 4096) is None


def test_a_character_split_across_parts_is_finished_by_the_next_part(tmp_path: Path) -> None:
    path = tmp_path / "euro.txt"
    path.write_bytes(b"x" * 1023 + "€\nafter\n".encode())
    preview = _text(path, 1024)
    assert preview.lines == ["x" * 1023]
    assert preview.continuation.carry == "€".encode()[:1]
    more = _next(path, preview, 1024)
    assert more.continues_last
    assert more.lines == ("€", "after")
    apply_next_part(preview, more)
    assert preview.lines == ["x" * 1023 + "€", "after"]
    assert preview.continuation.carry == b""


def test_a_line_longer_than_a_part_grows_with_each_part(tmp_path: Path) -> None:
    path = tmp_path / "minified.js"
    path.write_text("é" * 3000 + "\nshort\n", encoding="utf-8")
    preview = _text(path, 1024)
    assert len(preview.lines) == 1
    deltas = []
    while preview.part is not None and not preview.part.complete:
        more = _next(path, preview, 1024)
        deltas.append(more)
        assert apply_next_part(preview, more)
    assert all(more.continues_last for more in deltas)
    assert all(len(more.lines) == 1 for more in deltas[:-1])
    assert preview.lines == ["é" * 3000, "short"]


def test_hex_parts_add_bytes_once(tmp_path: Path) -> None:
    data = bytes(range(256)) * 12
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    backend = LocalBackend()
    preview = load_preview(backend, backend.stat(str(path)), 1024)
    assert isinstance(preview, HexPreview)
    more = _next(path, preview, 1024)
    assert more.data == data[1024:2048] and more.lines == ()
    assert preview.data == data[:1024]
    assert apply_next_part(preview, more)
    assert not apply_next_part(preview, more)
    assert preview.data == data[:2048]


def test_a_failed_read_says_why_and_asks_for_no_more(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("line\n" * 1000)
    preview = _text(path, 1024)
    shown = list(preview.lines)
    problem = Note("Cannot read more of gone.txt: it is gone.", NoteKind.PROBLEM)
    more = failed_part(preview, problem)
    assert more is not None
    assert apply_next_part(preview, more)
    assert preview.lines == shown
    assert preview.part is not None and preview.part.complete
    assert preview.notes[-1] == problem
