"""The sandbox child's side of an Iceberg table: its newest metadata read with pyiceberg.

The table is built from its metadata with our own read-only file access:
`StaticTable.from_metadata` would import and call whatever class the table's
own properties name in `py-io-impl`, and those properties are untrusted.
"""

from __future__ import annotations

import json

from spyglass.fs.backend import Backend
from spyglass.fs.natural_sort import natural_key
from spyglass.previews.lake_snapshot import MAX_FILES_NAMED, LakeFile, LakeSnapshot, LakeUnreadable

MAX_METADATA_JSON = 16 * 1024 * 1024


def _table_location(backend: Backend, path: str) -> str:
    size = backend.stat(path).size or 0
    if size > MAX_METADATA_JSON:
        raise LakeUnreadable("its metadata file is larger than 16 MiB")
    document = json.loads(backend.read_range(path, 0, size))
    location = document.get("location") if isinstance(document, dict) else None
    if not isinstance(location, str) or not location:
        raise LakeUnreadable("its metadata names no table location")
    return location


def read_iceberg(backend: Backend, root: str, metadata: str) -> LakeSnapshot:
    """The current snapshot of the Iceberg table at `root`, from the metadata file `metadata`."""
    try:
        from pyiceberg.catalog.noop import NoopCatalog
        from pyiceberg.serializers import FromInputFile
        from pyiceberg.table import StaticTable

        from spyglass.previews.iceberg_io import BackendFileIO

        path = backend.join(root, f"metadata/{metadata}")
        location = _table_location(backend, path)
        file_io = BackendFileIO(backend, root, location)
        uri = f"{location.rstrip('/')}/metadata/{metadata}"
        table_metadata = FromInputFile.table_metadata(file_io.new_input(uri))
        table = StaticTable(
            identifier=("spyglass", metadata),
            metadata_location=uri,
            metadata=table_metadata,
            io=file_io,
            catalog=NoopCatalog("spyglass"),
        )
        schema = table.schema()
        spec = table.spec()
        tasks = list(table.scan().plan_files())
    except LakeUnreadable:
        raise
    except Exception as exc:  # pyiceberg's errors do not all pickle: their text does
        raise LakeUnreadable(f"{type(exc).__name__}: {exc}") from None
    prefix = location.rstrip("/") + "/"
    names = [field.name for field in spec.fields]
    files = []
    for task in sorted(tasks, key=lambda task: natural_key(task.file.file_path))[:MAX_FILES_NAMED]:
        data = task.file
        path = data.file_path
        relative = path[len(prefix) :] if path.startswith(prefix) else path
        cells = [data.partition[index] for index in range(len(names))]
        values = [
            (name, None if cell is None else str(cell))
            for name, cell in zip(names, cells, strict=True)
        ]
        files.append(LakeFile(relative, data.file_size_in_bytes, values, data.record_count))
    deletes = any(task.delete_files for task in tasks)
    return LakeSnapshot(
        format="Iceberg",
        version=table_metadata.current_snapshot_id,
        columns=[(field.name, str(field.field_type)) for field in schema.fields],
        partitions=names,
        files=files,
        file_count=len(tasks),
        total_bytes=sum(task.file.file_size_in_bytes for task in tasks),
        total_rows=None if deletes else sum(task.file.record_count for task in tasks),
        deletes=deletes,
    )
