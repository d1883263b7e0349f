"""Hostile files, made small: compressed streams that expand 1000x and more, zip members
that expand to hundreds of MB, a database view that never ends, very wide tables.

Compressed bombs repeat one compressed member: gzip, bzip2 and xz readers go on
to the next member, so N copies of an 8 MiB member hold N x 8 MiB.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sqlite3
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

UNIT = 8 * 1024 * 1024
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gz": lambda data: gzip.compress(data, 9),
    "bz2": lambda data: bz2.compress(data, 9),
    "xz": lzma.compress,
}


def repeated(suffix: str, unit: bytes, times: int, *, tail: bytes = b"") -> bytes:
    """`unit` compressed once and repeated `times` times, then `tail`."""
    compress = COMPRESSORS[suffix]
    return compress(unit) * times + (compress(tail) if tail else b"")


def csv_bomb(suffix: str, mib: int = 1024) -> bytes:
    """A CSV of `mib` MiB of short rows, compressed to a few hundred KB."""
    row = b"1,2,3,hello,world\n"
    unit = b"a,b,c,d,e\n" + row * ((UNIT - 10) // len(row))
    return repeated(suffix, unit, mib * 1024 * 1024 // len(unit))


def long_first_line(suffix: str, mib: int = 300) -> bytes:
    """JSON Lines whose first line is `mib` MiB long once decompressed."""
    head = COMPRESSORS[suffix](b'{"a": "')
    return head + repeated(suffix, b"x" * UNIT, mib * 1024 * 1024 // UNIT, tail=b'"}\n{"b": 1}\n')


def tar_gz_bomb(mib: int) -> bytes:
    """A tar.gz of one member of `mib` MiB of zeros, then a small one."""
    size = mib * 1024 * 1024
    header = tarfile.TarInfo("zeros.bin")
    header.size = size
    small = tarfile.TarInfo("after.txt")
    small.size = 3
    out = io.BytesIO()
    out.write(gzip.compress(header.tobuf(format=tarfile.USTAR_FORMAT)))
    out.write(gzip.compress(bytes(UNIT)) * (size // UNIT))
    out.write(gzip.compress(small.tobuf(format=tarfile.USTAR_FORMAT) + b"hi\n".ljust(512, b"\0")))
    out.write(gzip.compress(bytes(1024)))  # the end-of-archive blocks
    return out.getvalue()


_WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def xlsx(rows: bytes, strings: bytes, *, dimension: str | None = None) -> bytes:
    """A workbook of one sheet with these `<row>` elements and `<si>` shared strings."""
    size = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + size
        + b"<sheetData>"
        + rows
        + b"</sheetData></worksheet>"
    )
    shared = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + strings
        + b"</sst>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def shared_strings_bomb(mib: int = 400) -> bytes:
    row = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return xlsx(row, b"<si><t>" + b"A" * (mib * 1024 * 1024) + b"</t></si>")


def row_bomb(cells: int = 3_000_000) -> bytes:
    """One row of `cells` cells (about 40 bytes each once decompressed)."""
    row = b'<row r="1">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * cells + b"</row>"
    return xlsx(row, b"<si><t>a</t></si>", dimension="A1:A1")


def endless_view(path: Path, *, with_table: bool = False) -> None:
    """A database whose view counts up forever and never yields a row."""
    connection = sqlite3.connect(path)
    if with_table:
        connection.execute("CREATE TABLE plain(x)")
        connection.execute("INSERT INTO plain VALUES (1)")
    connection.execute(
        "CREATE VIEW forever AS WITH RECURSIVE r(n) AS "
        "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r WHERE n < 0"
    )
    connection.commit()
    connection.close()


def wide_csv(columns: int, rows: int = 20) -> str:
    header = ",".join(f"c{i}" for i in range(columns))
    return header + "\n" + "".join(",".join([str(r)] * columns) + "\n" for r in range(rows))


def wide_parquet(path: Path, columns: int, rows: int = 100) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    values = pa.array(range(rows), pa.int64())
    pq.write_table(pa.table({f"c{i}": values for i in range(columns)}), path)
