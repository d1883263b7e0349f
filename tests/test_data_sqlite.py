from __future__ import annotations

import sqlite3
from pathlib import Path

from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.fsspec_backend import FsspecBackend, entry_from_info
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import DataPreview, HexPreview
from tests.data_samples import preview_file, table_of, write_sqlite
from tests.support.counting_backend import CountingBackend


def test_sqlite_lists_tables_with_counts_and_shows_the_first(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    preview = preview_file(tmp_path / "cities.db")
    table = table_of(preview)
    assert [(p.name, p.rows, p.kind) for p in table.parts] == [
        ("cities", 30, "table"),
        ("empty", 0, "table"),
        ("wet", 9, "view"),
    ]
    assert table.part == "cities"
    assert [c.name for c in table.columns] == ["id", "name", "rain"]
    assert [c.type for c in table.columns] == ["integer", "text", "real"]
    assert table.rows[5] == ["5", "Perth", "1.25"]
    assert isinstance(preview, DataPreview) and preview.title == "SQLite"


def test_another_table_opens_by_name(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    table = table_of(preview_file(tmp_path / "cities.db"))
    assert table.open_part is not None
    wet = table.open_part("wet")
    assert wet.part == "wet" and len(wet.rows) == 9


def test_row_limit_applies(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    table = table_of(preview_file(tmp_path / "cities.db", PreviewOptions(max_rows=4)))
    assert len(table.rows) == 4 and table.total_rows == 30


def test_corrupt_sqlite_is_a_sentence_then_hex(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 2000)
    preview = preview_file(path)
    assert isinstance(preview, HexPreview)
    assert any("SQLite" in note and "Cannot show" in note for note in preview.note_texts)


def test_locked_sqlite_says_it_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    write_sqlite(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        preview = preview_file(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not isinstance(preview, DataPreview)
    assert any("locked by another program" in note for note in preview.note_texts)


def test_remote_sqlite_is_copied_up_to_the_cap(memory_fs: MemoryFileSystem, tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    data = (tmp_path / "cities.db").read_bytes()
    memory_fs.pipe_file("/sqlite-remote/cities.db", data)
    backend = CountingBackend(FsspecBackend(memory_fs, "memory"))
    entry = entry_from_info(memory_fs.info("/sqlite-remote/cities.db"))
    table = table_of(load_preview(backend, entry))
    assert table.parts[0].rows == 30
    small = PreviewOptions(max_sqlite_copy_bytes=1024)
    preview = load_preview(
        CountingBackend(FsspecBackend(memory_fs, "memory")), entry, options=small
    )
    assert any("above the 1.0 KiB copy limit" in note for note in preview.note_texts)
