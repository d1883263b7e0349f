"""Arrow record batches to the safe strings of a TableData."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spyglass.previews.table_data import Column, Row, format_cell


def arrow_columns(schema: Iterable[Any]) -> list[Column]:
    """Columns for Arrow fields (a schema, or some of its fields)."""
    import pyarrow.types as pat

    columns = []
    for arrow_field in schema:
        kind = arrow_field.type
        numeric = bool(pat.is_integer(kind) or pat.is_floating(kind) or pat.is_decimal(kind))
        columns.append(
            Column(
                format_cell(str(arrow_field.name)) or "",
                format_cell(str(kind)) or "",
                nullable=bool(arrow_field.nullable),
                numeric=numeric,
            )
        )
    return columns


def arrow_rows(batches: Iterable[Any], limit: int, max_columns: int | None = None) -> list[Row]:
    """At most `limit` rows of the first `max_columns` columns, column by column
    (`to_pylist` is fast per column)."""
    rows: list[Row] = []
    for batch in batches:
        take = min(batch.num_rows, limit - len(rows))
        if take <= 0:
            break
        part = batch.slice(0, take)
        width = part.num_columns if max_columns is None else min(part.num_columns, max_columns)
        columns = [_safe_values(part.column(i)) for i in range(width)]
        rows.extend([list(values) for values in zip(*columns, strict=True)] if columns else [])
    return rows


def _safe_values(array: Any) -> list[str | None]:
    try:
        values = array.to_pylist()
    except (ValueError, OverflowError, NotImplementedError):
        # Timestamps out of Python's range, unknown extension types: show Arrow's own text.
        return [None if not value.is_valid else str(value) for value in array]
    return [format_cell(value) for value in values]
