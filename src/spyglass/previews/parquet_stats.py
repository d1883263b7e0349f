"""A Parquet column's nulls, min and max over the whole file, from the footer alone.

Every row group's column chunk carries its statistics in the footer; they are
summed and merged here, so no data page is read. Runs where the footer was
decoded: in the sandbox child.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spyglass.fs.backend import Backend
from spyglass.fs.range_file import RangeFile
from spyglass.previews.table_data import FileColumnStats, format_cell

# Footers are small; a bigger one is refused rather than read.
MAX_FOOTER_BYTES = 16 * 1024 * 1024


class ChunkTotals(NamedTuple):
    """What the footer says of one leaf column over all row groups."""

    nulls: int | None  # None when a row group with statistics does not count them
    counted: bool  # every row group counts its nulls
    low: Any
    high: Any
    complete: bool  # every row group has statistics with a min and a max
    compressed: int
    compression: str
    encodings: str


def _merge(current: Any, value: Any, pick: Any) -> Any:
    if current is None:
        return value
    try:
        return pick(current, value)
    except TypeError:
        return current


def chunk_totals(metadata: Any, index: int) -> ChunkTotals:
    nulls: int | None = 0
    low: Any = None
    high: Any = None
    complete = counted = True
    compressed = 0
    compression = encodings = ""
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group).column(index)
        compressed += chunk.total_compressed_size
        compression = chunk.compression
        encodings = ", ".join(chunk.encodings)
        stats = chunk.statistics if chunk.is_stats_set else None
        if stats is None:
            complete = counted = False
            continue
        if stats.has_null_count and nulls is not None:
            nulls += stats.null_count
        else:
            nulls = None
            counted = False
        if stats.has_min_max:
            low = _merge(low, stats.min, min)
            high = _merge(high, stats.max, max)
        else:
            complete = False
    return ChunkTotals(nulls, counted, low, high, complete, compressed, compression, encodings)


def _unsigned_zero(value: Any) -> Any:
    """Writers store a minimum of 0.0 as -0.0 (the format asks them to): it is 0.0."""
    if isinstance(value, float) and value == 0.0:
        return 0.0
    return value


def footer_stats(metadata: Any, names: list[str]) -> list[FileColumnStats | None]:
    """Per top-level column named in `names`, its whole-file statistics, if the footer has them.

    A nested column has several leaves and no one range: it gets None.
    """
    leaves: dict[str, int] = {}
    for leaf in range(metadata.num_columns):
        leaves.setdefault(metadata.schema.column(leaf).path, leaf)
    found: list[FileColumnStats | None] = []
    for name in names:
        index = leaves.get(name)
        if index is None:
            found.append(None)
            continue
        totals = chunk_totals(metadata, index)
        if not totals.counted and not totals.complete:
            found.append(None)
            continue
        low = format_cell(_unsigned_zero(totals.low)) if totals.complete else None
        high = format_cell(totals.high) if totals.complete else None
        found.append(FileColumnStats(totals.nulls if totals.counted else None, low, high))
    return found


def read_footer_stats(backend: Backend, path: str, size: int) -> list[FileColumnStats | None]:
    """The whole-file statistics of every top-level column, reading the footer and nothing else."""
    import pyarrow.parquet as pq

    handle = RangeFile(backend, path, size, limit=MAX_FOOTER_BYTES, block_size=16 * 1024)
    metadata = pq.read_metadata(handle)
    return footer_stats(metadata, metadata.schema.to_arrow_schema().names)
