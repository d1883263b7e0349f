"""pandas DataFrames (from SAS, Stata, SPSS, OpenDocument and HDF5 readers) to a TableData."""

from __future__ import annotations

from typing import Any

from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.table_data import TableData


def frame_values(frame: Any) -> list[tuple[Any, ...]]:
    """Rows as plain Python values; missing values (NaN, NaT, NA) become None."""
    import pandas as pd

    boxed = frame.astype(object)
    boxed = boxed.where(pd.notna(boxed), None)
    return [tuple(row) for row in boxed.to_numpy().tolist()]


def frame_table(
    kind: str,
    frame: Any,
    *,
    total: int | None,
    exact: bool,
    max_columns: int,
    types: list[str] | None = None,
) -> TableData:
    """The first `max_columns` columns of a frame; `types` name them when the file does."""
    total_columns = len(frame.columns)
    frame = frame.iloc[:, :max_columns]
    names = [str(name) for name in frame.columns]
    if types is None:
        types = [_dtype_name(dtype) for dtype in frame.dtypes]
    return table_from_tuples(
        kind,
        names,
        types[: len(names)],
        frame_values(frame),
        total=total,
        exact=exact,
        total_columns=total_columns,
    )


def _dtype_name(dtype: Any) -> str:
    name = str(dtype)
    # object and string columns say nothing a reader needs: let the values tell the type.
    return "" if name in ("object", "str", "string") else name
