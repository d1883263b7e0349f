"""The lines `spyglass cat` prints about a table: its shape, and its statistics instead of rows."""

from __future__ import annotations

from spyglass.previews.results import Note, TablePreview
from spyglass.previews.table_data import TableData
from spyglass.safe_text import safe_name


def left_out(table: TableData) -> list[Note]:
    """The notes the shape line already says: the rows and columns not shown."""
    return table.shown_notes()


def shape_line(name: str, preview: TablePreview) -> str:
    """`weather.parquet · Parquet · 5,000 rows \u00d7 3 columns, first 1,000 rows shown`.

    The same facts as the pane's title and the table's bar, with the sheet or
    table shown when the file has several.
    """
    table = preview.payload
    parts = [safe_name(name), preview.title]
    if table.part is not None:
        kind = table.parts[0].kind if table.parts else "table"
        parts.append(f"{kind} {table.part}")
    shape = table.shape()
    missing = [note.text for note in left_out(table)]
    if missing:
        shape += ", " + ", ".join(missing)
    parts.append(shape)
    return " \u00b7 ".join(parts)


def stats_preview(preview: TablePreview) -> tuple[TablePreview, str]:
    """The table's column statistics as a table to print, and the line saying what they are over."""
    from spyglass.previews.column_stats import stats_table, table_stats

    stats = table_stats(preview.payload)
    shown = TablePreview(title=f"{preview.title} statistics", payload=stats_table(stats))
    return shown, stats.label()
