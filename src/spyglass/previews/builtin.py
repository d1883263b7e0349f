"""The previewers that ship with spyglass, registered once."""

from __future__ import annotations

from spyglass.previews.arrow_previewer import ArrowPreviewer
from spyglass.previews.code_previewer import CodePreviewer
from spyglass.previews.csv_previewer import CsvPreviewer
from spyglass.previews.excel_previewer import ExcelPreviewer
from spyglass.previews.hex_previewer import HexPreviewer
from spyglass.previews.image_previewer import ImagePreviewer
from spyglass.previews.json_lines_previewer import JsonLinesPreviewer
from spyglass.previews.json_previewer import JsonPreviewer
from spyglass.previews.json_table_previewer import JsonTablePreviewer
from spyglass.previews.markdown_previewer import MarkdownPreviewer
from spyglass.previews.parquet_previewer import ParquetPreviewer
from spyglass.previews.registry import register, registered
from spyglass.previews.sqlite_previewer import SqlitePreviewer
from spyglass.previews.text_previewer import TextPreviewer


def register_all() -> None:
    if registered():
        return
    for previewer in (
        # Data and images first: for equal scores, the earlier one wins.
        ParquetPreviewer(),
        ArrowPreviewer(),
        SqlitePreviewer(),
        ExcelPreviewer(),
        ImagePreviewer(),
        JsonTablePreviewer(),
        CsvPreviewer(),
        JsonLinesPreviewer(),
        JsonPreviewer(),
        MarkdownPreviewer(),
        CodePreviewer(),
        TextPreviewer(),
        HexPreviewer(),
    ):
        register(previewer)
