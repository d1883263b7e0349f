"""Small data and image files written by the tests themselves, always the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import Preview, TablePreview
from spyglass.previews.table_data import TableData

CITIES = ["Lisbon", "Oslo", "Quito", "Nairobi", "Hanoi", "Perth", "Lima", "Riga"]


def records(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": index,
            "city": CITIES[index % len(CITIES)],
            "temperature": round(10 + (index * 7 % 23) / 2, 1),
            "rainy": index % 3 == 0,
            "day": (dt.date(2024, 1, 1) + dt.timedelta(days=index)).isoformat(),
        }
        for index in range(count)
    ]


def csv_text(count: int, delimiter: str = ",") -> str:
    rows = [delimiter.join(["id", "city", "temperature", "rainy", "day"])]
    for record in records(count):
        rows.append(
            delimiter.join(
                str(value).lower() if isinstance(value, bool) else str(value)
                for value in record.values()
            )
        )
    return "\n".join(rows) + "\n"


def arrow_table(count: int) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(records(count))


def parquet_bytes(count: int, **options: Any) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(arrow_table(count), buffer, **options)
    return buffer.getvalue()


def feather_bytes(count: int) -> bytes:
    import pyarrow.feather as feather

    buffer = io.BytesIO()
    feather.write_feather(arrow_table(count), buffer, compression="uncompressed")
    return buffer.getvalue()


def arrow_stream_bytes(count: int) -> bytes:
    import pyarrow as pa

    table = arrow_table(count)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=10)
    return sink.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Weather"
    sheet.append(["id", "city", "temperature"])
    for record in records(12):
        sheet.append([record["id"], record["city"], record["temperature"]])
    other = workbook.create_sheet("Notes")
    other.append([1, "first note"])
    other.append([2, "second note"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT, rain REAL)")
    connection.executemany(
        "INSERT INTO cities VALUES (?, ?, ?)",
        [(index, CITIES[index % 8], index / 4) for index in range(30)],
    )
    connection.execute("CREATE TABLE empty (x BLOB)")
    connection.execute("CREATE VIEW wet AS SELECT name FROM cities WHERE rain > 5")
    connection.commit()
    connection.close()


def image(size: tuple[int, int] = (64, 40), mode: str = "RGB") -> Any:
    """Quadrants of red, green, blue and white: easy to check after scaling."""
    from PIL import Image

    width, height = size
    picture = Image.new("RGB", size, "white")
    picture.paste((220, 30, 30), (0, 0, width // 2, height // 2))
    picture.paste((30, 180, 30), (width // 2, 0, width, height // 2))
    picture.paste((30, 30, 220), (0, height // 2, width // 2, height))
    return picture.convert(mode)


def image_bytes(fmt: str, size: tuple[int, int] = (64, 40), **options: Any) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP", "ICO") else "RGB"
    image(size, mode).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def preview_file(
    path: Path, options: PreviewOptions | None = None, max_bytes: int = 1 << 20
) -> Preview:
    backend = LocalBackend()
    return load_preview(backend, backend.stat(str(path)), max_bytes, options=options)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def table_of(preview: Preview) -> TableData:
    assert isinstance(preview, TablePreview), (preview.title, preview.note_texts)
    return preview.payload
