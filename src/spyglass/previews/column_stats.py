"""Statistics of a table's columns over the rows read: counts, nulls, range, mean, top values.

The rows are the table's cells, already decoded and made safe in the sandbox
child, so this runs in a worker thread of the app (or in `spyglass cat`)
without touching the file again. Parquet adds nulls, min and max for the
whole file from its footer (`TableData.file_stats`), which cost no extra read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spyglass.previews.table_data import Cell, Column, FileColumnStats, Row, TableData

TOP_VALUES = 3
# In a numeric column these cells are missing values, as pandas reads them.
_MISSING_NUMBERS = frozenset({"NaN", "nan", "NA", "N/A", "null", "None"})


@dataclass(frozen=True)
class ColumnStats:
    name: str
    type: str
    count: int  # non-null values among the rows read
    nulls: int
    distinct: int
    minimum: Cell
    maximum: Cell
    mean: float | None
    top: list[tuple[str, int]]
    whole_file: bool = False  # nulls, minimum and maximum are the file's, from its metadata


@dataclass(frozen=True)
class TableStats:
    columns: list[ColumnStats]
    rows_read: int
    total_rows: int | None
    exact_total: bool

    @property
    def scope(self) -> str:
        """`over the first 1,000 of 5,000,000 rows`, or `over all 20 rows`."""
        read = self.rows_read
        total = self.total_rows
        if total is not None and self.exact_total and total <= read:
            return f"over all {read:,} rows" if read != 1 else "over the one row"
        if total is None or total <= read:
            return f"over the first {read:,} rows"
        least = "" if self.exact_total else "at least "
        return f"over the first {read:,} of {least}{total:,} rows"

    @property
    def from_metadata(self) -> bool:
        return any(column.whole_file for column in self.columns)

    def label(self) -> str:
        """What the numbers are computed over, as the view and `spyglass cat` say it."""
        text = f"Statistics {self.scope}"
        if self.from_metadata:
            text += "; nulls, min, max: whole file, from metadata"
        return text


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def column_stats(
    column: Column, values: Sequence[Cell], file: FileColumnStats | None
) -> ColumnStats:
    present = [value for value in values if value is not None]
    numbers: list[float] = []
    minimum: Cell = None
    maximum: Cell = None
    if column.numeric:
        kept = []
        low = high = None
        for value in present:
            if value in _MISSING_NUMBERS:
                continue
            number = _number(value)
            if number is None:
                kept.append(value)
                continue
            kept.append(value)
            numbers.append(number)
            if low is None or number < low[0]:
                low = (number, value)
            if high is None or number > high[0]:
                high = (number, value)
        present = kept
        minimum = low[1] if low else None
        maximum = high[1] if high else None
    elif present:
        minimum, maximum = min(present), max(present)
    counts = Counter(present)
    top = counts.most_common(TOP_VALUES)
    mean = math.fsum(numbers) / len(numbers) if numbers else None
    nulls = len(values) - len(present)
    stats = ColumnStats(
        name=column.name,
        type=column.type,
        count=len(present),
        nulls=nulls,
        distinct=len(counts),
        minimum=minimum,
        maximum=maximum,
        mean=mean,
        top=top,
    )
    if file is None or file.nulls is None or (file.minimum is None and stats.count):
        return stats  # what the file's metadata lacks is not mixed with the rows read
    return ColumnStats(
        name=stats.name,
        type=stats.type,
        count=stats.count,
        nulls=file.nulls,
        distinct=stats.distinct,
        minimum=file.minimum,
        maximum=file.maximum,
        mean=stats.mean,
        top=stats.top,
        whole_file=True,
    )


def table_stats(table: TableData) -> TableStats:
    """Statistics of every column shown, over the rows the table holds."""
    rows: list[Row] = table.rows
    files = table.file_stats
    columns = []
    for index, column in enumerate(table.columns):
        values = [row[index] if index < len(row) else None for row in rows]
        file = files[index] if index < len(files) else None
        columns.append(column_stats(column, values, file))
    return TableStats(columns, len(rows), table.total_rows, table.exact_total)


def _mean(value: float | None) -> Cell:
    if value is None:
        return None
    return f"{value:.6g}" if abs(value) < 1e15 else f"{value:.6e}"


_STATS_COLUMNS = (
    Column("column", "name"),
    Column("type", "type"),
    Column("count", "non-null", numeric=True),
    Column("nulls", "count", numeric=True),
    Column("distinct", "values", numeric=True),
    Column("min", "value"),
    Column("max", "value"),
    Column("mean", "numeric", numeric=True),
    Column("top values", "count in brackets"),
    Column("nulls, min, max", "over"),
)


def stats_table(stats: TableStats) -> TableData:
    """The statistics as a table: one row per column, for the view and `spyglass cat`."""
    rows: list[Row] = [
        [
            column.name,
            column.type,
            f"{column.count:,}",
            f"{column.nulls:,}",
            f"{column.distinct:,}",
            column.minimum,
            column.maximum,
            _mean(column.mean),
            ", ".join(f"{value} ({times:,})" for value, times in column.top) or None,
            "whole file" if column.whole_file else "rows read",
        ]
        for column in stats.columns
    ]
    summary = [("over", stats.scope.removeprefix("over "))]
    if stats.from_metadata:
        summary.append(("whole file", "nulls, min, max from metadata"))
    return TableData(kind="stats", columns=list(_STATS_COLUMNS), rows=rows, summary=summary)
