"""Tables and images as Rich renderables, for `spyglass cat` and other plain consoles."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from spyglass.previews.half_block_image import HalfBlockImage
from spyglass.previews.image_data import ImageData
from spyglass.previews.results import DataPreview, ImagePreview, TablePreview
from spyglass.previews.table_data import TableData


def rich_table(table: TableData) -> Table:
    """Every loaded row, with row numbers; values stay plain text (never markup)."""
    grid = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
    grid.add_column(Text("#"), justify="right", style="dim", no_wrap=True)
    for column, width in zip(table.columns, table.widths, strict=True):
        header = Text(column.name)
        header.append(f"\n{column.type}", "dim italic")
        grid.add_column(
            header,
            justify="right" if column.numeric else "left",
            no_wrap=True,
            overflow="ellipsis",
            max_width=width,
        )
    for index, row in enumerate(table.rows):
        cells = [Text(f"{index + 1:,}")]
        for value in row:
            if value is None:
                cells.append(Text(""))
            else:
                cells.append(Text(value.replace("\n", "\\n").replace("\t", "\\t")))
        grid.add_row(*cells)
    return grid


def natural_width(table: TableData) -> int:
    """The width a table takes unsqueezed: for pipes, which have no width of their own."""
    numbers = len(f"{len(table.rows):,}")
    return numbers + sum(width + 3 for width in table.widths) + 4


def info_line(data: ImageData) -> Text:
    return Text(" · ".join([data.format, *data.info]))


def data_renderable(preview: DataPreview[Any], *, terminal: bool, rows: int) -> RenderableType:
    if isinstance(preview, TablePreview):
        return rich_table(preview.payload)
    if isinstance(preview, ImagePreview):
        if not terminal:
            return info_line(preview.payload)
        return HalfBlockImage(preview.payload.image, max_rows=max(1, rows))
    return Text(preview.title)
