"""Column statistics, sort and filter over the rows a table preview read.

    python -m bench.table_tools [--runs 7] [--rows 1000] [--columns 100]

Builds a CSV of numbers, text and empty cells, previews it as the app does
(read, decoded in a sandbox child), then times `table_stats` + `stats_table`
(the `t` key), a sort of one column and a filter over every cell, on the
rows read. Prints medians with min and max.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.column_stats import stats_table, table_stats
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import TablePreview
from spyglass.previews.row_view import RowView, SortOrder, parse_filter
from spyglass.previews.table_data import TableData
from spyglass.sandbox.pool import Sandbox


def _csv(rows: int, columns: int) -> str:
    header = ",".join(f"c{i}" for i in range(columns))
    lines = [header]
    for row in range(rows):
        cells = []
        for column in range(columns):
            kind = column % 3
            if (row + column) % 17 == 0:
                cells.append("")
            elif kind == 0:
                cells.append(str((row * 31 + column) % 997))
            elif kind == 1:
                cells.append(f"{(row * 7 + column) % 1009 / 3:.3f}")
            else:
                cells.append(f"word{(row + column) % 50}")
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _table(folder: Path, rows: int, columns: int) -> TableData:
    path = folder / "bench.csv"
    path.write_text(_csv(rows, columns))
    backend = LocalBackend()
    sandbox = Sandbox()
    try:
        options = PreviewOptions(max_rows=rows, max_columns=columns)
        preview = load_preview(
            backend, backend.stat(str(path)), 64 << 20, options=options, sandbox=sandbox
        )
    finally:
        sandbox.close()
    assert isinstance(preview, TablePreview), preview
    return preview.payload


def _time(step: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--columns", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        table = _table(Path(scratch), args.rows, args.columns)
    names = [column.name for column in table.columns]
    steps: dict[str, Callable[[], object]] = {
        "statistics (t)": lambda: stats_table(table_stats(table)),
        "sort a number column (<)": lambda: RowView(table, SortOrder(0)).shown(),
        "sort a text column (<)": lambda: RowView(table, SortOrder(2)).shown(),
        "filter: a substring of any cell": lambda: RowView(
            table, None, parse_filter("word7", names)
        ).shown(),
        "filter: c1>100": lambda: RowView(table, None, parse_filter("c1>100", names)).shown(),
    }
    print(f"{len(table.rows):,} rows x {len(table.columns):,} columns, {args.runs} runs")
    for name, step in steps.items():
        times = _time(step, args.runs)
        print(
            f"{name:36} median {statistics.median(times) * 1000:7.1f} ms"
            f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
        )


if __name__ == "__main__":
    main()
