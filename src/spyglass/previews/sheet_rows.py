"""Rows of a spreadsheet to a table: a header row when the first row is all text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.table_data import TableData


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_table(
    kind: str,
    values: Sequence[Sequence[Any]],
    *,
    max_rows: int,
    max_columns: int,
    more: bool,
    total: int | None = None,
) -> TableData:
    """`values` are the first rows read (at most `max_rows` + 1 with the header); `more` says
    whether the sheet goes on after them; `total` is the sheet's row count when it is known."""
    width = max((_used_width(row) for row in values), default=0)
    rows = [tuple(row[:width]) + (None,) * (width - len(row)) for row in values]
    header = bool(rows) and all(isinstance(value, str) and value.strip() for value in rows[0])
    if header:
        names = [str(value) for value in rows[0]]
        rows = rows[1:]
    else:
        names = [column_letter(i) for i in range(width)]
    if len(rows) > max_rows:
        more = True
        rows = rows[:max_rows]
    count = len(rows)
    if total is not None:
        count = max(count, total - (1 if header else 0))
    return table_from_tuples(
        kind,
        names[:max_columns],
        [],
        [row[:max_columns] for row in rows],
        total=count,
        exact=not more or total is not None,
        total_columns=width,
    )


def _used_width(row: Sequence[Any]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None and row[index] != "":
            return index + 1
    return 0
