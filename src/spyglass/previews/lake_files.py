"""A dataset folder that is a Delta Lake or Iceberg table: its live files from its log.

Without the reader (the `lakes` extra), or where the log cannot be read, the
dataset preview walks the folders as for any dataset and says the log is not
read. An Iceberg table's files come from its newest metadata the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews.dataset_files import TABLE_FORMAT_FOLDERS, DatasetFiles
from spyglass.previews.lake_snapshot import LakeSnapshot, dataset_files
from spyglass.previews.results import Note, NoteKind
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox
from spyglass.secrets import mask_text

log = logging.getLogger(__name__)
DELTA = "Delta Lake"
# (backend, table folder, sandbox, cancelled) -> the snapshot, or LakeUnreadable
Reader = Callable[[Backend, str, Sandbox | None, Callable[[], bool]], LakeSnapshot]
_AS_THEY_ARE = "the data files are shown as they are, and may include removed ones"
_REASON_CHARS = 300


@dataclass
class LakeFiles:
    """What the table's log says; `found` is None when the folders are to be walked instead."""

    found: DatasetFiles | None = None
    columns: list[tuple[str, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    total_rows: int | None = None
    file_count: int = 0


def table_format(listing: Sequence[Entry]) -> str | None:
    """`Delta Lake` or `Iceberg` when the folder holds that format's log folder."""
    for entry in listing:
        if entry.is_folder and entry.name in TABLE_FORMAT_FOLDERS:
            return TABLE_FORMAT_FOLDERS[entry.name]
    return None


def _reason(exc: BaseException) -> str:
    text = mask_text(safe_name(str(exc).strip() or type(exc).__name__))
    first = text.splitlines()[0] if text else type(exc).__name__
    return first if len(first) <= _REASON_CHARS else first[: _REASON_CHARS - 1] + "\u2026"


def _reader(kind: str) -> tuple[Callable[[], bool], Reader, str]:
    """The format's check for its reader, the reader, and what its log is called."""
    if kind == DELTA:
        from spyglass.previews import delta_log

        return delta_log.reader_installed, delta_log.read_snapshot, "log"
    from spyglass.previews import iceberg_metadata

    return iceberg_metadata.reader_installed, iceberg_metadata.read_snapshot, "metadata"


def lake_files(
    backend: Backend,
    root: Entry,
    listing: Sequence[Entry],
    sandbox: Sandbox | None,
    cancelled: Callable[[], bool] = lambda: False,
) -> LakeFiles:
    """The live files of the Delta or Iceberg table at `root`, or the notes for walking it."""
    kind = table_format(listing)
    if kind is None:
        return LakeFiles()
    installed, read, called = _reader(kind)
    if not installed():
        text = f"its {kind} {called} is not read (the lakes extra reads it): {_AS_THEY_ARE}"
        return LakeFiles(notes=[Note(text, NoteKind.PROBLEM)])
    try:
        snapshot = read(backend, root.path, sandbox, cancelled)
    except Exception as exc:  # a corrupt or unreadable log: the folders instead, and why
        log.debug("%s %s of %s not read", kind, called, root.path, exc_info=True)
        text = f"its {kind} {called} could not be read ({_reason(exc)}): {_AS_THEY_ARE}"
        return LakeFiles(notes=[Note(text, NoteKind.PROBLEM)])
    if snapshot.version is None:
        which = ""
    elif kind == DELTA:
        which = f" version {snapshot.version:,}"
    else:
        which = f" snapshot {snapshot.version}"
    notes = [Note(f"{kind}{which}: the live files its {called} lists")]
    if snapshot.deletes:
        notes.append(Note("rows its delete files remove are still shown", NoteKind.PROBLEM))
    return LakeFiles(
        found=dataset_files(backend, root.path, snapshot),
        columns=snapshot.columns,
        notes=notes,
        total_rows=snapshot.total_rows,
        file_count=snapshot.file_count,
    )
