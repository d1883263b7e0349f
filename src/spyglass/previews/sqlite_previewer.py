"""SQLite databases: the tables with their row counts, and the first rows of one.

Local files are opened read-only in place; remote ones are copied to a
temporary file up to a size cap, since SQLite needs a real file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import weakref
from pathlib import Path
from urllib.parse import quote

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart

_COPY_CHUNK = 4 * 1024 * 1024
# Counting rows of a huge table is stopped after this many SQLite VM steps (x1000).
_COUNT_STEPS = 20_000


class _Database:
    """A path SQLite can open, and the temporary copy to remove when done."""

    def __init__(self, path: str, temporary: str | None) -> None:
        self.path = path
        if temporary is not None:
            weakref.finalize(self, _remove, temporary)

    def connect(self) -> sqlite3.Connection:
        uri = f"file:{quote(self.path)}?mode=ro"
        try:
            connection = sqlite3.connect(uri, uri=True, timeout=0.5, check_same_thread=False)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise _sentence(exc) from exc
        return connection


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sentence(exc: sqlite3.Error) -> SpyglassError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return SpyglassError("the SQLite database is locked by another program")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return SpyglassError(f"corrupt SQLite database: {exc}")
    return SpyglassError(f"SQLite cannot read it: {exc}")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count(connection: sqlite3.Connection, name: str) -> int | None:
    steps = 0

    def stop() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps > _COUNT_STEPS else 0

    connection.set_progress_handler(stop, 1000)
    try:
        row = connection.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()
    except sqlite3.OperationalError:
        return None  # interrupted: too big to count quickly
    finally:
        connection.set_progress_handler(None, 0)
    return int(row[0])


def _parts(connection: sqlite3.Connection) -> list[TablePart]:
    rows = connection.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return [TablePart(str(name), _count(connection, str(name)), str(kind)) for name, kind in rows]


def _table(database: _Database, name: str | None, max_rows: int) -> TableData:
    connection = database.connect()
    try:
        parts = _parts(connection)
        if not parts:
            raise SpyglassError("the SQLite database has no tables")
        chosen = next((part for part in parts if part.name == name), parts[0])
        info = connection.execute(f"PRAGMA table_info({_quote(chosen.name)})").fetchall()
        cursor = connection.execute(f"SELECT * FROM {_quote(chosen.name)} LIMIT ?", (max_rows,))
        names = [str(column[0]) for column in cursor.description or []]
        declared = {str(row[1]): str(row[2]) for row in info}
        types = [declared.get(column, "").lower() for column in names]
        values = cursor.fetchall()
    except sqlite3.Error as exc:
        raise _sentence(exc) from exc
    finally:
        connection.close()
    exact = chosen.rows is not None
    total = chosen.rows if chosen.rows is not None else len(values)
    table = table_from_tuples("sqlite", names, types, values, total=total, exact=exact)
    table.parts = parts
    table.part = chosen.name
    table.open_part = lambda other: _table(database, other, max_rows)
    return table


def _copy(source: Source, cap: int) -> _Database:
    size = source.entry.size
    if size is not None and size > cap:
        raise SpyglassError(
            f"the database is {human_size(size)}, above the {human_size(cap)} copy limit "
            "for remote SQLite files"
        )
    handle, path = tempfile.mkstemp(prefix="spyglass-", suffix=".sqlite")
    database = _Database(path, path)
    with os.fdopen(handle, "wb") as out:
        offset = 0
        while True:
            chunk = source.backend.read_range(source.entry.path, offset, _COPY_CHUNK)
            out.write(chunk)
            offset += len(chunk)
            if len(chunk) < _COPY_CHUNK:
                break
            if offset > cap:
                raise SpyglassError(f"the database is above the {human_size(cap)} copy limit")
    return database


class SqlitePreviewer(Previewer):
    name = "sqlite"

    def load(self, source: Source) -> TablePreview:
        if source.backend.capabilities.local_paths and Path(source.entry.path).is_file():
            database = _Database(os.path.abspath(source.entry.path), None)
            fetched = 0
        else:
            database = _copy(source, source.options.max_sqlite_copy_bytes)
            fetched = source.entry.size or 0
        table = _table(database, None, source.options.max_rows)
        notes = [Note(f"{len(table.parts)} tables"), Note(f"{table.part}: {table.shape()}")]
        notes.extend(table.shown_notes())
        part = Part(fetched, source.entry.size, None)
        return TablePreview(title="SQLite", notes=notes, payload=table, part=part)
