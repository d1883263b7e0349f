from __future__ import annotations

from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.fsspec_backend import FsspecBackend, entry_from_info
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import DataPreview, HexPreview
from tests.data_samples import (
    arrow_stream_bytes,
    feather_bytes,
    parquet_bytes,
    preview_file,
    table_of,
    write,
)
from tests.support.counting_backend import CountingBackend

pytest.importorskip("pyarrow")


def test_parquet_shows_rows_types_and_exact_total(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "weather.parquet", parquet_bytes(40)))
    table = table_of(preview)
    assert [c.type for c in table.columns] == ["int64", "string", "double", "bool", "string"]
    assert table.columns[0].numeric and not table.columns[1].numeric
    assert table.rows[0] == ["0", "Lisbon", "10.0", "True", "2024-01-01"]
    assert table.total_rows == 40 and table.exact_total
    assert isinstance(preview, DataPreview) and preview.title == "Parquet"


def test_parquet_schema_comes_from_footer_statistics(tmp_path: Path) -> None:
    data = parquet_bytes(100, row_group_size=25, compression="zstd")
    schema = table_of(preview_file(write(tmp_path, "w.parquet", data))).schema
    assert schema is not None
    by_name = {row[0]: row for row in schema.rows}
    assert by_name["id"][1] == "INT64"
    assert by_name["id"][4:6] == ["0", "99"]  # min and max over the four row groups
    assert by_name["id"][3] == "0"  # nulls
    assert by_name["city"][6] == "ZSTD"
    assert ("row groups", "4") in schema.summary


def test_truncated_parquet_says_so_and_falls_back_to_hex(tmp_path: Path) -> None:
    data = parquet_bytes(40)
    preview = preview_file(write(tmp_path, "cut.parquet", data[: len(data) // 2]))
    assert isinstance(preview, HexPreview)
    assert any("truncated Parquet file: the footer is missing" in n for n in preview.note_texts)


def test_corrupt_parquet_footer_is_a_sentence(tmp_path: Path) -> None:
    data = bytearray(parquet_bytes(40))
    data[-200:-8] = b"\xff" * 192
    preview = preview_file(write(tmp_path, "bad.parquet", bytes(data)))
    assert isinstance(preview, HexPreview)
    assert any("corrupt Parquet" in note for note in preview.note_texts)


def test_parquet_of_many_row_groups_reads_footer_and_first_pages_only(
    memory_fs: MemoryFileSystem,
) -> None:
    data = parquet_bytes(200_000, row_group_size=2_000)  # 100 row groups, several MiB
    memory_fs.pipe_file("/parquet-bounded/many.parquet", data)
    backend = CountingBackend(FsspecBackend(memory_fs, "memory"))
    entry = entry_from_info(memory_fs.info("/parquet-bounded/many.parquet"))
    budget = 256 * 1024
    preview = load_preview(backend, entry, budget)
    table = table_of(preview)
    assert len(table.rows) == 1000 and table.total_rows == 200_000
    # the head the loader reads first, then the footer and the pages of the rows shown
    assert backend.bytes_read <= budget + 512 * 1024
    assert backend.bytes_read < len(data) / 4


def test_row_group_pages_above_the_budget_show_the_schema_only(tmp_path: Path) -> None:
    data = parquet_bytes(60_000, row_group_size=60_000, compression="none")
    options = PreviewOptions(max_table_bytes=320 * 1024)
    preview = preview_file(write(tmp_path, "wide.parquet", data), options, max_bytes=32 * 1024)
    table = table_of(preview)
    assert table.rows == [] and table.schema is not None
    assert isinstance(preview, DataPreview)
    assert "no rows shown" in preview.note_texts[0]


def test_feather_file_shows_first_batches(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "w.feather", feather_bytes(30)))
    table = table_of(preview)
    assert table.rows[3][1] == "Nairobi"
    assert table.total_rows == 30 and table.exact_total
    assert table.schema is not None
    assert isinstance(preview, DataPreview) and preview.title == "Arrow IPC file"


def test_arrow_stream_reads_batches_in_order(tmp_path: Path) -> None:
    options = PreviewOptions(max_rows=25)
    preview = preview_file(write(tmp_path, "w.arrows", arrow_stream_bytes(60)), options)
    table = table_of(preview)
    assert len(table.rows) == 25 and not table.exact_total
    assert table.rows[24][0] == "24"


def test_truncated_arrow_file_falls_back(tmp_path: Path) -> None:
    data = feather_bytes(30)
    preview = preview_file(write(tmp_path, "cut.arrow", data[:-40]))
    assert not isinstance(preview, DataPreview)
    assert any("truncated Arrow file" in note for note in preview.note_texts)
