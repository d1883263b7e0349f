"""Excel workbooks (.xlsx) as a table: one sheet at a time, read as a stream of rows."""

from __future__ import annotations

import zipfile
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import human_size
from spyglass.fs.range_file import BudgetExceeded
from spyglass.previews.random_access import open_range_file
from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart

EXTENSIONS = frozenset({"xlsx", "xlsm"})


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _is_header(row: tuple[Any, ...]) -> bool:
    return bool(row) and all(isinstance(value, str) and value.strip() for value in row)


def _sheet_table(workbook: Any, name: str, max_rows: int, parts: list[TablePart]) -> TableData:
    sheet = workbook[name]
    values: list[tuple[Any, ...]] = []
    exhausted = True
    for row in sheet.iter_rows(values_only=True):
        if len(values) > max_rows:
            exhausted = False
            break
        values.append(tuple(row))
    width = max((_used_width(row) for row in values), default=0)
    values = [row[:width] + (None,) * (width - len(row)) for row in values]
    header = bool(values) and _is_header(values[0])
    if header:
        names = [str(value) for value in values[0]]
        values = values[1:]
    else:
        names = [_column_letter(i) for i in range(width)]
    if len(values) > max_rows:
        exhausted = False
        values = values[:max_rows]
    dimension_rows = getattr(sheet, "max_row", None)
    total = len(values)
    if not exhausted and isinstance(dimension_rows, int):
        total = max(total, dimension_rows - (1 if header else 0))
    table = table_from_tuples("excel", names, [], values, total=total, exact=exhausted)
    table.parts = parts
    table.part = name
    return table


def _used_width(row: tuple[Any, ...]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None:
            return index + 1
    return 0


class ExcelPreviewer(Previewer):
    name = "excel"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        table, fetched = self.load_sheet(source, None)
        notes = [
            Note(table.shape()),
            Note(f"sheet {table.part}"),
            Note(f"{len(table.parts)} sheets"),
        ]
        notes.extend(table.shown_notes())
        part = Part(fetched, source.entry.size, None)
        return TablePreview(title="Excel", notes=notes, payload=table, part=part)

    def load_sheet(self, source: Source, sheet: str | None) -> tuple[TableData, int]:
        try:
            import openpyxl
        except ImportError as exc:
            raise SpyglassError("reading Excel files needs the openpyxl package") from exc
        handle = open_range_file(source, max(source.options.max_table_bytes, source.max_bytes))
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except BudgetExceeded as exc:
            raise SpyglassError(
                f"the workbook's shared parts take more than the {human_size(exc.limit)} budget"
            ) from exc
        except zipfile.BadZipFile as exc:
            raise SpyglassError("corrupt Excel file: it is not a valid zip archive") from exc
        except (KeyError, ValueError, OSError, SyntaxError) as exc:
            raise SpyglassError(f"corrupt Excel file: {cause_of(exc)}") from exc
        try:
            names = list(workbook.sheetnames)
            if not names:
                raise SpyglassError("the workbook has no sheets")
            name = sheet if sheet is not None and sheet in names else str(names[0])
            parts = [TablePart(item, None, "sheet") for item in names]
            try:
                table = _sheet_table(workbook, name, source.options.max_rows, parts)
            except BudgetExceeded as exc:
                raise SpyglassError(
                    f"the sheet takes more than the {human_size(exc.limit)} budget"
                ) from exc
            except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
                raise SpyglassError(f"corrupt Excel sheet {name!r}: {cause_of(exc)}") from exc
        finally:
            workbook.close()
        for item in parts:
            if item.name == name:
                item.rows = table.total_rows if table.exact_total else None
        table.open_part = lambda other: self.load_sheet(source, other)[0]
        return table, handle.bytes_fetched
