"""Files in the formats behind the `data` extra, written by the tests themselves."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tests.data_samples import CITIES, records


def frame(count: int) -> Any:
    import pandas as pd

    rows = records(count)
    return pd.DataFrame(
        {
            "id": [row["id"] for row in rows],
            "city": [row["city"] for row in rows],
            "temperature": [row["temperature"] for row in rows],
        }
    )


def write_readstat(path: Path, count: int) -> Path:
    import pyreadstat

    writer: dict[str, Any] = {
        "dta": pyreadstat.write_dta,
        "sas7bdat": pyreadstat.write_sas7bdat,
        "xpt": pyreadstat.write_xport,
        "sav": pyreadstat.write_sav,
    }
    suffix = path.suffix.lstrip(".")
    if suffix == "zsav":
        pyreadstat.write_sav(frame(count), str(path), compress=True)
    else:
        writer[suffix](frame(count), str(path))
    return path


def xls_bytes(count: int = 12) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    weather = book.add_sheet("Weather")
    for column, name in enumerate(["id", "city", "temperature"]):
        weather.write(0, column, name)
    for index, row in enumerate(records(count), start=1):
        weather.write(index, 0, row["id"])
        weather.write(index, 1, row["city"])
        weather.write(index, 2, row["temperature"])
    notes = book.add_sheet("Notes")
    notes.write(0, 0, 1)
    notes.write(0, 1, "first note")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_ods(path: Path, count: int = 12) -> Path:
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        frame(count).to_excel(writer, sheet_name="Weather", index=False)
        pd.DataFrame({"n": [1, 2], "note": ["first note", "second note"]}).to_excel(
            writer, sheet_name="Notes", index=False
        )
    return path


def write_hdf5(path: Path, count: int) -> Path:
    import pandas as pd
    import tables

    frame(count).to_hdf(path, key="weather", format="table")
    pd.DataFrame({"n": [1, 2, 3]}).to_hdf(path, key="grp/fixed", format="fixed")
    with tables.open_file(str(path), "a") as handle:
        columns = {"a": tables.Int32Col(), "b": tables.StringCol(8)}
        native = handle.create_table("/", "native", columns)
        native.append([(1, b"x"), (2, b"y")])
    return path


def orc_bytes(count: int) -> bytes:
    import pyarrow.orc as orc

    from tests.data_samples import arrow_table

    buffer = io.BytesIO()
    orc.write_table(arrow_table(count), buffer)
    return buffer.getvalue()


AVRO_SCHEMA = {
    "type": "record",
    "name": "Weather",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "city", "type": "string"},
        {"name": "temperature", "type": "double"},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
    ],
}


def avro_bytes(count: int, codec: str = "deflate") -> bytes:
    import fastavro

    rows = [
        {"id": i, "city": CITIES[i % len(CITIES)], "temperature": i / 2, "tags": ["a", "b"]}
        for i in range(count)
    ]
    buffer = io.BytesIO()
    schema = fastavro.parse_schema(AVRO_SCHEMA)
    fastavro.writer(buffer, schema, rows, codec=codec, sync_interval=4000)
    return buffer.getvalue()


def write_duckdb(path: Path, count: int = 30) -> Path:
    import duckdb

    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE cities (id INTEGER, name VARCHAR, rain DOUBLE)")
    connection.executemany(
        "INSERT INTO cities VALUES (?, ?, ?)",
        [(index, CITIES[index % 8], index / 4) for index in range(count)],
    )
    connection.execute("CREATE TABLE empty (x BLOB)")
    connection.execute("CREATE VIEW wet AS SELECT name FROM cities WHERE rain > 5")
    connection.close()
    return path
