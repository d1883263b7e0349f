"""The schema view of a Parquet file, from the footer alone (no data page is read)."""

from __future__ import annotations

from typing import Any

from spyglass.format import count, human_size
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


def _merge(current: Any, value: Any, pick: Any) -> Any:
    if current is None:
        return value
    try:
        return pick(current, value)
    except TypeError:
        return current


def _column_row(metadata: Any, index: int) -> Row:
    column = metadata.schema.column(index)
    logical = str(column.logical_type)
    kind = (
        column.physical_type if logical in ("None", "") else f"{column.physical_type} / {logical}"
    )
    nulls: int | None = 0
    low: Any = None
    high: Any = None
    stats_complete = True
    compressed = 0
    compression = encodings = ""
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group).column(index)
        compressed += chunk.total_compressed_size
        compression = chunk.compression
        encodings = ", ".join(chunk.encodings)
        stats = chunk.statistics if chunk.is_stats_set else None
        if stats is None:
            stats_complete = False
            continue
        if stats.has_null_count and nulls is not None:
            nulls += stats.null_count
        else:
            nulls = None
        if stats.has_min_max:
            low = _merge(low, stats.min, min)
            high = _merge(high, stats.max, max)
        else:
            stats_complete = False
    if not stats_complete:
        nulls = nulls if nulls else None
    return [
        format_cell(column.path),
        format_cell(kind),
        "yes" if column.max_definition_level > 0 else "no",
        f"{nulls:,}" if nulls is not None else None,
        format_cell(low),
        format_cell(high),
        format_cell(compression),
        format_cell(encodings),
        human_size(compressed),
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
