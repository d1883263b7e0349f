"""Feather v2 / Arrow IPC files and streams as a table: only the first record batches."""

from __future__ import annotations

from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import count, human_size
from spyglass.fs.range_file import BudgetExceeded
from spyglass.fs.range_stream import RangeStream
from spyglass.previews.arrow_rows import arrow_columns, arrow_rows
from spyglass.previews.random_access import open_range_file
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.sniff import magic_label
from spyglass.previews.table_data import Column, Row, TableData

EXTENSIONS = frozenset({"feather", "arrow", "ipc", "arrows", "ftr"})
# How an IPC stream starts (a continuation marker), and Feather version 1.
STREAM_STARTS = (b"\xff\xff\xff\xff", b"FEA1")


def _columns(schema: Any, max_columns: int) -> list[Column]:
    return arrow_columns(schema.field(i) for i in range(min(len(schema), max_columns)))


def _schema_table(schema: Any, max_columns: int) -> TableData:
    rows: list[Row] = [
        [column.name, column.type, "yes" if column.nullable else "no"]
        for column in _columns(schema, max_columns)
    ]
    columns = [Column("column", "name"), Column("type", "arrow"), Column("nullable", "bool")]
    return TableData(kind="schema", columns=columns, rows=rows)


class ArrowPreviewer(Previewer):
    name = "arrow"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        import pyarrow as pa

        if source.head.startswith(b"FEA1"):
            raise SpyglassError(
                "Feather version 1 files are not supported: only Feather v2 / Arrow"
            )
        limit = max(source.options.max_table_bytes, source.max_bytes)
        try:
            if magic_label(source.head) == "arrow":
                return self._load_file(source, limit)
            return self._load_stream(source, limit)
        except BudgetExceeded as exc:
            raise SpyglassError(
                f"the first record batch takes more than the {human_size(exc.limit)} budget"
            ) from exc
        except (pa.ArrowException, OSError) as exc:
            raise SpyglassError(f"corrupt Arrow data: {cause_of(exc)}") from exc

    def _load_file(self, source: Source, limit: int) -> TablePreview:
        import pyarrow.ipc as ipc

        handle = open_range_file(source, limit)
        handle.seek(handle.size - 6)
        if handle.read(6) != b"ARROW1":
            raise SpyglassError("truncated Arrow file: the footer is missing")
        handle.seek(0)
        reader = ipc.open_file(handle)
        wanted = source.options.max_rows
        batches = (reader.get_batch(i) for i in range(reader.num_record_batches))
        most = source.options.max_columns
        rows = arrow_rows(batches, wanted, most)
        read_all = len(rows) < wanted
        table = TableData(
            kind="arrow",
            columns=_columns(reader.schema, most),
            rows=rows,
            total_rows=len(rows),
            exact_total=read_all,
            schema=_schema_table(reader.schema, most),
            total_columns=len(reader.schema),
        )
        extra = count(reader.num_record_batches, "record batch")
        return _preview("Arrow IPC file", table, [extra], handle.bytes_fetched, source)

    def _load_stream(self, source: Source, limit: int) -> TablePreview:
        import pyarrow.ipc as ipc

        stream = RangeStream(
            source.backend,
            source.entry.path,
            head=source.head,
            head_complete=source.complete,
            limit=limit,
        )
        reader = ipc.open_stream(stream)
        wanted = source.options.max_rows
        done = False

        def batches() -> Any:
            nonlocal done
            while True:
                try:
                    yield reader.read_next_batch()
                except StopIteration:
                    done = True
                    return

        most = source.options.max_columns
        rows = arrow_rows(batches(), wanted, most)
        table = TableData(
            kind="arrow",
            columns=_columns(reader.schema, most),
            rows=rows,
            total_rows=len(rows),
            exact_total=done,
            schema=_schema_table(reader.schema, most),
            total_columns=len(reader.schema),
        )
        return _preview("Arrow IPC stream", table, [], stream.bytes_fetched, source)


def _preview(
    title: str, table: TableData, extra: list[str], fetched: int, source: Source
) -> TablePreview:
    notes = [Note(table.shape()), *(Note(text) for text in extra)]
    notes.extend(table.shown_notes())
    notes.append(Note("s: schema"))
    part = Part(fetched, source.entry.size, None)
    return TablePreview(title=title, notes=notes, payload=table, part=part)
