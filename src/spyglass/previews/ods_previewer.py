"""OpenDocument spreadsheets (.ods) as a table, read by pandas with odfpy.

odfpy builds the whole document in memory, so the file and its content.xml are
capped; one sheet at a time is turned into rows.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import human_size
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import TablePreview
from spyglass.previews.sheet_rows import sheet_table
from spyglass.previews.table_data import TableData, TablePart, chosen_part
from spyglass.previews.whole_file import read_whole_note, whole_file, workbook_preview

EXTENSIONS = frozenset({"ods"})
MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
# odfpy builds the whole document tree, at about 1 s and 40 MB a MiB of XML (measured).
CONTENT_XML_BYTES = 2 * 1024 * 1024


def starts_like_ods(source: Source) -> bool:
    return source.head[30:84] == MIMETYPE


def _check_members(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpyglassError("corrupt .ods file: it is not a valid zip archive") from exc
    for info in infos:
        if info.file_size > CONTENT_XML_BYTES:
            raise SpyglassError(
                f".ods documents are read whole, and its {info.filename!r} takes "
                f"{human_size(info.file_size)} once decompressed, above "
                f"{human_size(CONTENT_XML_BYTES)}"
            )


class OdsPreviewer(Previewer):
    name = "ods"

    def load(self, source: Source) -> TablePreview:
        try:
            import odf  # noqa: F401
            import pandas as pd
        except ImportError as exc:
            raise SpyglassError("reading .ods files needs pandas and odfpy") from exc
        cap = source.options.max_table_bytes
        data = whole_file(source, cap, ".ods")
        _check_members(data)
        try:
            workbook = pd.ExcelFile(io.BytesIO(data), engine="odf")
            names = [str(name) for name in workbook.sheet_names]
        except Exception as exc:  # odfpy and the XML parser raise many kinds
            raise SpyglassError(f"corrupt .ods file: {cause_of(exc)}") from exc
        xml = human_size(CONTENT_XML_BYTES)
        return workbook_preview(
            "OpenDocument",
            source,
            data,
            names,
            lambda parts, name: _sheet(workbook, parts, name, source),
            f"{read_whole_note('.ods', cap)[:-1]}, {xml} of XML)",
        )


def _sheet(workbook: Any, parts: list[TablePart], name: str | None, source: Source) -> TableData:
    import pandas as pd

    from spyglass.previews.frame_rows import frame_values

    chosen = chosen_part(parts, name)
    options = source.options
    try:
        frame = pd.read_excel(
            workbook, sheet_name=chosen.key, header=None, nrows=options.max_rows + 2
        )
    except Exception as exc:  # a damaged sheet
        raise SpyglassError(f"corrupt .ods sheet {chosen.name}: {cause_of(exc)}") from exc
    values = frame_values(frame)
    table = sheet_table(
        "excel",
        values,
        max_rows=options.max_rows,
        max_columns=options.max_columns,
        more=len(values) > options.max_rows + 1,
    )
    table.parts = parts
    table.part = chosen.name
    return table
