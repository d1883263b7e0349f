"""The previewers that ship with spyglass, and the whole order in which they are tried.

Each rule names a tier, a previewer and when it fits. For a file, every
previewer goes where its first fitting rule puts it; the first one shows the
file, and if it fails on it the next one is tried. Within a tier, the order
of the lines below decides.
"""

from __future__ import annotations

from spyglass.previews import (
    arrow_previewer,
    avro_previewer,
    code_previewer,
    csv_previewer,
    duckdb_previewer,
    excel_previewer,
    hdf5_previewer,
    image_previewer,
    json_lines_previewer,
    json_previewer,
    json_table_previewer,
    markdown_previewer,
    ods_previewer,
    orc_previewer,
    parquet_previewer,
    pickle_previewer,
    readstat_previewer,
    xls_previewer,
)
from spyglass.previews.arrow_previewer import ArrowPreviewer
from spyglass.previews.avro_previewer import AvroPreviewer
from spyglass.previews.code_previewer import CodePreviewer
from spyglass.previews.conditions import ANY_FILE, IS_TEXT, NO_EXTENSION, magic, named, starts_with
from spyglass.previews.csv_previewer import CsvPreviewer
from spyglass.previews.duckdb_previewer import DuckdbPreviewer
from spyglass.previews.excel_previewer import ExcelPreviewer
from spyglass.previews.hdf5_previewer import Hdf5Previewer
from spyglass.previews.hex_previewer import HexPreviewer
from spyglass.previews.image_previewer import ImagePreviewer
from spyglass.previews.json_lines_previewer import JsonLinesPreviewer
from spyglass.previews.json_previewer import JsonPreviewer
from spyglass.previews.json_table_previewer import JsonTablePreviewer
from spyglass.previews.markdown_previewer import MarkdownPreviewer
from spyglass.previews.ods_previewer import OdsPreviewer
from spyglass.previews.orc_previewer import OrcPreviewer
from spyglass.previews.parquet_previewer import ParquetPreviewer
from spyglass.previews.pickle_previewer import PicklePreviewer
from spyglass.previews.readstat_previewer import ReadstatPreviewer
from spyglass.previews.registry import Rule, Tier, register, rules
from spyglass.previews.sqlite_previewer import SqlitePreviewer
from spyglass.previews.text_previewer import TextPreviewer
from spyglass.previews.xls_previewer import XlsPreviewer

PARQUET = ParquetPreviewer()
ARROW = ArrowPreviewer()
SQLITE = SqlitePreviewer()
EXCEL = ExcelPreviewer()
PICKLE = PicklePreviewer()
READSTAT = ReadstatPreviewer()
XLS = XlsPreviewer()
ODS = OdsPreviewer()
HDF5 = Hdf5Previewer()
ORC = OrcPreviewer()
AVRO = AvroPreviewer()
DUCKDB = DuckdbPreviewer()
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
    # Never loaded, whatever else the bytes look like: unpickling runs code.
    Rule(Tier.MAGIC, PICKLE, named(pickle_previewer.EXTENSIONS)),
    # The first bytes prove the format.
    Rule(Tier.MAGIC, PARQUET, magic("parquet")),
    Rule(Tier.MAGIC, ARROW, magic("arrow")),
    Rule(Tier.MAGIC, SQLITE, magic("sqlite")),
    Rule(Tier.MAGIC, EXCEL, _EXCEL_NAME & magic("zip")),
    Rule(Tier.MAGIC, IMAGE, magic(*image_previewer.MAGIC)),
    Rule(Tier.MAGIC, READSTAT, readstat_previewer.starts_like_readstat),
    Rule(Tier.MAGIC, XLS, named(xls_previewer.EXTENSIONS) & starts_with(xls_previewer.OLE_MAGIC)),
    Rule(Tier.MAGIC, ODS, ods_previewer.starts_like_ods),
    Rule(Tier.MAGIC, HDF5, hdf5_previewer.starts_like_hdf5),
    Rule(Tier.MAGIC, ORC, starts_with(orc_previewer.MAGIC)),
    Rule(Tier.MAGIC, AVRO, starts_with(avro_previewer.MAGIC)),
    Rule(Tier.MAGIC, DUCKDB, duckdb_previewer.starts_like_duckdb),
    Rule(Tier.MAGIC, PICKLE, pickle_previewer.starts_like_pickle),
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
    Rule(Tier.NAME, READSTAT, named(readstat_previewer.EXTENSIONS)),
    Rule(Tier.NAME, XLS, named(xls_previewer.EXTENSIONS)),
    Rule(Tier.NAME, ODS, named(ods_previewer.EXTENSIONS)),
    Rule(Tier.NAME, HDF5, named(hdf5_previewer.EXTENSIONS)),
    Rule(Tier.NAME, ORC, named(orc_previewer.EXTENSIONS)),
    Rule(Tier.NAME, AVRO, named(avro_previewer.EXTENSIONS)),
    Rule(Tier.NAME, DUCKDB, named(duckdb_previewer.EXTENSIONS)),
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
