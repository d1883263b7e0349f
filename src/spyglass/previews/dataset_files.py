"""A folder of Parquet or CSV files (hive-style `key=value/` subfolders too) seen as one dataset.

`looks_like_dataset` decides from the folder's own listing, with no IO: every
file is a data file of one format (bookkeeping names starting with `_` or `.`
aside) and every folder is a partition. `find_files` then walks the
partitions in name order, bounded in listings and entries, for the files,
their partition values, their count and their total size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import unquote

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.fs.natural_sort import natural_key
from spyglass.previews.sniff import extension

FORMATS = {"parquet": "Parquet", "pq": "Parquet", "parq": "Parquet", "csv": "CSV", "tsv": "CSV"}
# Folders a table format keeps its log or metadata in, beside the data.
TABLE_FORMAT_FOLDERS = {"_delta_log": "Delta Lake", "metadata": "Iceberg"}
_COMPRESSED = (".gz", ".bz2", ".zst", ".xz")
_JUDGED = 1_000
MAX_LISTINGS = 200
MAX_ENTRIES = 20_000


def data_format(name: str) -> str | None:
    """`Parquet` or `CSV` for a data file's name (a compressed CSV too), else None."""
    base = name
    for suffix in _COMPRESSED:
        if name.lower().endswith(suffix):
            base = name[: -len(suffix)]
            break
    return FORMATS.get(extension(base))


def partition(name: str) -> tuple[str, str] | None:
    """`year=2024` as (`year`, `2024`), hive's %-escapes undone."""
    key, sep, value = name.partition("=")
    if not sep or not key or "=" in value:
        return None
    return unquote(key), unquote(value)


def _bookkeeping(name: str) -> bool:
    return name.startswith(("_", "."))


def looks_like_dataset(entries: Sequence[Entry]) -> bool:
    """A folder of data files of one format and partition folders, and nothing else."""
    formats: set[str] = set()
    parts = 0
    table_format = False
    # A folder of 100,000 files is judged by its first ones: this runs on the UI thread.
    for entry in islice(entries, _JUDGED):
        if entry.is_folder:
            if entry.name in TABLE_FORMAT_FOLDERS:
                table_format = True
            elif partition(entry.name) is not None:
                parts += 1
            elif not _bookkeeping(entry.name) and entry.name != "data":
                return False
            continue
        if _bookkeeping(entry.name):
            continue
        found = data_format(entry.name)
        if found is None:
            return False
        formats.add(found)
    if len(formats) > 1:
        return False
    return bool(formats) or parts > 0 or table_format


@dataclass
class DatasetFiles:
    """The dataset's files in name order, each with its partition values."""

    files: list[tuple[Entry, list[tuple[str, str]]]] = field(default_factory=list)
    partitions: list[str] = field(default_factory=list)
    total_bytes: int = 0
    complete: bool = True  # False when the walk stopped at its bounds
    format: str = ""
    table_format: str | None = None


def find_files(
    backend: Backend,
    root: Entry,
    listing: Sequence[Entry],
    cancelled: Callable[[], bool] = lambda: False,
) -> DatasetFiles:
    """Walk the partitions under `root`, whose own `listing` is known, within the bounds."""
    found = DatasetFiles()
    listings = 0
    entries = len(listing)
    # Depth first, in name order: the first files found are the first in the tree.
    stack: list[tuple[Sequence[Entry], list[tuple[str, str]]]] = [(listing, [])]
    while stack:
        children, values = stack.pop()
        folders = []
        for entry in sorted(children, key=lambda e: natural_key(e.name)):
            if entry.is_folder:
                if entry.name in TABLE_FORMAT_FOLDERS and not values:
                    found.table_format = TABLE_FORMAT_FOLDERS[entry.name]
                pair = partition(entry.name)
                if pair is not None:
                    folders.append((entry, [*values, pair]))
                elif entry.name == "data" and not values:
                    folders.append((entry, values))
                continue
            kind = data_format(entry.name)
            if kind is None or _bookkeeping(entry.name):
                continue
            found.format = found.format or kind
            if kind != found.format:
                continue
            found.files.append((entry, values))
            found.total_bytes += entry.size or 0
            for key, _ in values:
                if key not in found.partitions:
                    found.partitions.append(key)
        for folder, folder_values in reversed(folders):
            if cancelled() or listings >= MAX_LISTINGS or entries >= MAX_ENTRIES:
                found.complete = False
                break
            listed: list[Entry] = []
            for batch in backend.list_batches(folder.path):
                listed.extend(batch)
                if entries + len(listed) >= MAX_ENTRIES:
                    found.complete = False
                    break
            listings += 1
            entries += len(listed)
            stack.append((listed, folder_values))
    return found
