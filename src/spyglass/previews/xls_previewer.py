"""Legacy Excel workbooks (.xls, BIFF) as a table: xlrd reads the whole file, so a cap applies."""

from __future__ import annotations

from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import TablePreview
from spyglass.previews.sheet_rows import sheet_table
from spyglass.previews.table_data import TableData, TablePart, chosen_part
from spyglass.previews.whole_file import read_whole_note, whole_file, workbook_preview

EXTENSIONS = frozenset({"xls"})
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cell(book: Any, cell: Any) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    return cell.value


class XlsPreviewer(Previewer):
    name = "xls"

    def load(self, source: Source) -> TablePreview:
        try:
            import xlrd
        except ImportError as exc:
            raise SpyglassError("reading .xls files needs the xlrd package") from exc
        cap = source.options.max_table_bytes
        data = whole_file(source, cap, ".xls")
        try:
            book = xlrd.open_workbook(file_contents=data, on_demand=True)
        except Exception as exc:  # xlrd raises many kinds on a damaged file
            raise SpyglassError(f"corrupt .xls file: {cause_of(exc)}") from exc
        names = [str(name) for name in book.sheet_names()]
        return workbook_preview(
            "Excel 97-2003",
            source,
            data,
            names,
            lambda parts, name: _sheet(book, parts, name, source),
            read_whole_note(".xls", cap),
        )


def _sheet(book: Any, parts: list[TablePart], name: str | None, source: Source) -> TableData:
    chosen = chosen_part(parts, name)
    options = source.options
    try:
        sheet = book.sheet_by_name(chosen.key)
        shown = min(sheet.nrows, options.max_rows + 1)
        width = min(sheet.ncols, options.max_columns)
        values = [
            [_cell(book, sheet.cell(row, column)) for column in range(width)]
            for row in range(shown)
        ]
    except Exception as exc:  # a damaged sheet record
        raise SpyglassError(f"corrupt .xls sheet {chosen.name}: {cause_of(exc)}") from exc
    table = sheet_table(
        "excel",
        values,
        max_rows=options.max_rows,
        max_columns=options.max_columns,
        more=sheet.nrows > shown,
        total=sheet.nrows,
    )
    table.total_columns = max(table.total_columns or 0, sheet.ncols)
    chosen.rows = table.total_rows
    table.parts = parts
    table.part = chosen.name
    return table
