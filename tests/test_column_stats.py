"""Column statistics over the rows read, checked against pandas on the same rows; Parquet's
whole-file nulls, min and max from the footer alone."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.column_stats import stats_table, table_stats
from spyglass.previews.parquet_stats import read_footer_stats
from spyglass.previews.table_data import FileColumnStats
from tests.data_samples import preview_file, table_of, write
from tests.support.counting_backend import CountingBackend

# Weights with no ties, so that the top three are the same whoever breaks ties.
_CITIES = ["Oslo"] * 7 + ["Lima"] * 5 + ["Riga"] * 3 + ["Quito"] * 2 + ["Hanoi"]


def _weather_csv(rows: int) -> str:
    lines = ["id,city,score,note"]
    for index in range(rows):
        score = "" if index % 11 == 0 else f"{(index * 37 % 101) / 4 - 5:.2f}"
        note = "" if index % 7 == 0 else f"n{index % 13}"
        lines.append(f"{index},{_CITIES[index * 5 % len(_CITIES)]},{score},{note}")
    return "\n".join(lines) + "\n"


def test_statistics_over_the_rows_read_match_pandas(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    path = write(tmp_path, "weather.csv", _weather_csv(3000))
    table = table_of(preview_file(path))
    assert len(table.rows) == 1000
    stats = table_stats(table)
    frame = pandas.read_csv(path, nrows=1000)
    for column in stats.columns:
        series = frame[column.name]
        assert column.count == series.count(), column.name
        assert column.nulls == series.isna().sum(), column.name
        assert column.distinct == series.nunique(), column.name
        top = series.value_counts().head(3)
        read = float if pandas.api.types.is_numeric_dtype(series) else str
        assert [(read(value), times) for value, times in column.top] == [
            (read(value), int(times)) for value, times in top.items()
        ], column.name
    by_name = {column.name: column for column in stats.columns}
    for name in ("id", "score"):
        described = frame[name].describe()
        assert float(by_name[name].minimum or "nan") == described["min"]
        assert float(by_name[name].maximum or "nan") == described["max"]
        assert by_name[name].mean == pytest.approx(described["mean"])
    assert by_name["city"].mean is None
    assert (by_name["city"].minimum, by_name["city"].maximum) == ("Hanoi", "Riga")
    assert stats.label() == "Statistics over the first 1,000 of 3,000 rows"


def test_the_statistics_table_says_what_each_value_is_over(tmp_path: Path) -> None:
    table = table_of(preview_file(write(tmp_path, "small.csv", _weather_csv(20))))
    shown = stats_table(table_stats(table))
    assert [column.name for column in shown.columns][:8] == [
        "column", "type", "count", "nulls", "distinct", "min", "max", "mean",
    ]  # fmt: skip
    assert shown.rows[1][:5] == ["city", "str", "20", "0", "5"]
    assert shown.rows[1][8] == "Oslo (9), Lima (5), Riga (3)"
    assert shown.summary == [("over", "all 20 rows")]


def test_statistics_of_100_columns_by_1000_rows_are_the_pandas_ones(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    header = ",".join(f"c{i}" for i in range(100))
    body = "".join(
        ",".join(str((row * 31 + col * 17) % 97 - 40) for col in range(100)) + "\n"
        for row in range(1000)
    )
    path = write(tmp_path, "wide.csv", header + "\n" + body)
    stats = table_stats(table_of(preview_file(path)))
    frame = pandas.read_csv(path)
    means = frame.mean()
    for column in stats.columns:
        assert column.mean == pytest.approx(means[column.name])
        assert column.distinct == frame[column.name].nunique()


def _row_groups_parquet() -> tuple[bytes, dict[str, FileColumnStats]]:
    """Five row groups; the whole-file range is only in the last groups, past the rows read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 200_000
    ids = list(range(count))
    values = [
        None if i % 9 == 0 else float(i % 500) + 1.0 + (1000.0 if i >= count - 10 else 0.0)
        for i in ids
    ]
    names = [None if i % 4 == 0 else f"k{i:05d}" for i in ids]
    buffer = io.BytesIO()
    table = pa.table({"id": ids, "value": values, "name": names})
    pq.write_table(table, buffer, row_group_size=40_000, compression="none")
    present = [v for v in values if v is not None]
    labels = [n for n in names if n is not None]
    known = {
        "id": FileColumnStats(0, "0", str(count - 1)),
        "value": FileColumnStats(values.count(None), repr(min(present)), repr(max(present))),
        "name": FileColumnStats(names.count(None), min(labels), max(labels)),
    }
    return buffer.getvalue(), known


def test_parquet_footer_gives_whole_file_nulls_min_max_reading_only_the_footer(
    tmp_path: Path,
) -> None:
    data, known = _row_groups_parquet()
    path = write(tmp_path, "groups.parquet", data)
    backend = CountingBackend(LocalBackend())
    found = read_footer_stats(backend, str(path), len(data))
    assert dict(zip(["id", "value", "name"], found, strict=True)) == known
    # Arrow reads the last 64 KiB at most to find the footer, and the footer itself.
    footer = int.from_bytes(data[-8:-4], "little") + 8
    tail = max(footer, 64 * 1024) + 16 * 1024  # one block of slack for alignment
    assert min(start for start, _ in backend.reads) >= len(data) - tail
    assert backend.bytes_read <= tail
    assert len(data) > 20 * tail  # the data pages are far bigger than what was read


def test_parquet_statistics_view_takes_the_whole_file_values_from_the_footer(
    tmp_path: Path,
) -> None:
    data, known = _row_groups_parquet()
    table = table_of(preview_file(write(tmp_path, "groups.parquet", data)))
    assert table.file_stats == [known["id"], known["value"], known["name"]]
    stats = table_stats(table)
    value = stats.columns[1]
    assert value.whole_file and value.maximum == known["value"].maximum
    assert value.nulls == known["value"].nulls
    # Over the rows read alone the maximum would be lower: the footer's is the file's.
    read = [float(row[1]) for row in table.rows if row[1] is not None]
    assert max(read) < float(known["value"].maximum or "nan")
    assert stats.label() == (
        "Statistics over the first 1,000 of 200,000 rows;"
        " nulls, min, max: whole file, from metadata"
    )
    assert not math.isnan(value.mean or math.nan)


def test_a_float_minimum_of_zero_is_shown_as_zero_not_minus_zero(tmp_path: Path) -> None:
    # The format asks writers to store a 0.0 minimum as -0.0; a reader shows 0.0.
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"x": [0.0, 1.5, 3.0]}), buffer)
    data = buffer.getvalue()
    path = write(tmp_path, "zero.parquet", data)
    (found,) = read_footer_stats(LocalBackend(), str(path), len(data))
    assert found == FileColumnStats(0, "0.0", "3.0")
