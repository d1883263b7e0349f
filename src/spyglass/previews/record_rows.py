"""Lists of records (JSON objects, database rows) to a TableData."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spyglass.previews.column_types import merge_types, python_type
from spyglass.previews.preview_options import DEFAULT_MAX_COLUMNS
from spyglass.previews.table_data import Column, Row, TableData, format_cell

_NUMERIC = {"int", "float"}


def table_from_records(
    kind: str,
    records: Sequence[dict[str, Any]],
    *,
    total: int | None,
    exact: bool,
    max_columns: int = DEFAULT_MAX_COLUMNS,
) -> TableData:
    """Columns are the union of keys, in the order they first appear; the first
    `max_columns` of them are kept."""
    names: dict[str, None] = {}
    for record in records:
        for key in record:
            names.setdefault(key, None)
    keys = list(names)[:max_columns]
    rows: list[Row] = [[format_cell(record.get(key)) for key in keys] for record in records]
    columns = []
    for key in keys:
        type_name = merge_types(python_type(record.get(key)) for record in records)
        columns.append(Column(format_cell(key) or "", type_name, numeric=type_name in _NUMERIC))
    table = TableData(kind=kind, columns=columns, rows=rows, total_rows=total, exact_total=exact)
    table.total_columns = len(names)
    return table


def table_from_tuples(
    kind: str,
    names: Sequence[str],
    types: Sequence[str],
    values: Sequence[Sequence[Any]],
    *,
    total: int | None,
    exact: bool,
    total_columns: int | None = None,
) -> TableData:
    """Rows that are already positional (SQLite, spreadsheets); empty types are guessed.

    `names` are the columns read; `total_columns` says how many the source has."""
    columns = []
    for index, name in enumerate(names):
        type_name = types[index] if index < len(types) and types[index] else ""
        if not type_name:
            type_name = merge_types(python_type(row[index]) for row in values if index < len(row))
        columns.append(
            Column(
                format_cell(name) or "",
                format_cell(type_name) or "",
                numeric=_is_numeric(type_name),
            )
        )
    rows: list[Row] = [
        [format_cell(row[i]) if i < len(row) else None for i in range(len(names))] for row in values
    ]
    table = TableData(kind=kind, columns=columns, rows=rows, total_rows=total, exact_total=exact)
    table.total_columns = total_columns
    return table


def _is_numeric(type_name: str) -> bool:
    lowered = type_name.lower()
    return lowered in _NUMERIC or any(
        word in lowered for word in ("int", "real", "float", "double", "numeric", "decimal")
    )
