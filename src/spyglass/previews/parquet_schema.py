"""The schema view of a Parquet file, from the footer alone (no data page is read)."""

from __future__ import annotations

from typing import Any

from spyglass.format import count, human_size
from spyglass.previews.parquet_stats import chunk_totals
from spyglass.previews.table_data import Column, Row, TableData, format_cell

_COLUMNS = [
    Column("column", "name"),
    Column("type", "physical / logical"),
    Column("nullable", "bool"),
    Column("nulls", "count", numeric=True),
    Column("min", "statistics"),
    Column("max", "statistics"),
    Column("compression", "codec"),
    Column("encodings", "list"),
    Column("size", "compressed", numeric=True),
]


def _column_row(metadata: Any, index: int) -> Row:
    column = metadata.schema.column(index)
    logical = str(column.logical_type)
    kind = (
        column.physical_type if logical in ("None", "") else f"{column.physical_type} / {logical}"
    )
    totals = chunk_totals(metadata, index)
    nulls = totals.nulls if totals.complete or totals.nulls else None
    return [
        format_cell(column.path),
        format_cell(kind),
        "yes" if column.max_definition_level > 0 else "no",
        f"{nulls:,}" if nulls is not None else None,
        format_cell(totals.low),
        format_cell(totals.high),
        format_cell(totals.compression),
        format_cell(totals.encodings),
        human_size(totals.compressed),
    ]


def parquet_schema(metadata: Any, max_columns: int) -> TableData:
    """One row per leaf column, for the first `max_columns` of them."""
    rows = [_column_row(metadata, index) for index in range(min(metadata.num_columns, max_columns))]
    summary = [
        ("rows", f"{metadata.num_rows:,}"),
        ("row groups", f"{metadata.num_row_groups:,}"),
        ("columns", count(metadata.num_columns, "leaf column")),
        *([("shown", f"first {len(rows):,}")] if len(rows) < metadata.num_columns else []),
        ("format", f"Parquet {metadata.format_version}"),
    ]
    if metadata.created_by:
        summary.append(("created by", format_cell(metadata.created_by) or ""))
    return TableData(kind="schema", columns=list(_COLUMNS), rows=rows, summary=summary)
