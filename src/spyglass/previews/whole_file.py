"""Formats that cannot be read in part (legacy Excel, OpenDocument): the whole file, up to a cap."""

from __future__ import annotations

from collections.abc import Callable

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.registry import Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart


def whole_file(source: Source, cap: int, what: str) -> bytes:
    """Every byte of the file; a file above `cap` is a sentence, and nothing more is read."""
    size = source.entry.size
    if size is not None and size > cap:
        raise SpyglassError(
            f"the file is {human_size(size)}; {what} files are read whole, "
            f"and only up to {human_size(cap)}"
        )
    if source.complete:
        return source.head
    data = source.head + source.backend.read_range(
        source.entry.path, len(source.head), cap + 1 - len(source.head)
    )
    if len(data) > cap:
        raise SpyglassError(f"{what} files are read whole, and only up to {human_size(cap)}")
    return data


def read_whole_note(what: str, cap: int) -> str:
    return f"{what} files are read whole (up to {human_size(cap)})"


def workbook_preview(
    title: str,
    source: Source,
    data: bytes,
    names: list[str],
    sheet: Callable[[list[TablePart], str | None], TableData],
    read_note: str,
) -> TablePreview:
    """A workbook read whole: its sheets are the parts, `sheet(parts, name)` reads one."""
    if not names:
        raise SpyglassError("the workbook has no sheets")
    parts = [TablePart(name, None, "sheet", key=name) for name in names]
    table = sheet(parts, None)
    table.open_part = lambda other: sheet(parts, other)
    notes = [Note(table.shape()), Note(f"sheet {table.part}"), Note(f"{len(parts)} sheets")]
    notes.extend(table.shown_notes())
    notes.append(Note(read_note))
    fetched = len(data) - len(source.head)
    return TablePreview(
        title=title, notes=notes, payload=table, part=Part(fetched, len(data), None)
    )
