"""HDF5 files (PyTables, pandas HDFStore) as a table: the keys are parts, the first rows of one
are shown. PyTables needs a real file, so a remote one is copied up to a size cap.

Pickled attributes and object columns are loaded with a restricted unpickler:
a pickle in a file from elsewhere cannot run code.
"""

from __future__ import annotations

from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.previews.frame_rows import frame_table
from spyglass.previews.local_copy import LocalCopy, local_copy
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.safe_unpickle import restricted_pickle_module
from spyglass.previews.table_data import TableData, TablePart, chosen_part

EXTENSIONS = frozenset({"h5", "hdf5", "hdf"})
MAGIC = b"\x89HDF\r\n\x1a\n"


def starts_like_hdf5(source: Source) -> bool:
    return source.head.startswith(MAGIC)


def _import_tables() -> Any:
    try:
        import pandas as pd  # noqa: F401
        import tables
        import tables.atom
        import tables.attributeset
    except ImportError as exc:
        raise SpyglassError("reading HDF5 files needs pandas and PyTables (tables)") from exc
    tables.silence_hdf5_messages()
    safe = restricted_pickle_module()
    tables.attributeset.pickle = safe
    tables.atom.pickle = safe
    return tables


def _parts(store: Any) -> list[TablePart]:
    """pandas objects, then PyTables tables that are not inside one."""
    keys = [str(key) for key in store.keys()]  # noqa: SIM118 (an HDFStore, not a dict)
    native = [
        str(key)
        for key in store.keys(include="native")
        if not any(str(key).startswith(pandas_key + "/") for pandas_key in keys)
    ]
    parts = []
    for key in [*keys, *native]:
        rows: int | None = None
        kind = "table"
        try:
            storer = store.get_storer(key)
            counted = storer.nrows
            shape = getattr(storer, "shape", None)
            if counted is None and isinstance(shape, list | tuple) and shape:
                counted = shape[0]
            rows = None if counted is None else int(counted)
            kind = "table" if storer.is_table else "fixed"
        except Exception:  # the count is a nicety; a key that cannot say it stays unknown
            pass
        parts.append(TablePart(key, rows, kind, key=key))
    return parts


def _frame(store: Any, key: str, rows: int) -> Any:
    return store.select(key, start=0, stop=rows)


class Hdf5Previewer(Previewer):
    name = "hdf5"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        _import_tables()
        cap = source.options.max_sqlite_copy_bytes
        copy = local_copy(source, cap, "HDF5", ".h5")
        table = _open(copy, None, source)
        notes = [
            Note(f"{len(table.parts)} keys"),
            Note(f"{table.part}: {table.shape()}"),
            *table.shown_notes(),
        ]
        part = Part(copy.fetched, source.entry.size, None)
        return TablePreview(title="HDF5", notes=notes, payload=table, part=part)


def _open(copy: LocalCopy, name: str | None, source: Source) -> TableData:
    import pandas as pd

    tables = _import_tables()
    options = source.options
    try:
        store = pd.HDFStore(copy.path, mode="r")
    except (tables.HDF5ExtError, OSError, ValueError) as exc:
        raise SpyglassError(f"corrupt HDF5 file: {cause_of(exc)}") from exc
    try:
        parts = _parts(store)
        if not parts:
            raise SpyglassError("the HDF5 file holds no table that pandas or PyTables can read")
        chosen = chosen_part(parts, name)
        try:
            frame = _frame(store, chosen.key, options.max_rows + 1)
        except MemoryError:
            raise
        except Exception as exc:  # PyTables and pandas raise many kinds on a damaged node
            raise SpyglassError(f"cannot read HDF5 key {chosen.name}: {cause_of(exc)}") from exc
    finally:
        store.close()
    more = len(frame) > options.max_rows
    frame = frame.iloc[: options.max_rows]
    if not _plain_index(frame.index):
        frame = frame.reset_index()
    total = chosen.rows if chosen.rows is not None else len(frame)
    table = frame_table(
        "hdf5",
        frame,
        total=total,
        exact=chosen.rows is not None or not more,
        max_columns=options.max_columns,
    )
    table.parts = parts
    table.part = chosen.name
    table.open_part = lambda other: _open(copy, other, source)
    return table


def _plain_index(index: Any) -> bool:
    """A 0, 1, 2, ... index says nothing, and is not shown as a column."""
    import pandas as pd

    return bool(index.name is None and index.equals(pd.RangeIndex(len(index))))
