"""Reads stop at the budget, the pane says which part it shows, and more loads on demand."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.next_part import apply_next_part, load_more
from spyglass.previews.results import (
    HexPreview,
    NoteKind,
    Preview,
    RenderablePreview,
    TextPreview,
)
from tests.support.counting_backend import CountingBackend

MiB = 1024 * 1024
GiB = 1024 * MiB


def sparse_file(path: Path, head: bytes, size: int) -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def open_preview(path: Path, max_bytes: int) -> tuple[CountingBackend, Preview]:
    backend = CountingBackend(LocalBackend())
    return backend, load_preview(backend, backend.stat(str(path)), max_bytes)


def read_more(backend: CountingBackend, path: Path, preview: Preview, max_bytes: int) -> None:
    """Read the next part and add it to the preview, as the pane does."""
    assert isinstance(preview, TextPreview | HexPreview)
    more = load_more(backend, str(path), preview, max_bytes)
    if more is not None:
        assert apply_next_part(preview, more)


def load_all(backend: CountingBackend, path: Path, preview: Preview, max_bytes: int) -> int:
    """Load parts until the file is complete; returns how many more parts it took."""
    parts = 0
    while preview.part is not None and preview.part.next_offset is not None:
        read_more(backend, path, preview, max_bytes)
        parts += 1
        assert parts < 10_000
    return parts


def part_notes(preview: Preview) -> list[str]:
    return [note.shown_text for note in preview.notes if note.kind is NoteKind.PART]


def test_sparse_5gib_text_file_reads_only_the_budget(public_dir: Path) -> None:
    path = sparse_file(public_dir / "huge.log", b"log line\n" * 200_000, 5 * GiB)
    backend, preview = open_preview(path, MiB)
    assert isinstance(preview, TextPreview)
    assert backend.bytes_read <= MiB
    assert len(backend.reads) == 1
    assert "first 1.0 MiB of 5.0 GiB shown: scroll to the end to load more" in preview.note_texts
    assert preview.lines[0] == "log line"
    assert preview.part is not None and preview.part.total_bytes == 5 * GiB


def test_sparse_5gib_binary_file_reads_only_the_budget(public_dir: Path) -> None:
    path = sparse_file(public_dir / "disk.img", b"\x7fELF", 5 * GiB)
    backend, preview = open_preview(path, MiB)
    assert isinstance(preview, HexPreview)
    assert backend.bytes_read == MiB == len(preview.data)
    assert preview.note_texts[0] == "ELF data"
    assert "first 1.0 MiB of 5.0 GiB shown: scroll to the end to load more" in preview.note_texts


def test_budget_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "medium.txt"
    path.write_bytes(b"0123456789abcde\n" * 4096)  # 64 KiB
    backend, preview = open_preview(path, 4096)
    assert backend.bytes_read == 4096
    assert "first 4.0 KiB of 64 KiB shown: scroll to the end to load more" in preview.note_texts
    assert isinstance(preview, TextPreview) and len(preview.lines) == 256


def test_load_more_appends_the_next_part_until_the_end(tmp_path: Path) -> None:
    text = "".join(f"line {number}: {'x' * (number % 37)}\n" for number in range(2000))
    path = tmp_path / "numbered.txt"
    path.write_text(text)
    backend, preview = open_preview(path, 4096)
    assert isinstance(preview, TextPreview)
    first_lines = len(preview.lines)
    read_more(backend, path, preview, 4096)
    assert len(preview.lines) > first_lines
    assert preview.lines[: first_lines + 1] == text.splitlines()[: first_lines + 1]
    load_all(backend, path, preview, 4096)
    assert preview.lines == text.splitlines()
    assert all(size <= 4096 for _, size in backend.reads)
    assert sum(size for _, size in backend.reads) <= len(text) + 4096
    assert preview.part is not None and preview.part.complete
    assert part_notes(preview) == []


def test_load_more_updates_how_much_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"abcdefghijklmno\n" * 1024)  # 16 KiB
    backend, preview = open_preview(path, 4096)
    read_more(backend, path, preview, 4096)
    assert "first 8.0 KiB of 16 KiB shown: scroll to the end to load more" in preview.note_texts
    assert part_notes(preview) == ["first 8.0 KiB of 16 KiB shown: scroll to the end to load more"]


@pytest.mark.parametrize("budget", [1024, 1025, 1026, 1027])
def test_a_character_split_across_the_boundary_is_decoded_whole(
    tmp_path: Path, budget: int
) -> None:
    text = "".join(f"{'é' * (number % 50)}€日本{number}\n" for number in range(300))
    path = tmp_path / "accents.txt"
    path.write_text(text, encoding="utf-8")
    backend, preview = open_preview(path, budget)
    assert isinstance(preview, TextPreview)
    load_all(backend, path, preview, budget)
    assert preview.lines == text.splitlines()
    assert preview.encoding == "utf-8"


@pytest.mark.parametrize("budget", [1024, 1025, 1027])
def test_a_line_longer_than_the_budget_stays_one_line(tmp_path: Path, budget: int) -> None:
    text = "é" * 3000 + "\nshort\n" + "x" * 2500
    path = tmp_path / "minified.js"
    path.write_text(text, encoding="utf-8")
    backend, preview = open_preview(path, budget)
    assert isinstance(preview, TextPreview)
    assert preview.lines and preview.lines[0].startswith("éé")
    load_all(backend, path, preview, budget)
    assert preview.lines == text.splitlines()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_load_more_continues_utf16_text(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "".join(f"line {number} wörld 日本\n" for number in range(400))
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(codec))
    backend, preview = open_preview(path, 1024)
    assert isinstance(preview, TextPreview)
    assert preview.lines[0] == "line 0 wörld 日本"
    load_all(backend, path, preview, 1024)
    assert preview.lines == text.splitlines()


def test_load_more_continues_a_legacy_encoding(tmp_path: Path) -> None:
    text = "".join(f"Grüße aus München, Zeile {number}.\n" for number in range(300))
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    backend, preview = open_preview(path, 2048)
    assert isinstance(preview, TextPreview)
    load_all(backend, path, preview, 2048)
    assert preview.lines == text.splitlines()


def test_hex_load_more_appends_the_next_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 20
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    backend, preview = open_preview(path, 1024)
    assert isinstance(preview, HexPreview)
    assert preview.data == data[:1024]
    read_more(backend, path, preview, 1024)
    assert preview.data == data[:2048]
    load_all(backend, path, preview, 1024)
    assert preview.data == data
    assert preview.part is not None and preview.part.complete


def test_load_more_on_a_complete_preview_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("all of it\n")
    backend, preview = open_preview(path, MiB)
    assert backend.reads == [(0, 10)]
    read_more(backend, path, preview, MiB)
    assert backend.reads == [(0, 10)]
    assert isinstance(preview, TextPreview) and preview.lines == ["all of it"]


def test_large_markdown_renders_the_first_part_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text("# Chapter\n\n" + "Some words in a paragraph.\n\n" * 2000)
    backend, preview = open_preview(path, 8192)
    assert isinstance(preview, RenderablePreview)
    assert backend.bytes_read == 8192
    assert "first 8.0 KiB of 55 KiB shown" in preview.note_texts
