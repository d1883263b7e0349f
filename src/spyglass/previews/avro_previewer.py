"""Avro object container files as a table: records are read from the start up to the row limit."""

from __future__ import annotations

import json
from typing import IO, Any, cast

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import human_size
from spyglass.fs.range_stream import RangeStream
from spyglass.previews.record_rows import table_from_records
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import Column, Row, TableData

EXTENSIONS = frozenset({"avro"})
MAGIC = b"Obj\x01"


def _type_name(avro_type: Any) -> str:
    if isinstance(avro_type, str):
        return avro_type
    if isinstance(avro_type, list):
        return " | ".join(_type_name(item) for item in avro_type)
    if isinstance(avro_type, dict):
        logical = avro_type.get("logicalType")
        return str(logical or avro_type.get("type", "?"))
    return json.dumps(avro_type)[:60]


def _schema_table(fields: list[dict[str, Any]], max_columns: int) -> TableData:
    rows: list[Row] = [
        [str(field.get("name", "")), _type_name(field.get("type"))]
        for field in fields[:max_columns]
    ]
    return TableData(
        kind="schema", columns=[Column("column", "name"), Column("type", "avro")], rows=rows
    )


class AvroPreviewer(Previewer):
    name = "avro"

    def load(self, source: Source) -> TablePreview:
        try:
            import fastavro
        except ImportError as exc:
            raise SpyglassError("reading Avro files needs the fastavro package") from exc
        limit = max(source.options.max_table_bytes, source.max_bytes)
        stream = RangeStream(
            source.backend,
            source.entry.path,
            head=source.head,
            head_complete=source.complete,
            limit=limit,
        )
        wanted = source.options.max_rows
        records: list[dict[str, Any]] = []
        exhausted = True
        try:
            reader = fastavro.reader(cast(IO[bytes], stream))
            schema = reader.writer_schema
            for record in reader:
                if len(records) >= wanted:
                    exhausted = False
                    break
                records.append(record if isinstance(record, dict) else {"value": record})
        except Exception as exc:  # fastavro raises EOFError, ValueError, IndexError, ...
            if stream.cut:
                if not records:
                    raise SpyglassError(
                        f"the first records take more than the {human_size(limit)} budget"
                    ) from exc
                exhausted = False
            else:
                raise SpyglassError(f"corrupt Avro file: {cause_of(exc)}") from exc
        fields = schema.get("fields", []) if isinstance(schema, dict) else []
        table = table_from_records(
            "avro",
            records,
            total=len(records),
            exact=exhausted,
            max_columns=source.options.max_columns,
        )
        if fields:
            table.schema = _schema_table(fields, source.options.max_columns)
            table.total_columns = max(table.total_columns or 0, len(fields))
        notes = [Note(table.shape()), *table.shown_notes()]
        if table.schema is not None:
            notes.append(Note("s: schema"))
        part = Part(stream.bytes_fetched, source.entry.size, None)
        return TablePreview(title="Avro", notes=notes, payload=table, part=part)
