"""CSV and TSV as a table: delimiter and header sniffed, only the first rows read."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.column_types import infer_type, is_numeric
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.sniff import extension
from spyglass.previews.table_data import Column, Row, TableData, format_cell
from spyglass.previews.text_stream import TextStream, compression_of, open_text

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

_EXTENSIONS = {"csv": ",", "tsv": "\t", "tab": "\t", "psv": "|"}
_DELIMITERS = (",", "\t", ";", "|")
_SNIFF_LINES = 30
# csv's default field limit is 128 KiB; a preview tolerates bigger cells (they are cut later).
_FIELD_LIMIT = 16 * 1024 * 1024


def _table_extension(name: str) -> str | None:
    base, _ = compression_of(name)
    ext = extension(base)
    return ext if ext in _EXTENSIONS else None


def sniff_delimiter(sample: str, preferred: str) -> str:
    """The delimiter that splits the first lines into the same number (>1) of fields."""
    lines = sample.splitlines()[:_SNIFF_LINES]
    if len(lines) > 1 and not sample.endswith("\n"):
        lines = lines[:-1]  # the sample may end inside a line
    best, best_fields = preferred, 1
    for delimiter in (preferred, *(d for d in _DELIMITERS if d != preferred)):
        try:
            counts = {len(row) for row in csv.reader(lines, delimiter=delimiter) if row}
        except csv.Error:
            continue
        if len(counts) == 1:
            fields = counts.pop()
            if fields > best_fields:
                best, best_fields = delimiter, fields
    return best


def has_header(first: list[str]) -> bool:
    """A first row of distinct, non-empty, non-numeric names is a header."""
    if not first or any(not name.strip() for name in first):
        return False
    if len(set(first)) != len(first):
        return False
    return not any(infer_type([name]) in ("int", "float") for name in first)


def _rows(reader: _CsvReader) -> Iterator[tuple[int, list[str]]]:
    """Non-empty rows with the line where each ends; parse errors become a sentence."""
    try:
        for row in reader:
            if row:
                yield reader.line_num, row
    except csv.Error as exc:
        raise SpyglassError(f"malformed CSV at line {reader.line_num:,}: {exc}") from exc


def fits(source: Source) -> bool:
    """A table name (maybe compressed) on text, or on compressed bytes."""
    if _table_extension(source.entry.name) is None:
        return False
    _, compression = compression_of(source.entry.name)
    return compression is not None or not source.binary


class CsvPreviewer(Previewer):
    name = "csv"

    def load(self, source: Source) -> TablePreview:
        options = source.options
        ext = _table_extension(source.entry.name) or "csv"
        stream = open_text(source, limit=source.max_bytes)
        delimiter = sniff_delimiter(stream.sample, _EXTENSIONS[ext])
        csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
        reader = csv.reader(stream.text, delimiter=delimiter)
        rows = _rows(reader)
        first = next(rows, None)
        if first is None:
            raise SpyglassError("the CSV file has no rows")
        # The first rows, one more than shown: the first of them may be a header.
        items = [first]
        more = False
        for item in rows:
            if len(items) > options.max_rows:
                more = True
                break
            items.append(item)
        # Counting the rest stays within the byte budget and makes small files exact.
        counted = len(items) + (1 + sum(1 for _ in rows) if more else 0)
        exhausted = not stream.cut
        if not exhausted:
            counted -= 1  # the byte budget may have cut the last row
            if not more:
                items.pop()
        if not items:
            raise SpyglassError(
                f"the first row is longer than the {human_size(stream.limit)} budget: "
                "it is cut there"
            )
        header = has_header(items[0][1])
        records = items[1:] if header else items
        total = counted - (1 if header else 0)
        records = records[: options.max_rows]
        width = len(items[0][1])
        for line, row in records:
            if len(row) != width:
                raise SpyglassError(
                    f"ragged CSV: line {line:,} has {len(row)} fields, "
                    f"the {'header' if header else 'first row'} has {width}"
                )
        shown = min(width, options.max_columns)
        names = items[0][1][:shown] if header else [f"column {i + 1}" for i in range(shown)]
        table = _table(names, [row[:shown] for _, row in records], total, exhausted)
        table.total_columns = width
        kind = "TSV" if delimiter == "\t" else "CSV"
        notes = [
            Note(table.shape()),
            Note(_delimiter_name(delimiter)),
            Note("header row" if header else "no header"),
            Note(stream.encoding),
        ]
        if stream.compression:
            notes.append(Note(f"{stream.compression}-compressed"))
        estimate = _estimate(source.entry.size, total, stream)
        if estimate:
            notes.append(Note(estimate))
        notes.extend(table.shown_notes())
        size = source.entry.size
        part = Part(stream.raw.bytes_fetched, size, None)
        return TablePreview(title=kind, notes=notes, payload=table, part=part)


def _estimate(size: int | None, rows: int, stream: TextStream) -> str | None:
    """About how many rows the whole file has, from the bytes the counted rows took."""
    if size is None or stream.compression or not stream.cut or rows <= 0:
        return None
    estimate = size * rows / max(1, stream.raw.position)
    rounded = int(float(f"{estimate:.2g}"))
    return f"about {rounded:,} rows by size"


def _table(names: list[str], raw_rows: list[list[str]], total: int, exact: bool) -> TableData:
    columns = []
    for index, name in enumerate(names):
        type_name = infer_type(row[index] for row in raw_rows)
        columns.append(Column(format_cell(name) or "", type_name, numeric=is_numeric(type_name)))
    rows: list[Row] = [
        [format_cell(value) if value != "" else None for value in row] for row in raw_rows
    ]
    return TableData(
        kind="csv",
        columns=columns,
        rows=rows,
        total_rows=total,
        exact_total=exact,
    )


def _delimiter_name(delimiter: str) -> str:
    names = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
    return f"{names.get(delimiter, repr(delimiter))}-separated"
