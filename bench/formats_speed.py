"""Time and bytes read for a 1,000-row preview of a big file against a 1 MB one, per format.

    python -m bench.formats_speed [--megabytes 200] [--runs 3]

Files are written once into bench/.cache (Stata, SAS, SPSS, ORC, Avro, HDF5 and
DuckDB at about `--megabytes`; .xls and .ods are read whole, so their big file
only has to pass the size cap, which refuses it). Bytes are the process's
`rchar` from /proc/self/io: every read, by spyglass or by the format's library.
The preview runs in this process (no sandbox child), from the file's stat on.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.results import TablePreview

CACHE = Path(__file__).parent / ".cache" / "formats"
# One row of the generated tables takes about this many bytes in most of these formats.
ROW_BYTES = 24


def _frame(rows: int) -> Any:
    import numpy as np
    import pandas as pd

    cities = np.array(["Lisbon", "Oslo", "Quito", "Nairobi", "Hanoi", "Perth", "Lima", "Riga"])
    return pd.DataFrame(
        {
            "id": np.arange(rows, dtype=np.int64),
            "temperature": (np.arange(rows) % 23) / 2.0,
            "city": cities[np.arange(rows) % len(cities)],
        }
    )


def _readstat(writer: str, **options: Any) -> Callable[[Path, int], None]:
    def write(path: Path, rows: int) -> None:
        import pyreadstat

        getattr(pyreadstat, writer)(_frame(rows), str(path), **options)

    return write


def _orc(path: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.orc as orc

    orc.write_table(pa.Table.from_pandas(_frame(rows), preserve_index=False), str(path))


def _avro(path: Path, rows: int) -> None:
    import fastavro

    schema = {
        "type": "record",
        "name": "Row",
        "fields": [
            {"name": "id", "type": "long"},
            {"name": "temperature", "type": "double"},
            {"name": "city", "type": "string"},
        ],
    }
    frame = _frame(rows)
    with path.open("wb") as out:
        fastavro.writer(out, schema, frame.to_dict("records"), codec="deflate")


def _hdf5(path: Path, rows: int) -> None:
    _frame(rows).to_hdf(path, key="rows", format="table")


def _duckdb(path: Path, rows: int) -> None:
    import duckdb

    connection = duckdb.connect(str(path))
    connection.execute(
        "CREATE TABLE rows AS SELECT range AS id, (range % 23) / 2.0 AS temperature, "
        "'city' || (range % 8) AS city FROM range(?)",
        [rows],
    )
    connection.close()


def _xls(path: Path, rows: int) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("rows")
    for row in range(min(rows, 65_000)):
        sheet.write(row, 0, row)
        sheet.write(row, 1, "Lisbon")
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())


def _ods(path: Path, rows: int) -> None:
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        _frame(rows).to_excel(writer, index=False)


# (extension, writer, bytes a row takes roughly, whether the big file is only big to the cap)
FORMATS: list[tuple[str, Callable[[Path, int], None], float, bool]] = [
    ("dta", _readstat("write_dta"), 22, False),
    ("sas7bdat", _readstat("write_sas7bdat"), 25, False),
    ("xpt", _readstat("write_xport"), 22, False),
    ("sav", _readstat("write_sav"), 24, False),
    ("zsav", _readstat("write_sav", compress=True), 11, False),
    ("orc", _orc, 6, False),
    ("avro", _avro, 6, False),
    ("h5", _hdf5, 32, False),
    ("duckdb", _duckdb, 6, False),
    ("xls", _xls, 17, True),
    ("ods", _ods, 3, True),
]


def _rchar() -> int:
    with open("/proc/self/io") as stats:
        for line in stats:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


def _file(
    extension: str, writer: Callable[[Path, int], None], megabytes: float, per_row: float
) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    rows = max(1_000, int(megabytes * 1_000_000 / per_row))
    path = CACHE / f"rows-{rows}.{extension}"
    if not path.exists():
        partial = path.with_suffix(".partial." + extension)
        started = time.perf_counter()
        writer(partial, rows)
        partial.rename(path)
        print(
            f"  wrote {path.name}: {path.stat().st_size / 1e6:,.0f} MB in "
            f"{time.perf_counter() - started:.1f} s"
        )
    return path


def _measure(path: Path, runs: int) -> tuple[float, int, str]:
    backend = LocalBackend()
    times, reads = [], []
    shape = ""
    for _ in range(runs):
        before = _rchar()
        started = time.perf_counter()
        preview = load_preview(backend, backend.stat(str(path)))
        times.append(time.perf_counter() - started)
        reads.append(_rchar() - before)
        if isinstance(preview, TablePreview):
            shape = f"{len(preview.payload.rows):,} rows of {preview.payload.shape()}"
        else:
            shape = f"{preview.title}: {' '.join(preview.note_texts)[:70]}"
    return statistics.median(times), int(statistics.median(reads)), shape


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=200.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    print(f"{'format':9} {'file':>9} {'time':>8} {'read':>10}  {'x 1 MB':>6}  shown")
    for extension, writer, per_row, capped in FORMATS:
        if args.only and extension not in args.only:
            continue
        big_mb = 20.0 if capped else args.megabytes
        small = _file(extension, writer, 1.0, per_row)
        big = _file(extension, writer, big_mb, per_row)
        small_time = _measure(small, args.runs)[0]
        for label, path in (("1 MB", small), ("big", big)):
            took, read, shape = _measure(path, args.runs)
            ratio = f"{took / small_time:5.2f}x" if label == "big" else ""
            size = f"{path.stat().st_size / 1e6:,.0f} MB"
            print(
                f"{extension:9} {size:>9} {took * 1000:6.1f}ms {read / 1e3:8,.0f}kB"
                f"  {ratio:>6}  {shape}"
            )


if __name__ == "__main__":
    main()
