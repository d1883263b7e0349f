"""Parquet as a table: the footer, then the first pages of the first row group, nothing more."""

from __future__ import annotations

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import count, human_size
from spyglass.fs.range_file import BudgetExceeded
from spyglass.previews.arrow_rows import arrow_columns, arrow_rows
from spyglass.previews.parquet_schema import parquet_schema
from spyglass.previews.parquet_stats import footer_stats
from spyglass.previews.random_access import open_range_file
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData

EXTENSIONS = frozenset({"parquet", "pq", "parq"})
# Column chunks are read through a buffer of this size, page by page, not whole.
_STREAM_BUFFER = 64 * 1024


class ParquetPreviewer(Previewer):
    name = "parquet"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        import pyarrow as pa
        import pyarrow.parquet as pq

        options = source.options
        handle = open_range_file(source, max(options.max_table_bytes, source.max_bytes))
        size = handle.size
        if size < 12 or handle.read(4) != b"PAR1":
            raise SpyglassError("not a Parquet file: the PAR1 header is missing")
        handle.seek(size - 4)
        if handle.read(4) != b"PAR1":
            raise SpyglassError("truncated Parquet file: the footer is missing")
        handle.seek(0)
        try:
            parquet = pq.ParquetFile(handle, pre_buffer=False, buffer_size=_STREAM_BUFFER)
        except (pa.ArrowException, OSError) as exc:
            raise SpyglassError(f"corrupt Parquet footer: {cause_of(exc)}") from exc
        metadata = parquet.metadata
        batch_rows = max(1, min(options.max_rows, 10_000))
        schema = parquet.schema_arrow
        # Only the columns shown are read: a file of 10,000 columns costs what 1,000 cost.
        shown = min(len(schema), options.max_columns)
        chosen = schema.names[:shown] if shown < len(schema) else None
        problem = None
        try:
            batches = parquet.iter_batches(batch_size=batch_rows, columns=chosen, use_threads=False)
            rows = arrow_rows(batches, options.max_rows)
        except BudgetExceeded as exc:
            rows = []
            problem = (
                f"the first pages of a row group take more than the {human_size(exc.limit)} "
                "budget: no rows shown"
            )
        except (pa.ArrowException, OSError) as exc:
            raise SpyglassError(f"corrupt Parquet data: {cause_of(exc)}") from exc
        table = TableData(
            kind="parquet",
            columns=arrow_columns(schema.field(i) for i in range(shown)),
            rows=rows,
            total_rows=metadata.num_rows,
            exact_total=True,
            schema=parquet_schema(metadata, options.max_columns),
            total_columns=len(schema.names),
            file_stats=footer_stats(metadata, schema.names[:shown]),
        )
        notes = [
            Note(table.shape()),
            Note(count(metadata.num_row_groups, "row group")),
        ]
        if problem:
            notes.insert(0, Note(problem))
        else:
            notes.extend(table.shown_notes())
        notes.append(Note("s: schema"))
        part = Part(handle.bytes_fetched, size, None)
        return TablePreview(title="Parquet", notes=notes, payload=table, part=part)
