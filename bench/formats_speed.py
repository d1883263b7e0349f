"""Time and bytes read for a 1,000-row preview of a big file against a 1 MB one, per format.

    python -m bench.formats_speed [--megabytes 200] [--runs 3]

Files are written once into bench/.cache (Stata, SAS, SPSS, ORC, Avro, HDF5 and
DuckDB at about `--megabytes`; .xls and .ods are read whole, so their big file
only has to pass the size cap, which refuses it). Times are the median and the fastest of `--runs`
(the ratio compares the fastest: other work on the machine only adds). Bytes are the process's
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


_CHUNK_ROWS = 4_000_000


def _chunks(rows: int) -> list[tuple[int, int]]:
    return [(start, min(rows, start + _CHUNK_ROWS)) for start in range(0, rows, _CHUNK_ROWS)]


def _orc(path: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.orc as orc

    writer = orc.ORCWriter(str(path))
    for start, end in _chunks(rows):
        chunk = _frame(end - start)
        chunk["id"] += start
        writer.write(pa.Table.from_pandas(chunk, preserve_index=False))
    writer.close()


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
    import pandas as pd

    with pd.HDFStore(path, mode="w") as store:
        for start, end in _chunks(rows):
            chunk = _frame(end - start)
            chunk.index += start
            store.append("rows", chunk, format="table", min_itemsize={"city": 8})


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
    # A BIFF8 sheet holds 65,536 rows: a big workbook has many sheets.
    for first in range(0, rows, 65_000):
        sheet = book.add_sheet(f"rows {first}")
        for row in range(min(65_000, rows - first)):
            sheet.write(row, 0, first + row)
            sheet.write(row, 1, "Lisbon")
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODS_START = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="rows">'
)
_ODS_END = "</table:table></office:spreadsheet></office:body></office:document-content>"


def _ods(path: Path, rows: int) -> None:
    """Written as XML directly: pandas with odfpy takes minutes for a few MB."""
    import zipfile

    cells = (
        '<table:table-row><table:table-cell office:value-type="float" office:value="{0}">'
        "<text:p>{0}</text:p></table:table-cell>"
        '<table:table-cell office:value-type="string"><text:p>Lisbon</text:p>'
        "</table:table-cell></table:table-row>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        body = "".join(cells.format(row) for row in range(rows))
        archive.writestr("content.xml", _ODS_START + body + _ODS_END, zipfile.ZIP_DEFLATED)


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
    ("ods", _ods, 225, True),  # "1 MB" is 1 MB of sheet XML here: the cap is on the XML
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


def _measure(path: Path, runs: int) -> tuple[float, float, int, str]:
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
    return statistics.median(times), min(times), int(statistics.median(reads)), shape


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=200.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument(
        "--big", nargs="*", default=[], help="EXT=MEGABYTES for formats whose writers are fast"
    )
    args = parser.parse_args()
    args.big = {item.split("=")[0]: float(item.split("=")[1]) for item in args.big}
    print(
        f"{'format':9} {'file':>9} {'median':>8} {'fastest':>8} {'read':>10}  {'x 1 MB':>6}  shown"
    )
    for extension, writer, per_row, capped in FORMATS:
        if args.only and extension not in args.only:
            continue
        big_mb = 20.0 if capped else args.big.get(extension, args.megabytes)
        small = _file(extension, writer, 1.0, per_row)
        big = _file(extension, writer, big_mb, per_row)
        small_time = 0.0
        for label, path in (("1 MB", small), ("big", big)):
            took, fastest, read, shape = _measure(path, args.runs)
            small_time = small_time or fastest
            ratio = f"{fastest / small_time:5.2f}x" if label == "big" else ""
            size = f"{path.stat().st_size / 1e6:,.0f} MB"
            print(
                f"{extension:9} {size:>9} {took * 1000:6.1f}ms {fastest * 1000:6.1f}ms"
                f" {read / 1e3:8,.0f}kB  {ratio:>6}  {shape}"
            )


if __name__ == "__main__":
    main()
