"""Which previewers fit a file, in the order they are tried, for every kind of file the tests use.

The first fitting previewer shows the file; when it fails, the next one is tried.
This table pins the whole order, so a change to how previewers are ranked shows
up here as a list that moved.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview
from spyglass.previews.registry import Source, candidates
from spyglass.previews.results import (
    HexPreview,
    MessagePreview,
    Preview,
    RenderablePreview,
    TextPreview,
)
from tests.data_samples import (
    arrow_stream_bytes,
    csv_text,
    feather_bytes,
    image_bytes,
    parquet_bytes,
    records,
    write_sqlite,
    xlsx_bytes,
)

MiB = 1024 * 1024


def _zip_of(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def _zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def _sqlite(folder: Path) -> bytes:
    path = folder / "made.sqlite"
    write_sqlite(path)
    data = path.read_bytes()
    path.unlink()
    return data


_JSONL = "".join(json.dumps({"id": i, "name": f"n{i}"}) + "\n" for i in range(5))
_PEOPLE = json.dumps(records(7))

# name, bytes (or how to make them), previewers that fit (best first), what is shown
CASES: list[tuple[str, Callable[[Path], bytes], list[str], tuple[str, str]]] = [
    # tables by name
    ("weather.csv", lambda _: csv_text(20).encode(), ["csv", "text", "hex"], ("data", "CSV")),
    (
        "weather.tsv",
        lambda _: csv_text(5, "\t").encode(),
        ["csv", "text", "hex"],
        ("data", "TSV"),
    ),
    (
        "semicolons.csv",
        lambda _: csv_text(5, ";").encode(),
        ["csv", "text", "hex"],
        ("data", "CSV"),
    ),
    ("plain.csv", lambda _: b"1,2,3\n4,5,6\n", ["csv", "text", "hex"], ("data", "CSV")),
    (
        "ragged.csv",
        lambda _: b"a,b,c\n1,2,3\n4,5\n",
        ["csv", "text", "hex"],
        ("text", "Text"),
    ),
    (
        "weather.csv.gz",
        lambda _: gzip.compress(csv_text(20).encode()),
        ["csv", "hex"],
        ("data", "CSV"),
    ),
    (
        "weather.csv.bz2",
        lambda _: bz2.compress(csv_text(20).encode()),
        ["csv", "hex"],
        ("data", "CSV"),
    ),
    (
        "weather.csv.xz",
        lambda _: lzma.compress(csv_text(20).encode()),
        ["csv", "hex"],
        ("data", "CSV"),
    ),
    (
        "weather.csv.zst",
        lambda _: _zstd(csv_text(20).encode()),
        ["csv", "hex"],
        ("data", "CSV"),
    ),
    (
        "fake.csv.gz",
        lambda _: b"a,b\n1,2\n",
        ["csv", "text", "hex"],
        ("text", "Text"),
    ),
    # JSON in its forms
    (
        "events.jsonl",
        lambda _: _JSONL.encode(),
        ["json-lines", "code", "text", "hex"],
        ("data", "JSON Lines"),
    ),
    (
        "events.ndjson",
        lambda _: _JSONL.encode(),
        ["json-lines", "code", "text", "hex"],
        ("data", "JSON Lines"),
    ),
    (
        "events.jsonl.gz",
        lambda _: gzip.compress(_JSONL.encode()),
        ["json-lines", "hex"],
        ("data", "JSON Lines"),
    ),
    (
        "bad.jsonl",
        lambda _: b'{"a": 1}\n{"a": 2}\n{"a": \n',
        ["json-lines", "code", "text", "hex"],
        ("text", "JSON"),
    ),
    (
        "people.json",
        lambda _: _PEOPLE.encode(),
        ["json-table", "json", "code", "text", "hex"],
        ("data", "JSON table"),
    ),
    (
        "object.json",
        lambda _: b'{"name": "x", "items": [1, 2]}',
        ["json", "code", "text", "hex"],
        ("text", "JSON"),
    ),
    (
        "numbers.json",
        lambda _: b"[1, 2, 3]",
        ["json", "code", "text", "hex"],
        ("text", "JSON"),
    ),
    (
        "mixed.json",
        lambda _: b'[{"a": 1}, 2]',
        ["json-table", "json", "code", "text", "hex"],
        ("text", "JSON"),
    ),
    (
        "lines.json",
        lambda _: _JSONL.encode(),
        ["json", "code", "text", "hex"],
        ("text", "Invalid JSON"),
    ),
    (
        "broken.json",
        lambda _: b'{\n  "a": 1,\n  "b": ,\n}\n',
        ["json", "code", "text", "hex"],
        ("text", "Invalid JSON"),
    ),
    (
        "data.txt",
        lambda _: b'{"looks": "like json"}\n',
        ["text", "hex"],
        ("text", "Text"),
    ),
    (
        "response",
        lambda _: b'  [{"a": 1}]',
        ["json", "text", "hex"],
        ("text", "JSON"),
    ),
    (
        "config.geojson",
        lambda _: b'{"type": "FeatureCollection", "features": []}',
        ["json", "text", "hex"],
        ("text", "JSON"),
    ),
    # spreadsheets
    (
        "book.xlsx",
        lambda _: xlsx_bytes(),
        ["excel", "hex"],
        ("data", "Excel"),
    ),
    (
        "broken.xlsx",
        lambda _: xlsx_bytes()[:2000],
        ["excel", "hex"],
        ("hex", "Hex"),
    ),
    (
        "archive.xlsx",
        lambda _: _zip_of("readme.txt", b"not a workbook\n"),
        ["excel", "hex"],
        ("hex", "Hex"),
    ),
    (
        "text.xlsx",
        lambda _: b"just text\n",
        ["excel", "text", "hex"],
        ("text", "Text"),
    ),
    ("archive.zip", lambda _: _zip_of("a.txt", b"a\n"), ["hex"], ("hex", "Hex")),
    # columnar files and databases
    (
        "weather.parquet",
        lambda _: parquet_bytes(20),
        ["parquet", "hex"],
        ("data", "Parquet"),
    ),
    (
        "parquet-without-a-name",
        lambda _: parquet_bytes(20),
        ["parquet", "hex"],
        ("data", "Parquet"),
    ),
    (
        "truncated.parquet",
        lambda _: parquet_bytes(20)[:-10],
        ["parquet", "hex"],
        ("hex", "Hex"),
    ),
    (
        "text.parquet",
        lambda _: b"a,b\n1,2\n",
        ["parquet", "text", "hex"],
        ("text", "Text"),
    ),
    (
        "weather.feather",
        lambda _: feather_bytes(20),
        ["arrow", "hex"],
        ("data", "Arrow IPC file"),
    ),
    (
        "feather-without-a-name",
        lambda _: feather_bytes(20),
        ["arrow", "hex"],
        ("data", "Arrow IPC file"),
    ),
    (
        "weather.arrows",
        lambda _: arrow_stream_bytes(20),
        ["arrow", "hex"],
        ("data", "Arrow IPC stream"),
    ),
    (
        "old.feather",
        lambda _: b"FEA1" + b"\x00" * 60,
        ["arrow", "hex"],
        ("hex", "Hex"),
    ),
    (
        "text.arrow",
        lambda _: b"not arrow at all\n",
        ["arrow", "text", "hex"],
        ("text", "Text"),
    ),
    (
        "script.arrow",
        lambda _: b"#!/usr/bin/env python3\nprint(1)\n",
        ["code", "arrow", "text", "hex"],
        ("text", "Python"),
    ),
    ("cities.sqlite", _sqlite, ["sqlite", "hex"], ("data", "SQLite")),
    ("cities.txt", _sqlite, ["sqlite", "hex"], ("data", "SQLite")),
    # images
    ("quad.png", lambda _: image_bytes("PNG"), ["image", "hex"], ("data", "PNG")),
    ("quad.jpg", lambda _: image_bytes("JPEG"), ["image", "hex"], ("data", "JPEG")),
    ("quad.gif", lambda _: image_bytes("GIF"), ["image", "hex"], ("data", "GIF")),
    ("quad.webp", lambda _: image_bytes("WEBP"), ["image", "hex"], ("data", "WEBP")),
    ("quad.bmp", lambda _: image_bytes("BMP"), ["image", "hex"], ("data", "BMP")),
    ("quad.tiff", lambda _: image_bytes("TIFF"), ["image", "hex"], ("data", "TIFF")),
    ("quad.ico", lambda _: image_bytes("ICO"), ["image", "hex"], ("data", "ICO")),
    ("quad.ppm", lambda _: image_bytes("PPM"), ["image", "hex"], ("data", "PPM")),
    ("picture.dat", lambda _: image_bytes("PNG"), ["image", "hex"], ("data", "PNG")),
    (
        "notes.png",
        lambda _: b"\x00\x01 not an image" * 10,
        ["image", "hex"],
        ("hex", "Hex"),
    ),
    (
        "words.png",
        lambda _: b"only words here\n",
        ["image", "text", "hex"],
        ("text", "Text"),
    ),
    # documents and code
    (
        "README.md",
        lambda _: b"# Title\n\nSome *emphasis*.\n\n- item\n",
        ["markdown", "code", "text", "hex"],
        ("rendered", "Markdown"),
    ),
    (
        "tool.py",
        lambda _: b"def main():\n    return 0\n",
        ["code", "text", "hex"],
        ("text", "Python"),
    ),
    ("lib.rs", lambda _: b"fn main() {}\n", ["code", "text", "hex"], ("text", "Rust")),
    ("Makefile", lambda _: b"all:\n\techo hi\n", ["code", "text", "hex"], ("text", "Makefile")),
    (
        "deploy",
        lambda _: b"#!/usr/bin/env bash\necho deploying\n",
        ["code", "text", "hex"],
        ("text", "Bash"),
    ),
    (
        "run",
        lambda _: b"#!/usr/bin/python3\nprint('x')\n",
        ["code", "text", "hex"],
        ("text", "Python"),
    ),
    (
        "page",
        lambda _: b"<!DOCTYPE html>\n<html><body>hi</body></html>\n",
        ["code", "text", "hex"],
        ("text", "HTML"),
    ),
    (
        "feed",
        lambda _: b'<?xml version="1.0"?>\n<feed><entry/></feed>\n',
        ["code", "text", "hex"],
        ("text", "XML"),
    ),
    (
        "minified.js",
        lambda _: ("x" * 3000).encode(),
        ["code", "text", "hex"],
        ("text", "JavaScript"),
    ),
    # prose and plain text
    (
        "notes.txt",
        lambda _: b"#!/usr/bin/env python3\ndef f(): pass\n",
        ["text", "hex"],
        ("text", "Text"),
    ),
    ("notes", lambda _: b"just some words\nand more words\n", ["text", "hex"], ("text", "Text")),
    (
        "legacy.txt",
        lambda _: "Grüße aus München!\n".encode("latin-1"),
        ["text", "hex"],
        ("text", "Text"),
    ),
    (
        "wide.txt",
        lambda _: b"\xff\xfe" + "wide text\n".encode("utf-16-le"),
        ["text", "hex"],
        ("text", "Text"),
    ),
    ("app.log", lambda _: b"plain log line\n" * 10, ["text", "hex"], ("text", "Text")),
    # binary
    ("blob.bin", lambda _: bytes(range(256)), ["hex"], ("hex", "Hex")),
    ("x.gz", lambda _: b"\x1f\x8b\x08\x00" + b"\x00" * 40, ["hex"], ("hex", "Hex")),
    ("program", lambda _: b"\x7fELF\x02\x01\x01" + b"\x00" * 60, ["hex"], ("hex", "Hex")),
]


def _shown_as(preview: Preview) -> str:
    if isinstance(preview, TextPreview):
        return "text"
    if isinstance(preview, HexPreview):
        return "hex"
    if isinstance(preview, RenderablePreview):
        return "rendered"
    if isinstance(preview, MessagePreview):
        return "message"
    return "data"


@pytest.mark.parametrize(
    ("name", "make", "fitting", "shown"), CASES, ids=[case[0] for case in CASES]
)
def test_previewers_are_tried_in_the_declared_order(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], bytes],
    fitting: list[str],
    shown: tuple[str, str],
) -> None:
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    backend = LocalBackend()
    entry = backend.stat(str(path))
    source = Source(backend, entry, backend.read_range(str(path), 0, MiB), MiB)
    assert [previewer.name for previewer in candidates(source)] == fitting
    preview = load_preview(backend, entry, MiB)
    assert (_shown_as(preview), preview.title) == shown
