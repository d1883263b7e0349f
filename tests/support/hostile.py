"""One hostile string, files that carry it in every channel, and a check of terminal output.

The string holds what a terminal acts on (OSC 0 title, OSC 52 clipboard write,
OSC 8 hyperlink, SGR, the 8-bit CSI U+009B, bidi overrides and isolates, DEL,
BEL) and Rich markup. Each control is followed by a marker word, so that output
can be searched for the control acting on the text after it.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sqlite3
import tarfile
import zipfile
from pathlib import Path

MARKUP = "[bold red]x[/][link=https://e.x/]L[/link]"
CONTROLS = (
    "\x1b]0;TITLE-MARK\x07"
    "\x1b]52;c;UFdORUQ=\x07"
    "\x1b]8;;https://e.x/\x1b\\LINK-MARK\x1b]8;;\x1b\\"
    "\x1b[31mSGR-MARK\x1b[0m"
    "\x9b31mCSI-MARK"
    "\u202eRLO-MARK"
    "\u2066LRI-MARK\u2069"
    "\u200bZWSP\ufeffBOM"
    "\x7fDEL-MARK"
    "\x07BEL-MARK"
)
HOSTILE = MARKUP + CONTROLS
# A file name cannot hold "/" (nor NUL): the division slash stands in for it.
HOSTILE_NAME = HOSTILE.replace("/", "\u2215")
# XML 1.0 (xlsx) cannot carry C0 controls at all, so the 8-bit forms stand in for them.
HOSTILE_XML = "[b]x\x9d0;TITLE-MARK\x9c\x9b31mCSI-MARK\u202eRLO-MARK\u2066LRI-MARK\x7fDEL-MARK"
HOSTILE_SHEET = "\x9d0;T\x9c\x9b31m\u202eR\u2066\x7fD"  # 31 characters at most, no [ ]

# What the markers look like once escaped: proof that the text was shown, not dropped.
SHOWN_ESCAPED = ("\\x9b31mCSI-MARK", "\\u202eRLO-MARK", "\\u2066LRI-MARK")

# The sequences the hostile text would start, with the text they would act on.
_INJECTED = re.compile(
    "[\x80-\x9f]|[\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff]"
    "|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]"
)
# What Textual and Rich write themselves: CSI sequences (styles, cursor, modes), and
# Textual's OSC 22 that sets the mouse pointer's shape.
_OWN = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\]22;[a-z-]+\x07")


def foreign_controls(output: str) -> list[str]:
    """Control sequences in terminal output that the app did not write: none is the goal."""
    # Outside what the app writes itself, nothing may be a control or an invisible format.
    rest = _OWN.sub("", output)
    found = [match.group() for match in _INJECTED.finditer(rest)]
    found += [repr(rest[match.start() : match.start() + 12]) for match in re.finditer("\x1b", rest)]
    found += [hit for hit in ("\x1b[31mSGR-MARK",) if hit in output]
    return found


def _sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    connection.execute(f"CREATE TABLE {quoted} ({quoted} TEXT, plain TEXT)")
    connection.execute(f"INSERT INTO {quoted} VALUES (?, ?)", (HOSTILE, HOSTILE))
    connection.execute("CREATE TABLE second (id INTEGER)")
    connection.commit()
    connection.close()


def _sqlite_error(path: Path) -> None:
    """A database whose only view names a table that is gone: SQLite's error quotes the name."""
    connection = sqlite3.connect(path)
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    connection.execute(f"CREATE TABLE {quoted} (a TEXT)")
    connection.execute(f"CREATE VIEW broken AS SELECT a FROM {quoted}")
    connection.execute(f"DROP TABLE {quoted}")
    connection.commit()
    connection.close()


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    table = pa.table({HOSTILE: [HOSTILE, "plain"], "n": [1, 2]})
    pq.write_table(table, sink)
    return sink.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = HOSTILE_SHEET
    sheet.append([HOSTILE_XML, "plain"])
    sheet.append([HOSTILE_XML, "value"])
    book.create_sheet("second").append(["a"])
    sink = io.BytesIO()
    book.save(sink)
    return sink.getvalue()


def _broken_xlsx() -> bytes:
    """The workbook above with its first sheet's XML cut short: the error names the sheet."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx()))
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)
    return sink.getvalue()


def _image(fmt: str) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    picture = Image.new("RGB", (8, 6), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = HOSTILE  # Make
    exif[0x0110] = HOSTILE  # Model
    exif[0x0132] = HOSTILE  # DateTime
    sink = io.BytesIO()
    if fmt == "PNG":
        text = PngInfo()
        text.add_text("Comment", HOSTILE)
        text.add_itxt("Description", HOSTILE)
        picture.save(sink, format="PNG", pnginfo=text, exif=exif)
    else:
        picture.save(sink, format=fmt, exif=exif)
    return sink.getvalue()


def _zip() -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr(HOSTILE_NAME, HOSTILE)
        archive.writestr(f"{HOSTILE_NAME}-folder/inner.txt", "inner\n")
    return sink.getvalue()


def _tar() -> bytes:
    sink = io.BytesIO()
    with tarfile.open(fileobj=sink, mode="w") as archive:
        data = HOSTILE.encode()
        member = tarfile.TarInfo(HOSTILE_NAME)
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
        link = tarfile.TarInfo("link")
        link.type = tarfile.SYMTYPE
        link.linkname = HOSTILE
        archive.addfile(link)
    return sink.getvalue()


# Each channel a hostile string can reach the terminal through -> its name in the folder.
CHANNELS: dict[str, str] = {
    "file name": f"{HOSTILE_NAME}.txt",
    "folder name": HOSTILE_NAME,
    "symlink target": "link",
    "text": "contents.txt",
    "code": "code.py",
    "csv": "table.csv",
    "json": "object.json",
    "json table": "records.json",
    "json escapes": "escaped.json",
    "json lines": "rows.jsonl",
    "parquet": "table.parquet",
    "xlsx": "book.xlsx",
    "xlsx error": "broken.xlsx",
    "binary": "blob.bin",
    "compressed csv": "table.csv.gz",
    "markdown": "notes.md",
    "png": "photo.png",
    "jpeg": "photo.jpg",
    "zip": "bundle.zip",
    "tar": "bundle.tar",
    "sqlite": "tables.sqlite",
    "sqlite error": "broken.sqlite",
}


def build_hostile_folder(root: Path) -> dict[str, str]:
    """Every channel as a file or folder under `root`: channel -> name in the folder."""
    root.mkdir(parents=True, exist_ok=True)
    record = {HOSTILE: HOSTILE, "list": [HOSTILE, {HOSTILE: 1}]}
    files: dict[str, bytes | str] = {
        f"{HOSTILE_NAME}.txt": "a plain file with a hostile name\n",
        "contents.txt": f"{HOSTILE}\nline two {HOSTILE}\n",
        "code.py": f"text = {json.dumps(HOSTILE, ensure_ascii=False)}  # {HOSTILE}\n",
        "table.csv": f'"{HOSTILE}",plain\n"{HOSTILE}",value\n',
        "object.json": json.dumps(record, ensure_ascii=False),
        "records.json": json.dumps([record, record], ensure_ascii=False),
        "escaped.json": json.dumps(record),  # \u001b escapes that json.loads turns into controls
        "rows.jsonl": "\n".join(json.dumps(record) for _ in range(3)) + "\n",
        "table.parquet": _parquet(),
        "book.xlsx": _xlsx(),
        "broken.xlsx": _broken_xlsx(),
        "blob.bin": b"\x00\x01" + HOSTILE.encode() + bytes(range(256)),
        "table.csv.gz": gzip.compress(f'"{HOSTILE}",plain\n"{HOSTILE}",value\n'.encode()),
        "notes.md": (
            f"# {HOSTILE}\n\n{HOSTILE}\n\n- item &#x202e;RLO-MARK &#x9b;31m &#x1b;]0;T&#x07;\n\n"
            f"[{MARKUP}](https://e.x/&#x202e;)\n\n```python\n{HOSTILE}\n```\n"
        ),
        "photo.png": _image("PNG"),
        "photo.jpg": _image("JPEG"),
        "bundle.zip": _zip(),
        "bundle.tar": _tar(),
    }
    for name, content in files.items():
        path = root / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    _sqlite(root / "tables.sqlite")
    _sqlite_error(root / "broken.sqlite")
    folder = root / HOSTILE_NAME
    folder.mkdir()
    (folder / "inside.txt").write_text("inside\n")
    (root / "link").symlink_to(HOSTILE)
    return dict(CHANNELS)
