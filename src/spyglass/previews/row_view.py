"""The rows read, sorted by a column and filtered, as the table view and its bar show them.

Sorting puts nulls last in both directions and numbers before text, numbers
compared as numbers. A filter is a substring of any cell, or a comparison
with a column: `city=Oslo`, `temperature>20`, `year<2000`, `kind!=test`
(numbers compared as numbers). Both work on the cells already read, never on
the file.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from spyglass.errors import SpyglassError
from spyglass.previews.table_data import Cell, TableData
from spyglass.safe_text import safe_name

_COMPARISON = re.compile(r"^\s*(.+?)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$", re.DOTALL)


class SortOrder(NamedTuple):
    column: int
    descending: bool = False


def next_order(
    current: SortOrder | None, column: int, *, descending_first: bool = False
) -> SortOrder | None:
    """One key cycles ascending, descending, off on a column (or the reverse way round)."""
    first = SortOrder(column, descending_first)
    if current is None or current.column != column:
        return first
    if current.descending == descending_first:
        return SortOrder(column, not descending_first)
    return None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def sorted_indices(rows: Sequence[Sequence[Cell]], order: SortOrder) -> list[int]:
    """Row indices in the order asked; nulls last, then numbers, then text (stable)."""
    numbers: list[tuple[float, int]] = []
    texts: list[tuple[str, int]] = []
    nulls: list[int] = []
    column = order.column
    for index, row in enumerate(rows):
        value = row[column] if column < len(row) else None
        if value is None:
            nulls.append(index)
            continue
        number = _number(value)
        if number is None:
            texts.append((value, index))
        else:
            numbers.append((number, index))
    reverse = order.descending
    numbers.sort(key=lambda pair: pair[0], reverse=reverse)
    texts.sort(key=lambda pair: pair[0], reverse=reverse)
    return [index for _, index in numbers] + [index for _, index in texts] + nulls


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
}


@dataclass(frozen=True)
class RowFilter:
    """What the filter input said: a substring, or a comparison with one column."""

    text: str
    column: int | None = None  # None: the text is looked for in every cell
    op: str = ""
    value: str = ""
    column_name: str = ""

    def describe(self) -> str:
        if self.column is None:
            return f"cells containing {safe_name(self.text)!r}"
        return f"{self.column_name} {self.op} {safe_name(self.value)}"

    def matches(self, row: Sequence[Cell]) -> bool:
        if self.column is None:
            needle = self.text.casefold()
            return any(cell is not None and needle in cell.casefold() for cell in row)
        cell = row[self.column] if self.column < len(row) else None
        return _compare(cell, self.op, self.value)


def _compare(cell: Cell, op: str, value: str) -> bool:
    if cell is None:
        # `column=` asks for the empty cells, `column!=` for the filled ones.
        return (op == "=" and value == "") or (op == "!=" and value != "")
    wanted = _number(value)
    have = _number(cell) if wanted is not None else None
    if wanted is not None and have is not None:
        return _OPERATORS[op](have, wanted)
    if op in ("=", "!="):
        return _OPERATORS[op](cell.casefold(), value.casefold())
    if wanted is not None:
        return False  # text is not ordered against a number
    return _OPERATORS[op](cell.casefold(), value.casefold())


def parse_filter(text: str, names: Sequence[str]) -> RowFilter:
    """A comparison when the text starts with a column's name and an operator, else a substring."""
    if not text.strip():
        raise SpyglassError("the filter is empty")
    match = _COMPARISON.match(text)
    if match is not None:
        name, op, value = match.groups()
        index = _column_index(name, names)
        if index is not None:
            return RowFilter(text, index, op, value, names[index])
    return RowFilter(text)


def _column_index(name: str, names: Sequence[str]) -> int | None:
    if name in names:
        return names.index(name)
    folded = [candidate.casefold() for candidate in names]
    wanted = name.casefold()
    return folded.index(wanted) if wanted in folded else None


@dataclass(frozen=True)
class RowView:
    """The table as shown: its rows in sort order, the filter's matches only."""

    table: TableData
    order: SortOrder | None = None
    filter: RowFilter | None = None

    def shown(self) -> TableData:
        base = self.table
        if self.order is None and self.filter is None:
            return base
        rows = base.rows
        indices = (
            sorted_indices(rows, self.order) if self.order is not None else list(range(len(rows)))
        )
        if self.filter is not None:
            matches = self.filter.matches
            indices = [index for index in indices if matches(rows[index])]
        return dataclasses.replace(
            base,
            rows=[rows[index] for index in indices],
            row_numbers=[base.row_number(index) for index in indices],
            widths=list(base.widths),
        )

    def status(self, shown: TableData) -> str:
        """`37 of 1,000 rows read match · sorted by temperature ↓`, or "" for the plain table."""
        parts = []
        if self.filter is not None:
            read = len(self.table.rows)
            noun = "row read matches" if len(shown.rows) == 1 else "rows read match"
            parts.append(f"{len(shown.rows):,} of {read:,} {noun} {self.filter.describe()}")
        if self.order is not None and self.order.column < len(self.table.columns):
            name = self.table.columns[self.order.column].name
            arrow = "\u2193" if self.order.descending else "\u2191"
            parts.append(f"sorted by {name} {arrow}")
        return " · ".join(parts)
