"""What a table format's log says the table is now: its schema and its live data files.

A `LakeSnapshot` is made in the sandbox child (from the Delta log or the
Iceberg metadata) and crosses the pipe back: plain values only, the first
files only, counts and sizes for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.previews.dataset_files import DatasetFiles

# Live files named back to the parent; the rest are counted, not listed.
MAX_FILES_NAMED = 64


class LakeUnreadable(Exception):
    """The table's log or metadata could not be read; the text says why."""


@dataclass
class LakeFile:
    """One live data file: its path under the table's folder, size, partition values, rows."""

    path: str
    size: int
    values: list[tuple[str, str | None]] = field(default_factory=list)
    rows: int | None = None


@dataclass
class LakeSnapshot:
    """The table's current snapshot, as its log says."""

    format: str  # "Delta Lake" or "Iceberg"
    version: int | None  # Delta's table version, Iceberg's current snapshot id
    columns: list[tuple[str, str]]  # (name, the format's type name), partition columns too
    partitions: list[str]
    files: list[LakeFile]  # the first live files in path order
    file_count: int
    total_bytes: int
    total_rows: int | None  # None where a file's log entry has no row count
    deletes: bool = False  # delete files (Iceberg) take rows out of the data files shown


def _relative(path: str) -> str | None:
    """A data file's path under the table's folder; None for one elsewhere."""
    if "://" in path or path.startswith("/") or any(part == ".." for part in path.split("/")):
        return None
    return path


def dataset_files(backend: Backend, root: str, snapshot: LakeSnapshot) -> DatasetFiles:
    """The snapshot's files as the dataset preview reads them, under `root` on `backend`."""
    found = DatasetFiles(
        partitions=list(snapshot.partitions),
        total_bytes=snapshot.total_bytes,
        format="Parquet",
        table_format=snapshot.format,
    )
    for file in snapshot.files:
        relative = _relative(file.path)
        if relative is None:
            continue
        path = backend.join(root, relative)
        entry = Entry(relative.rsplit("/", 1)[-1], path, Kind.FILE, size=file.size)
        values = [(key, value) for key, value in file.values if value is not None]
        found.files.append((entry, values))
    return found
