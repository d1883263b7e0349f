from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.fsspec_backend import FsspecBackend, entry_from_info
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import DataPreview, TextPreview
from tests.data_samples import csv_text, preview_file, table_of, write
from tests.support.counting_backend import CountingBackend


def test_csv_shows_columns_types_and_exact_shape(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "weather.csv", csv_text(20)))
    table = table_of(preview)
    assert [column.name for column in table.columns] == [
        "id", "city", "temperature", "rainy", "day"
    ]  # fmt: skip
    assert [column.type for column in table.columns] == ["int", "str", "float", "bool", "date"]
    assert table.rows[1] == ["1", "Oslo", "13.5", "false", "2024-01-02"]
    assert table.total_rows == 20 and table.exact_total
    assert isinstance(preview, DataPreview) and preview.title == "CSV"
    assert "20 rows \u00d7 5 columns" in preview.note_texts


def test_tsv_and_semicolon_delimiters_are_sniffed(tmp_path: Path) -> None:
    tsv = table_of(preview_file(write(tmp_path, "weather.tsv", csv_text(5, "\t"))))
    assert tsv.rows[0][1] == "Lisbon"
    semi = table_of(preview_file(write(tmp_path, "weather.csv", csv_text(5, ";"))))
    assert len(semi.columns) == 5


def test_csv_without_header_gets_numbered_columns(tmp_path: Path) -> None:
    table = table_of(preview_file(write(tmp_path, "plain.csv", "1,2,3\n4,5,6\n")))
    assert [column.name for column in table.columns] == ["column 1", "column 2", "column 3"]
    assert len(table.rows) == 2


def test_only_the_first_rows_are_kept(tmp_path: Path) -> None:
    options = PreviewOptions(max_rows=50)
    preview = preview_file(write(tmp_path, "big.csv", csv_text(500)), options)
    table = table_of(preview)
    assert len(table.rows) == 50
    assert table.total_rows == 500
    assert "first 50 rows shown" in preview.note_texts


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_csv_is_decompressed_as_a_stream(
    tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    data = compress(csv_text(30).encode())
    preview = preview_file(write(tmp_path, "weather.csv" + suffix, data))
    table = table_of(preview)
    assert table.rows[2][1] == "Quito"
    assert table.total_rows == 30


def test_zstd_csv(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    data = zstandard.ZstdCompressor().compress(csv_text(30).encode())
    table = table_of(preview_file(write(tmp_path, "weather.csv.zst", data)))
    assert table.total_rows == 30


def test_ragged_csv_says_which_line_and_falls_back_to_text(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "ragged.csv", "a,b,c\n1,2,3\n4,5\n"))
    assert isinstance(preview, TextPreview)
    assert any("ragged CSV: line 3 has 2 fields, the header has 3" in n for n in preview.note_texts)


def test_cells_with_controls_are_escaped(tmp_path: Path) -> None:
    text = 'name,value\n"\x1b[31mred","two\nlines"\n'
    table = table_of(preview_file(write(tmp_path, "evil.csv", text)))
    assert table.rows[0][0] == "\\x1b[31mred"
    assert table.rows[0][1] == "two\nlines"  # kept for the detail view, escaped when drawn


def test_gzip_name_with_other_data_falls_back(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "fake.csv.gz", "a,b\n1,2\n"))
    assert not isinstance(preview, DataPreview)
    assert any("the data is not gzip" in note for note in preview.note_texts)


def test_big_csv_over_fsspec_reads_within_the_budget(memory_fs: MemoryFileSystem) -> None:
    data = csv_text(400_000).encode()  # about 12 MiB
    assert len(data) > 10 * 1024 * 1024
    memory_fs.pipe_file("/bounded/big.csv", data)
    backend = CountingBackend(FsspecBackend(memory_fs, "memory"))
    entry = entry_from_info(memory_fs.info("/bounded/big.csv"))
    budget = 1024 * 1024
    preview = load_preview(backend, entry, budget)
    table = table_of(preview)
    assert len(table.rows) == 1000
    assert not table.exact_total and table.total_rows is not None and table.total_rows >= 1000
    assert backend.bytes_read <= budget
    assert isinstance(preview, DataPreview)
    assert any(note.startswith("about ") for note in preview.note_texts)


def test_big_gzip_csv_over_fsspec_reads_within_the_budget(memory_fs: MemoryFileSystem) -> None:
    data = gzip.compress(csv_text(400_000).encode(), compresslevel=1)
    memory_fs.pipe_file("/bounded/big.csv.gz", data)
    backend = CountingBackend(FsspecBackend(memory_fs, "memory"))
    entry = entry_from_info(memory_fs.info("/bounded/big.csv.gz"))
    preview = load_preview(backend, entry, 256 * 1024)
    assert len(table_of(preview).rows) == 1000
    assert backend.bytes_read <= 256 * 1024
