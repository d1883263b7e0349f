"""ORC files as a table: the footer for the schema and row count, then the first rows only.

A stripe is often 64 MiB; Arrow's dataset scanner reads the first batch of rows
from the start of each column's streams instead of whole stripes, and the file
object refuses further reads once the rows are in, so closing the scanner does not
read on to the end.
"""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING, Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import count, human_size
from spyglass.fs.range_file import BudgetExceeded, RangeFile
from spyglass.previews.arrow_rows import arrow_columns, arrow_rows
from spyglass.previews.random_access import open_range_file
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

EXTENSIONS = frozenset({"orc"})
MAGIC = b"ORC"


class _Closable(io.RawIOBase):
    """The range file, until `stop()`: then every read fails at once."""

    def __init__(self, inner: RangeFile) -> None:
        super().__init__()
        self._inner = inner
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._inner.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._inner.seek(offset, whence)

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._stopped:
            raise OSError("the preview has its rows")
        return self._inner.readinto(buffer)


def _first_batches(handle: RangeFile, wanted: int) -> list[Any]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    stoppable = _Closable(handle)
    fragment = ds.OrcFileFormat().make_fragment(pa.PythonFile(stoppable, mode="r"))
    scanner = ds.Scanner.from_fragment(
        fragment,
        batch_size=max(1, min(wanted, 64 * 1024)),
        use_threads=False,
        batch_readahead=0,
        fragment_readahead=0,
    )
    reader = scanner.to_reader()
    batches = []
    rows = 0
    try:
        while rows < wanted:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            batches.append(batch)
            rows += batch.num_rows
    finally:
        stoppable.stop()
        # The refused reads end the scan: an error here is expected.
        with contextlib.suppress(OSError, pa.ArrowException):
            reader.close()
    return batches


class OrcPreviewer(Previewer):
    name = "orc"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        try:
            import pyarrow as pa
            import pyarrow.orc as orc
        except ImportError as exc:
            raise SpyglassError("reading ORC files needs pyarrow") from exc
        limit = max(source.options.max_table_bytes, source.max_bytes)
        handle = open_range_file(source, limit)
        options = source.options
        try:
            footer = orc.ORCFile(handle)
            schema = footer.schema
            total = int(footer.nrows)
            stripes = int(footer.nstripes)
            handle.seek(0)
            batches = _first_batches(handle, options.max_rows)
        except BudgetExceeded as exc:
            raise SpyglassError(
                f"the first rows take more than the {human_size(exc.limit)} budget"
            ) from exc
        except (pa.ArrowException, OSError, ValueError) as exc:
            if handle.bytes_fetched >= limit:
                raise SpyglassError(
                    f"the first rows take more than the {human_size(limit)} budget"
                ) from exc
            raise SpyglassError(f"corrupt ORC file: {cause_of(exc)}") from exc
        most = options.max_columns
        rows = arrow_rows(iter(batches), options.max_rows, most)
        table = TableData(
            kind="orc",
            columns=arrow_columns(schema.field(i) for i in range(min(len(schema), most))),
            rows=rows,
            total_rows=total,
            exact_total=True,
            total_columns=len(schema),
        )
        notes = [Note(table.shape()), Note(count(stripes, "stripe")), *table.shown_notes()]
        part = Part(handle.bytes_fetched, source.entry.size, None)
        return TablePreview(title="ORC", notes=notes, payload=table, part=part)
