"""The previewers that ship with spyglass, and the whole order in which they are tried.

Each rule names a tier, a previewer and when it fits. For a file, every
previewer goes where its first fitting rule puts it; the first one shows the
file, and if it fails on it the next one is tried. Within a tier, the order
of the lines below decides.
"""

from __future__ import annotations

from spyglass.previews import (
    arrow_previewer,
    code_previewer,
    csv_previewer,
    excel_previewer,
    image_previewer,
    json_lines_previewer,
    json_previewer,
    json_table_previewer,
    markdown_previewer,
    parquet_previewer,
)
from spyglass.previews.arrow_previewer import ArrowPreviewer
from spyglass.previews.code_previewer import CodePreviewer
from spyglass.previews.conditions import ANY_FILE, IS_TEXT, NO_EXTENSION, magic, named, starts_with
from spyglass.previews.csv_previewer import CsvPreviewer
from spyglass.previews.excel_previewer import ExcelPreviewer
from spyglass.previews.hex_previewer import HexPreviewer
from spyglass.previews.image_previewer import ImagePreviewer
from spyglass.previews.json_lines_previewer import JsonLinesPreviewer
from spyglass.previews.json_previewer import JsonPreviewer
from spyglass.previews.json_table_previewer import JsonTablePreviewer
from spyglass.previews.markdown_previewer import MarkdownPreviewer
from spyglass.previews.parquet_previewer import ParquetPreviewer
from spyglass.previews.registry import Rule, Tier, register, rules
from spyglass.previews.sqlite_previewer import SqlitePreviewer
from spyglass.previews.text_previewer import TextPreviewer

PARQUET = ParquetPreviewer()
ARROW = ArrowPreviewer()
SQLITE = SqlitePreviewer()
EXCEL = ExcelPreviewer()
IMAGE = ImagePreviewer()
JSON_TABLE = JsonTablePreviewer()
CSV = CsvPreviewer()
JSON_LINES = JsonLinesPreviewer()
JSON = JsonPreviewer()
MARKDOWN = MarkdownPreviewer()
CODE = CodePreviewer()
TEXT = TextPreviewer()
HEX = HexPreviewer()

_EXCEL_NAME = named(excel_previewer.EXTENSIONS)
_ARROW_NAME = named(arrow_previewer.EXTENSIONS)

RULES: tuple[Rule, ...] = (
    # The first bytes prove the format.
    Rule(Tier.MAGIC, PARQUET, magic("parquet")),
    Rule(Tier.MAGIC, ARROW, magic("arrow")),
    Rule(Tier.MAGIC, SQLITE, magic("sqlite")),
    Rule(Tier.MAGIC, EXCEL, _EXCEL_NAME & magic("zip")),
    Rule(Tier.MAGIC, IMAGE, magic(*image_previewer.MAGIC)),
    # The name says it, and the bytes do not say otherwise.
    Rule(Tier.NAME, JSON_TABLE, json_table_previewer.fits),  # a .json array of objects
    Rule(Tier.NAME, CSV, csv_previewer.fits),
    Rule(Tier.NAME, JSON_LINES, json_lines_previewer.fits),
    Rule(Tier.NAME, ARROW, _ARROW_NAME & starts_with(*arrow_previewer.STREAM_STARTS)),
    Rule(Tier.NAME, JSON, named(json_previewer.EXTENSIONS) & IS_TEXT),
    Rule(Tier.NAME, MARKDOWN, named(markdown_previewer.EXTENSIONS) & IS_TEXT),
    # Without their magic: tried first so that the preview says what is wrong with them.
    Rule(Tier.NAME, PARQUET, named(parquet_previewer.EXTENSIONS)),
    Rule(Tier.NAME, IMAGE, named(image_previewer.EXTENSIONS)),
    Rule(Tier.NAME, EXCEL, _EXCEL_NAME),
    # The content looks like it.
    Rule(Tier.CONTENT, JSON, NO_EXTENSION & IS_TEXT & json_previewer.starts_like_json),
    Rule(Tier.CONTENT, CODE, code_previewer.fits),  # a lexer for the name, shebang or content
    # Only the name hints at it: an Arrow name on bytes that start like no Arrow file.
    Rule(Tier.HINT, ARROW, _ARROW_NAME),
    # Every file shows as something.
    Rule(Tier.FALLBACK, TEXT, IS_TEXT),
    Rule(Tier.FALLBACK, HEX, ANY_FILE),
)


def register_all() -> None:
    if rules():
        return
    for rule in RULES:
        register(rule)
