"""The sandbox child's side of a Delta Lake table: its log read with `deltalake`.

The log is untrusted JSON and Parquet, so it is parsed here, in the child,
from a local folder: the table itself when it is local, else a copy of the
log's tail that the parent made (the child holds no credential and makes no
connection). Only the snapshot's first files cross back, with counts and sizes.
"""

from __future__ import annotations

from typing import Any

from spyglass.fs.natural_sort import natural_key
from spyglass.previews.lake_snapshot import MAX_FILES_NAMED, LakeFile, LakeSnapshot, LakeUnreadable


def _column(actions: Any, name: str) -> list[Any]:
    return list(actions.column(name).to_pylist()) if name in actions.column_names else []


def _cell(value: object) -> str | None:
    return None if value is None else str(value)


def read_delta(folder: str) -> LakeSnapshot:
    """The current snapshot of the Delta table whose `_delta_log` is in `folder`."""
    try:
        from deltalake import DeltaTable

        table = DeltaTable(folder)
        fields = [(field.name, _type_name(field.type)) for field in table.schema().fields]
        partitions = list(table.metadata().partition_columns)
        actions = table.get_add_actions(flatten=True)
        version = table.version()
    except Exception as exc:  # deltalake's errors do not all pickle: their text does
        raise LakeUnreadable(f"{type(exc).__name__}: {exc}") from None
    paths = [str(path) for path in _column(actions, "path")]
    sizes = [int(size or 0) for size in _column(actions, "size_bytes")]
    rows = _column(actions, "num_records") or [None] * len(paths)
    values = {name: _column(actions, f"partition.{name}") for name in partitions}
    order = sorted(range(len(paths)), key=lambda index: natural_key(paths[index]))
    files = [
        LakeFile(
            path=paths[index],
            size=sizes[index],
            values=[
                (name, _cell(values[name][index] if values[name] else None)) for name in partitions
            ],
            rows=None if rows[index] is None else int(rows[index]),
        )
        for index in order[:MAX_FILES_NAMED]
    ]
    known = [row for row in rows if row is not None]
    return LakeSnapshot(
        format="Delta Lake",
        version=version,
        columns=fields,
        partitions=partitions,
        files=files,
        file_count=len(paths),
        total_bytes=sum(sizes),
        total_rows=sum(known) if len(known) == len(paths) else None,
    )


def _type_name(kind: object) -> str:
    """`long`, `string`, `decimal(10,2)`; `struct`, `array`, `map` for nested types."""
    name = getattr(kind, "type", None)
    return str(name) if isinstance(name, str) else type(kind).__name__.removesuffix("Type").lower()
