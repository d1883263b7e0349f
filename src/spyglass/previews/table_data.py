"""Rows and columns ready to draw: plain strings, made safe in the loader thread.

The table widget and `spyglass cat` only lay these out; no value is parsed or
formatted on the UI thread.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from rich.cells import cell_len

from spyglass.format import count
from spyglass.previews.results import Note, NoteKind
from spyglass.safe_text import make_safe, safe_name

# Columns wider than this are cut with an ellipsis; the detail view shows the rest.
MAX_COLUMN_WIDTH = 40
MIN_COLUMN_WIDTH = 3
# A cell keeps at most this much text: enough for the detail view, bounded in memory.
MAX_CELL_CHARS = 20_000


@dataclass
class Column:
    """A column's name and type, each made one safe line here for every format."""

    name: str
    type: str
    nullable: bool | None = None
    numeric: bool = False

    def __post_init__(self) -> None:
        self.name = safe_name(self.name)
        self.type = safe_name(self.type)


@dataclass
class TablePart:
    """A sheet of a workbook or a table of a database: what can be switched to.

    `name` is what is shown, and what `open_part` is given back: a safe line.
    `key` is the name as the file spells it, for the previewer to open it by.
    """

    name: str
    rows: int | None = None
    kind: str = "table"
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or self.name
        self.name = safe_name(self.name)
        self.kind = safe_name(self.kind)


Cell = str | None
Row = list[Cell]


class FileColumnStats(NamedTuple):
    """A column's nulls and range over the whole file, from its metadata (a Parquet footer)."""

    nulls: int | None
    minimum: Cell
    maximum: Cell


@dataclass
class TableData:
    """What the table view shows.

    `total_rows` is exact when `exact_total`; otherwise the file has at least
    that many. `schema` is a second table (columns, types, statistics) for
    columnar formats. `open_part` loads another sheet or table by name; it does
    IO and must run in a worker.
    """

    kind: str
    columns: list[Column]
    rows: list[Row]
    total_rows: int | None = None
    exact_total: bool = True
    schema: TableData | None = None
    summary: list[tuple[str, str]] = field(default_factory=list)
    parts: list[TablePart] = field(default_factory=list)
    part: str | None = None
    open_part: Callable[[str], TableData] | None = None
    widths: list[int] = field(default_factory=list)
    # How many columns the file has when only the first ones were read (`max_columns`).
    total_columns: int | None = None
    # Per shown column, its statistics over the whole file where the format keeps them.
    file_stats: list[FileColumnStats | None] = field(default_factory=list)
    # The rows' numbers in the file, when they are shown sorted or filtered.
    row_numbers: list[int] | None = None

    def __post_init__(self) -> None:
        # Column and part names are made safe where they are built; these come from files too.
        self.summary = [(safe_name(name), safe_name(value)) for name, value in self.summary]
        if self.part is not None:
            self.part = safe_name(self.part)
        if not self.widths:
            self.widths = column_widths(self.columns, self.rows)

    def shape(self) -> str:
        """`1,000 rows by 12 columns`, or `at least 1,000 rows by …` when the total is unknown."""
        columns = count(max(self.total_columns or 0, len(self.columns)), "column")
        total = self.total_rows if self.total_rows is not None else len(self.rows)
        rows = count(total, "row")
        if not self.exact_total:
            rows = f"at least {rows}"
        return f"{rows} \u00d7 {columns}"

    def row_number(self, index: int) -> int:
        """The number a row has in the file (from 1), whatever order it is shown in."""
        return self.row_numbers[index] if self.row_numbers is not None else index + 1

    def shown_notes(self) -> list[Note]:
        """What is left out: the rows after the first ones, the columns after the first ones."""
        notes = []
        total = self.total_rows
        exact = self.exact_total and total is not None and total <= len(self.rows)
        if self.rows and not exact:
            notes.append(Note(f"first {len(self.rows):,} rows shown", NoteKind.PART))
        if self.total_columns is not None and self.total_columns > len(self.columns):
            text = f"showing {len(self.columns):,} of {self.total_columns:,} columns"
            notes.append(Note(text, NoteKind.PART))
        return notes


def chosen_part(parts: Sequence[TablePart], name: str | None) -> TablePart:
    """The part shown as `name` (what the view hands back to `open_part`), else the first."""
    return next((part for part in parts if part.name == name), parts[0])


def column_widths(columns: Sequence[Column], rows: Sequence[Row]) -> list[int]:
    widths = []
    for index, column in enumerate(columns):
        width = max(cell_len(column.name), cell_len(column.type), MIN_COLUMN_WIDTH)
        for row in rows:
            value = row[index] if index < len(row) else None
            if value is None:
                continue
            width = max(width, len(value) if value.isascii() else cell_len(value))
            if width >= MAX_COLUMN_WIDTH:
                width = MAX_COLUMN_WIDTH
                break
        widths.append(min(width, MAX_COLUMN_WIDTH))
    return widths


def format_cell(value: object) -> Cell:
    """One value as safe text; None stays None (drawn as an empty, dim cell)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    text: str
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool | int | Decimal):
        text = str(value)
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    elif isinstance(value, bytes | bytearray | memoryview):
        raw = bytes(value)
        text = f"<{len(raw):,} bytes> " + raw[:48].hex(" ") + ("…" if len(raw) > 48 else "")
    else:
        text = json.dumps(value, ensure_ascii=False, default=_json_default)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS] + "…"
    return make_safe(text)


def _json_default(value: object) -> object:
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "items"):
        return dict(value.items())
    return str(value)


# JSON nested deeper than this is shown as it is: parsing and indenting it recurse.
MAX_PRETTY_DEPTH = 100
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


class PrettyValue(NamedTuple):
    """A cell's full value for the detail view, and why it is shown as it is, if it is."""

    text: str
    note: str | None = None


def json_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest, counted without recursion."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket[0] in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def pretty_cell(text: Cell) -> PrettyValue:
    """The full value for the detail view: JSON re-indented, everything else as it is."""
    if text is None:
        return PrettyValue("null")
    stripped = text.strip()
    if stripped[:1] not in ("{", "[") or len(stripped) >= 1_000_000:
        return PrettyValue(text)
    if json_depth(stripped) > MAX_PRETTY_DEPTH:
        return PrettyValue(text, f"nested more than {MAX_PRETTY_DEPTH} levels deep: shown as it is")
    try:
        return PrettyValue(json.dumps(json.loads(stripped), indent=2, ensure_ascii=False))
    except (ValueError, RecursionError):
        return PrettyValue(text)


def pretty_value(text: Cell) -> str:
    """The full value for the detail view, without the note."""
    return pretty_cell(text).text
