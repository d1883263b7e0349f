"""The remote scenario's objects: big tables made once on disk, then uploaded to moto.

The CSV and Parquet files are written in chunks of random rows until they
reach their size, so neither ever sits whole in memory; the Parquet file gets a
row group per chunk, as a real export would. moto keeps objects in memory, so
they are uploaded again at every server start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.fixtures import Fixtures, cached, fresh

if TYPE_CHECKING:
    import pyarrow as pa
    import s3fs

BUCKET = "bench"
FIRST_KEY = "k00000000"  # the first row's first cell: on screen once the table is shown
CITIES = ("Amsterdam", "Berlin", "Lisbon", "Montreal", "Nairobi", "Osaka", "Quito", "Tromsø")
UPLOAD_CHUNK = 64 * 1024**2
PIPE_BATCH = 1_000


def many_text(index: int, count: int) -> str:
    """The content of one of the prefix's small objects: its preview shows this line."""
    return f"object {index} of {count}\n"


@dataclass(frozen=True)
class RemoteObjects:
    """Where each object lives in the bucket (paths without the bucket)."""

    csv: str = "csv/big.csv"
    parquet: str = "parquet/big.parquet"
    many: str = "many/"  # a prefix of many small text objects

    def url(self, key: str) -> str:
        return f"s3://{BUCKET}/{key}"

    def many_name(self, index: int) -> str:
        return f"object{index:05d}.txt"


def _rows(start: int, count: int) -> pa.Table:
    """`count` rows of a sales-like table from row `start`; the same rows on every run."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(start)
    ids = np.arange(start, start + count, dtype=np.int64)
    millis = np.cumsum(rng.integers(1, 2_000, count)) + start * 1_000
    base = np.datetime64("2025-03-01T09:00:00", "ms")
    return pa.table(
        {
            "key": [f"k{index:08d}" for index in range(start, start + count)],
            "id": ids,
            "time": pa.array(base + millis.astype("timedelta64[ms]")),
            "city": pa.array(np.array(CITIES)[rng.integers(0, len(CITIES), count)]),
            "amount": np.round(rng.normal(250.0, 90.0, count), 2),
            "score": rng.random(count),
            "note": [format(value, "016x") for value in rng.integers(0, 2**63, count)],
        }
    )


def _chunks(rows_per_chunk: int) -> Iterator[pa.Table]:
    start = 0
    while True:
        yield _rows(start, rows_per_chunk)
        start += rows_per_chunk


def _write_csv(path: Path, size: int, rows_per_chunk: int) -> None:
    import pyarrow.csv as pa_csv

    fresh(path.parent)
    with open(path, "wb") as handle:
        writer: pa_csv.CSVWriter | None = None
        for chunk in _chunks(rows_per_chunk):
            if writer is None:
                writer = pa_csv.CSVWriter(handle, chunk.schema)
            writer.write_table(chunk)
            if handle.tell() >= size:
                break
        if writer is not None:
            writer.close()


def _write_parquet(path: Path, size: int, rows_per_chunk: int) -> None:
    import pyarrow.parquet as pq

    fresh(path.parent)
    with open(path, "wb") as handle:
        writer: pq.ParquetWriter | None = None
        for chunk in _chunks(rows_per_chunk):
            if writer is None:
                writer = pq.ParquetWriter(handle, chunk.schema, compression="snappy")
            writer.write_table(chunk, row_group_size=rows_per_chunk)
            if handle.tell() >= size:
                break
        if writer is not None:
            writer.close()


@dataclass(frozen=True)
class TableFiles:
    csv: Path
    parquet: Path


def prepare_tables(fixtures: Fixtures) -> TableFiles:
    """The big CSV and Parquet files in the cache, made when missing or made with other sizes."""
    sizes = fixtures.sizes
    folder = fixtures.root / "remote"
    files = TableFiles(folder / "csv" / "big.csv", folder / "parquet" / "big.parquet")
    params = {"size": sizes.table_bytes, "rows_per_group": sizes.rows_per_group}
    cached(
        fixtures.root / "remote-csv.done",
        params,
        lambda: _write_csv(files.csv, sizes.table_bytes, sizes.rows_per_group),
    )
    cached(
        fixtures.root / "remote-parquet.done",
        params,
        lambda: _write_parquet(files.parquet, sizes.table_bytes, sizes.rows_per_group),
    )
    return files


def _filesystem(endpoint: str) -> s3fs.S3FileSystem:
    import s3fs

    return s3fs.S3FileSystem(
        key="testing", secret="testing", endpoint_url=endpoint, skip_instance_cache=True
    )


def upload(endpoint: str, fixtures: Fixtures, tables: TableFiles, objects: RemoteObjects) -> None:
    """Fill a fresh moto server: the two tables and the prefix of many small objects."""
    fs = _filesystem(endpoint)
    fs.mkdir(BUCKET)
    fs.put_file(str(tables.csv), f"{BUCKET}/{objects.csv}", chunksize=UPLOAD_CHUNK)
    fs.put_file(str(tables.parquet), f"{BUCKET}/{objects.parquet}", chunksize=UPLOAD_CHUNK)
    count = fixtures.sizes.remote_objects
    for first in range(0, count, PIPE_BATCH):
        batch = range(first, min(first + PIPE_BATCH, count))
        fs.pipe(
            {
                f"{BUCKET}/{objects.many}{objects.many_name(index)}": many_text(
                    index, count
                ).encode()
                for index in batch
            },
            batch_size=256,
        )
