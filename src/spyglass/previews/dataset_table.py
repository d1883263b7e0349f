"""A dataset's first files read as one table, with its partitions as columns.

Each file is previewed as any file is (its first bytes read here, decoded in
the sandbox child, within the byte and row limits); only the first few files
are read, until the row limit is reached. The cells are already safe text,
so joining them happens in this worker thread. A Delta Lake table's files,
schema and partition values come from its log (`lake_files`) where it can be
read; else from the folders, with a note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from spyglass.format import count, human_size
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews.column_types import infer_type, is_numeric, merge_types
from spyglass.previews.dataset_files import DatasetFiles, find_files
from spyglass.previews.lake_files import LakeFiles, lake_files
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import Note, NoteKind, Preview, TablePreview
from spyglass.previews.table_data import Column, Row, TableData, format_cell
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox

MAX_FILES_READ = 8

# (entry, max_rows) -> that file's preview, as `load_preview` makes it
LoadFile = Callable[[Entry, PreviewOptions], Preview]


def _partition_columns(
    names: Sequence[str], files: Sequence[Sequence[tuple[str, str]]]
) -> list[Column]:
    columns = []
    for name in names:
        values = [dict(pairs).get(name) for pairs in files]
        kind = infer_type(values)
        columns.append(Column(name, kind, numeric=is_numeric(kind)))
    return columns


def dataset_preview(
    backend: Backend,
    root: Entry,
    listing: Sequence[Entry],
    options: PreviewOptions,
    load_file: LoadFile,
    cancelled: Callable[[], bool] = lambda: False,
    sandbox: Sandbox | None = None,
) -> TablePreview | None:
    """The dataset as one table, or None when no file of it could be read as a table."""
    lake = lake_files(backend, root, listing, sandbox, cancelled)
    found = lake.found if lake.found is not None else find_files(backend, root, listing, cancelled)
    if not found.files:
        return None
    names: list[str] = []
    types: dict[str, list[str]] = {}
    numeric: dict[str, bool] = {}
    parts: list[tuple[TableData, list[tuple[str, str]]]] = []
    problems: list[Note] = []
    rows_left = options.max_rows
    for entry, values in found.files[:MAX_FILES_READ]:
        if rows_left <= 0 or cancelled():
            break
        preview = load_file(entry, dataclasses.replace(options, max_rows=rows_left))
        if not isinstance(preview, TablePreview):
            text = f"{safe_name(entry.name)} is not read as a table"
            problems.append(Note(text, NoteKind.PROBLEM))
            continue
        table = preview.payload
        for column in table.columns:
            if column.name not in types:
                names.append(column.name)
                types[column.name] = []
                numeric[column.name] = column.numeric
            types[column.name].append(column.type)
            numeric[column.name] = numeric[column.name] and column.numeric
        parts.append((table, values))
        rows_left -= len(table.rows)
    if not parts:
        return None
    order = _column_order(names, found.partitions, lake)
    columns = _columns(order, types, numeric, found.partitions, lake, parts)
    rows: list[Row] = []
    for table, values in parts:
        positions = {column.name: index for index, column in enumerate(table.columns)}
        given = dict(values)
        for row in table.rows:
            rows.append(
                [
                    row[positions[name]] if name in positions else format_cell(given.get(name))
                    for name in order
                ]
            )
    read_all = len(parts) == _file_count(found, lake) and found.complete
    exact = read_all and all(
        table.exact_total and table.total_rows is not None for table, _ in parts
    )
    total = sum(table.total_rows or len(table.rows) for table, _ in parts)
    if lake.total_rows is not None:  # the log counts every live file's rows
        total, exact = lake.total_rows, True
    data = TableData(
        kind="dataset", columns=columns, rows=rows, total_rows=total, exact_total=exact
    )
    return TablePreview(
        title=f"{found.table_format or found.format} dataset",
        notes=[*problems, *_notes(found, data, len(parts), lake)],
        payload=data,
    )


def _column_order(names: list[str], partitions: list[str], lake: LakeFiles) -> list[str]:
    """The log's schema order where there is one; else the files' columns, then partitions."""
    order = [name for name, _ in lake.columns]
    order += [name for name in names if name not in order]
    order += [name for name in partitions if name not in order]
    return order


def _columns(
    order: list[str],
    types: dict[str, list[str]],
    numeric: dict[str, bool],
    partitions: list[str],
    lake: LakeFiles,
    parts: list[tuple[TableData, list[tuple[str, str]]]],
) -> list[Column]:
    logged = dict(lake.columns)
    columns = []
    for name in order:
        if name in types:
            columns.append(Column(name, merge_types(types[name]), numeric=numeric[name]))
        elif name in logged:
            columns.append(Column(name, logged[name], numeric=logged[name] in _NUMERIC_TYPES))
        else:
            columns += _partition_columns([name], [values for _, values in parts])
    return columns


def _file_count(found: DatasetFiles, lake: LakeFiles) -> int:
    """All the dataset's files: a log names only its first ones and counts the rest."""
    return lake.file_count if lake.found is not None else len(found.files)


_NUMERIC_TYPES = {"byte", "short", "int", "integer", "long", "float", "double"}


def _notes(found: DatasetFiles, data: TableData, read: int, lake: LakeFiles) -> list[Note]:
    least = "" if found.complete else "at least "
    file_count = _file_count(found, lake)
    files = f"{least}{count(file_count, 'file')}, {least}{human_size(found.total_bytes)}"
    notes = [Note(data.shape()), Note(files)]
    if found.partitions:
        names = ", ".join(safe_name(name) for name in found.partitions)
        notes.append(Note(f"partitioned by {names}"))
    if read < file_count:
        notes.append(Note(f"first {count(read, 'file')} read", NoteKind.PART))
    if not found.complete:
        notes.append(Note("listing stopped at its bound", NoteKind.PART))
    notes.extend(lake.notes)
    notes.extend(data.shown_notes())
    notes.append(Note("Enter opens the folder"))
    return notes
