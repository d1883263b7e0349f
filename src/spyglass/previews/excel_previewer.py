"""Excel workbooks (.xlsx) as a table: one sheet at a time, read as a stream of rows."""

from __future__ import annotations

import zipfile
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import human_size
from spyglass.fs.range_file import BudgetExceeded
from spyglass.previews.capped_zip import CappedZipFile, MemberTooBig
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.random_access import open_range_file
from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart, chosen_part
from spyglass.safe_text import safe_name

EXTENSIONS = frozenset({"xlsx", "xlsm"})
# A sheet is parsed a row at a time, and a row is built whole: this bounds the XML read
# for the first rows shown (a row of 8 MiB of cells takes about 150 MB to parse).
SHEET_READ_BYTES = 8 * 1024 * 1024
_SHEETS = "xl/worksheets/"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _is_header(row: tuple[Any, ...]) -> bool:
    return bool(row) and all(isinstance(value, str) and value.strip() for value in row)


def _sheet_table(
    workbook: Any, chosen: TablePart, options: PreviewOptions, parts: list[TablePart]
) -> tuple[TableData, list[str]]:
    """The first rows of a sheet, and what stopped the reading early."""
    max_rows = options.max_rows
    sheet = workbook[chosen.key]
    values: list[tuple[Any, ...]] = []
    exhausted = True
    problems: list[str] = []
    full_width = 0
    try:
        for row in sheet.iter_rows(values_only=True):
            if len(values) > max_rows:
                exhausted = False
                break
            full_width = max(full_width, _used_width(row))
            values.append(tuple(row[: options.max_columns]))
    except MemberTooBig as exc:
        if not values:
            raise SpyglassError(
                f"the first row of sheet {chosen.name} takes more than "
                f"{human_size(exc.cap)} once decompressed: not read"
            ) from exc
        exhausted = False
        problems.append(f"the sheet is cut at {human_size(exc.cap)} of decompressed data")
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
    table = table_from_tuples(
        "excel", names, [], values, total=total, exact=exhausted, total_columns=full_width
    )
    table.parts = parts
    table.part = chosen.name
    return table, problems


def _used_width(row: tuple[Any, ...]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None:
            return index + 1
    return 0


class ExcelPreviewer(Previewer):
    name = "excel"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        table, fetched, problems = self.load_sheet(source, None)
        notes = [
            *(Note(problem, NoteKind.PROBLEM) for problem in problems),
            Note(table.shape()),
            Note(f"sheet {table.part}"),
            Note(f"{len(table.parts)} sheets"),
        ]
        notes.extend(table.shown_notes())
        part = Part(fetched, source.entry.size, None)
        return TablePreview(title="Excel", notes=notes, payload=table, part=part)

    def load_sheet(self, source: Source, sheet: str | None) -> tuple[TableData, int, list[str]]:
        """A sheet (the first one by default), the bytes fetched, and what cut it short."""
        try:
            import openpyxl  # noqa: F401
        except ImportError as exc:
            raise SpyglassError("reading Excel files needs the openpyxl package") from exc
        cap = source.options.max_table_bytes
        handle = open_range_file(source, max(cap, source.max_bytes))
        try:
            workbook = _open_workbook(handle, cap)
        except MemberTooBig as exc:
            raise SpyglassError(
                f"the workbook's {safe_name(exc.name)} takes more than {human_size(exc.cap)} "
                "once decompressed: not read"
            ) from exc
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
            parts = [TablePart(str(item), None, "sheet", key=str(item)) for item in names]
            chosen = chosen_part(parts, sheet)
            try:
                table, problems = _sheet_table(workbook, chosen, source.options, parts)
            except BudgetExceeded as exc:
                raise SpyglassError(
                    f"the sheet takes more than the {human_size(exc.limit)} budget"
                ) from exc
            except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
                raise SpyglassError(f"corrupt Excel sheet {chosen.name}: {cause_of(exc)}") from exc
        finally:
            workbook.close()
        chosen.rows = table.total_rows if table.exact_total else None
        table.open_part = lambda other: self.load_sheet(source, other)[0]
        return table, handle.bytes_fetched, problems


def _open_workbook(handle: Any, cap: int) -> Any:
    """openpyxl's read-only workbook over a zip whose members stop at `cap` decompressed bytes.

    The parts openpyxl reads whole (shared strings, styles, the workbook) are
    refused by their declared size before any is decompressed; sheets are
    streamed and stop at `SHEET_READ_BYTES`.
    """
    from openpyxl.reader.excel import ExcelReader

    sheet_cap = min(cap, SHEET_READ_BYTES)
    archive = CappedZipFile(handle, lambda name: sheet_cap if name.startswith(_SHEETS) else cap)
    for info in archive.infolist():
        if not info.filename.startswith(_SHEETS) and info.file_size > cap:
            raise MemberTooBig(info.filename, cap)
    reader = ExcelReader(handle, read_only=True, data_only=True)
    reader.archive = archive
    reader.valid_files = archive.namelist()
    reader.read()
    return reader.wb
