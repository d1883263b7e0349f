"""Stata, SAS, SPSS, legacy Excel, OpenDocument, HDF5, ORC, Avro and DuckDB previews."""

from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import HexPreview, Preview, TablePreview
from tests.data_samples import preview_file, table_of, write
from tests.format_samples import (
    avro_bytes,
    orc_bytes,
    write_duckdb,
    write_hdf5,
    write_ods,
    write_readstat,
    xls_bytes,
)

READSTAT = ["dta", "sas7bdat", "xpt", "sav", "zsav"]


def _problems(preview: Preview) -> str:
    return " ".join(preview.note_texts)


@pytest.mark.parametrize("suffix", READSTAT)
def test_readstat_formats_show_their_first_rows(tmp_path: Path, suffix: str) -> None:
    path = write_readstat(tmp_path / f"weather.{suffix}", 20)
    preview = preview_file(path)
    table = table_of(preview)
    assert [column.name for column in table.columns] == ["id", "city", "temperature"]
    assert table.rows[1][1] == "Oslo"
    assert table.rows[1][0] in ("1", "1.0")
    assert len(table.rows) == 20 and table.total_rows == 20 and table.exact_total


@pytest.mark.parametrize("suffix", READSTAT)
def test_readstat_formats_stop_at_the_row_limit(tmp_path: Path, suffix: str) -> None:
    path = write_readstat(tmp_path / f"weather.{suffix}", 2_500)
    table = table_of(preview_file(path))
    assert len(table.rows) == 1_000
    assert table.rows[-1][0] in ("999", "999.0")
    if suffix in ("dta", "sav", "zsav"):  # these store their row count
        assert table.total_rows == 2_500 and table.exact_total
        assert "2,500 rows" in table.shape()
    else:
        assert not table.exact_total and table.shape().startswith("at least 1,000 rows")


@pytest.mark.parametrize("suffix", READSTAT)
def test_truncated_readstat_file_is_a_sentence(tmp_path: Path, suffix: str) -> None:
    data = write_readstat(tmp_path / f"whole.{suffix}", 2_000).read_bytes()
    preview = preview_file(write(tmp_path, f"cut.{suffix}", data[: len(data) // 3]))
    if isinstance(preview, TablePreview):  # a row format cut in the middle still has rows
        assert 0 < len(preview.payload.rows) <= 1_000
        return
    assert isinstance(preview, HexPreview)
    assert "Cannot show" in _problems(preview) and "readstat" in _problems(preview)


def test_readstat_garbage_is_a_sentence(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "bad.sav", b"$FL2" + b"\x01\x02" * 300))
    assert isinstance(preview, HexPreview)
    assert "corrupt SPSS file" in _problems(preview)


def test_xls_shows_sheets_and_rows(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "weather.xls", xls_bytes()))
    table = table_of(preview)
    assert [part.name for part in table.parts] == ["Weather", "Notes"]
    assert [column.name for column in table.columns] == ["id", "city", "temperature"]
    assert table.rows[1] == ["1", "Oslo", "13.5"]
    assert table.total_rows == 12
    assert any("read whole" in note for note in preview.note_texts)
    assert table.open_part is not None
    notes = table.open_part("Notes")
    assert notes.part == "Notes" and notes.rows[0] == ["1", "first note"]


def test_xls_row_limit_and_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "weather.xls", xls_bytes(1_500))
    table = table_of(preview_file(path))
    assert len(table.rows) == 1_000 and table.total_rows == 1_500
    small = PreviewOptions(max_table_bytes=4096)
    preview = preview_file(path, small)
    assert isinstance(preview, HexPreview)
    assert "read whole, and only up to 4.0 KiB" in _problems(preview)


def test_corrupt_xls_is_a_sentence(tmp_path: Path) -> None:
    data = xls_bytes()
    preview = preview_file(write(tmp_path, "cut.xls", data[: len(data) // 2]))
    assert isinstance(preview, HexPreview)
    assert "corrupt .xls" in _problems(preview)


def test_ods_shows_sheets_and_rows(tmp_path: Path) -> None:
    preview = preview_file(write_ods(tmp_path / "weather.ods"))
    table = table_of(preview)
    assert [part.name for part in table.parts] == ["Weather", "Notes"]
    assert [column.name for column in table.columns] == ["id", "city", "temperature"]
    assert table.rows[1][1] == "Oslo"
    assert len(table.rows) == 12
    assert any("read whole" in note for note in preview.note_texts)
    assert table.open_part is not None
    assert table.open_part("Notes").rows[1] == ["2", "second note"]


def test_ods_row_limit(tmp_path: Path) -> None:
    table = table_of(preview_file(write_ods(tmp_path / "weather.ods", 1_200)))
    assert len(table.rows) == 1_000 and not table.exact_total


def test_corrupt_ods_is_a_sentence(tmp_path: Path) -> None:
    data = write_ods(tmp_path / "whole.ods").read_bytes()
    preview = preview_file(write(tmp_path, "cut.ods", data[: len(data) // 2]))
    assert not isinstance(preview, TablePreview)
    assert "corrupt .ods" in _problems(preview)


def test_hdf5_lists_keys_and_shows_the_first(tmp_path: Path) -> None:
    preview = preview_file(write_hdf5(tmp_path / "weather.h5", 30))
    table = table_of(preview)
    assert [(part.name, part.rows) for part in table.parts] == [
        ("/weather", 30),
        ("/grp/fixed", 3),
        ("/native", 2),
    ]
    assert [column.name for column in table.columns] == ["id", "city", "temperature"]
    assert table.rows[1][:2] == ["1", "Oslo"]
    assert table.open_part is not None
    assert table.open_part("/native").rows == [["1", "x"], ["2", "y"]]


def test_hdf5_row_limit(tmp_path: Path) -> None:
    table = table_of(preview_file(write_hdf5(tmp_path / "weather.h5", 3_000)))
    assert len(table.rows) == 1_000 and table.total_rows == 3_000
    assert "3,000 rows" in table.shape()


def test_corrupt_hdf5_is_a_sentence(tmp_path: Path) -> None:
    data = write_hdf5(tmp_path / "whole.h5", 3_000).read_bytes()
    preview = preview_file(write(tmp_path, "cut.h5", data[: len(data) // 3]))
    assert not isinstance(preview, TablePreview)
    assert "Cannot show" in _problems(preview) and "hdf5" in _problems(preview)


def test_orc_shows_the_first_rows_and_the_count(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "weather.orc", orc_bytes(2_500)))
    table = table_of(preview)
    assert [column.name for column in table.columns][:2] == ["id", "city"]
    assert table.rows[1][:2] == ["1", "Oslo"]
    assert len(table.rows) == 1_000 and table.total_rows == 2_500
    assert "first 1,000 rows shown" in preview.note_texts


def test_corrupt_orc_is_a_sentence(tmp_path: Path) -> None:
    data = orc_bytes(500)
    preview = preview_file(write(tmp_path, "cut.orc", data[: len(data) // 2]))
    assert isinstance(preview, HexPreview)
    assert "ORC" in _problems(preview)


def test_avro_reads_records_up_to_the_limit(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "weather.avro", avro_bytes(2_500)))
    table = table_of(preview)
    assert [column.name for column in table.columns] == ["id", "city", "temperature", "tags"]
    assert table.rows[1] == ["1", "Oslo", "0.5", '["a", "b"]']
    assert len(table.rows) == 1_000 and not table.exact_total
    assert table.schema is not None and table.schema.rows[3] == ["tags", "array"]
    small = table_of(preview_file(write(tmp_path, "small.avro", avro_bytes(5))))
    assert len(small.rows) == 5 and small.exact_total


def test_corrupt_avro_is_a_sentence(tmp_path: Path) -> None:
    data = avro_bytes(2_000, codec="null")
    preview = preview_file(write(tmp_path, "cut.avro", data[:300]))
    assert not isinstance(preview, TablePreview)
    assert "corrupt Avro" in _problems(preview)


def test_duckdb_lists_tables_with_counts(tmp_path: Path) -> None:
    preview = preview_file(write_duckdb(tmp_path / "cities.duckdb", 1_500))
    table = table_of(preview)
    assert [(p.name, p.rows, p.kind) for p in table.parts] == [
        ("cities", 1_500, "table"),
        ("empty", 0, "table"),
        ("wet", None, "view"),
    ]
    assert [c.type for c in table.columns] == ["integer", "varchar", "double"]
    assert table.rows[5] == ["5", "Perth", "1.25"]
    assert len(table.rows) == 1_000 and table.total_rows == 1_500
    assert table.open_part is not None
    assert table.open_part("wet").rows[0] == ["Perth"]


def test_duckdb_view_cannot_read_other_files(tmp_path: Path) -> None:
    import duckdb

    secret = write(tmp_path, "secret.csv", "token\nhunter2\n")
    path = tmp_path / "sly.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute(f"CREATE VIEW leak AS SELECT * FROM read_csv('{secret}')")
    connection.close()
    preview = preview_file(path)
    assert "hunter2" not in repr(preview)


def test_corrupt_duckdb_is_a_sentence(tmp_path: Path) -> None:
    data = write_duckdb(tmp_path / "whole.duckdb").read_bytes()
    preview = preview_file(write(tmp_path, "cut.duckdb", data[:20_000]))
    assert not isinstance(preview, TablePreview)
    assert "duckdb" in _problems(preview).lower()


def test_names_from_files_are_made_safe(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "odd.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute('CREATE TABLE "bad\x1b[31mname" ("col\x07umn" INTEGER)')
    connection.execute('INSERT INTO "bad\x1b[31mname" VALUES (1)')
    connection.close()
    table = table_of(preview_file(path))
    assert "\x1b" not in table.parts[0].name and "\x07" not in table.columns[0].name
    assert table.rows == [["1"]]


def test_duckdb_view_that_never_ends_is_stopped(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "endless.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE a (x INTEGER)")
    connection.execute(
        "CREATE VIEW endless AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
        "SELECT count(*) AS c FROM r"
    )
    connection.close()
    table = table_of(preview_file(path))
    assert table.open_part is not None
    with pytest.raises(Exception, match="stopped after 3 s"):
        table.open_part("endless")
