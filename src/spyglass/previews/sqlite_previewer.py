"""SQLite databases: the tables with their row counts, and the first rows of one.

Local files are opened read-only in place; remote ones are copied to a
temporary file up to a size cap, since SQLite needs a real file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart, chosen_part

_COPY_CHUNK = 4 * 1024 * 1024
# Counting rows of a huge table is stopped after this many SQLite VM steps (x1000).
_COUNT_STEPS = 20_000
# All the counts of one database share this much time; the rest stay unknown.
_COUNT_SECONDS = 1.0
# Reading the first rows of a table or view (a view may never end) stops after this long.
READ_SECONDS = 3.0
_FETCH_ROWS = 100


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


@contextlib.contextmanager
def _bounded(
    connection: sqlite3.Connection, *, until: float, steps: int | None = None
) -> Iterator[None]:
    """Interrupt the statements run inside at monotonic time `until` or after `steps`
    thousand VM instructions: a view over a recursive query may never end."""
    done = 0

    def stop() -> int:
        nonlocal done
        done += 1
        return int((steps is not None and done > steps) or time.monotonic() > until)

    connection.set_progress_handler(stop, 1000)
    try:
        yield
    finally:
        connection.set_progress_handler(None, 0)


def _count(connection: sqlite3.Connection, name: str, until: float) -> int | None:
    if time.monotonic() > until:
        return None
    try:
        with _bounded(connection, until=until, steps=_COUNT_STEPS):
            row = connection.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()
    except sqlite3.OperationalError:
        return None  # interrupted: too big to count quickly
    return int(row[0])


def _parts(connection: sqlite3.Connection) -> list[TablePart]:
    rows = connection.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    until = time.monotonic() + _COUNT_SECONDS
    return [
        TablePart(str(name), _count(connection, str(name), until), str(kind), key=str(name))
        for name, kind in rows
    ]


def _first_rows(
    connection: sqlite3.Connection, query: str, max_rows: int, seconds: float
) -> tuple[list[str], list[tuple[object, ...]], bool]:
    """(column names, the rows read, whether the time ran out before they were all read)."""
    names: list[str] = []
    values: list[tuple[object, ...]] = []
    try:
        with _bounded(connection, until=time.monotonic() + seconds):
            cursor = connection.execute(query, (max_rows,))
            names = [str(column[0]) for column in cursor.description or []]
            while batch := cursor.fetchmany(_FETCH_ROWS):
                values.extend(batch)
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc).lower():
            raise
        return names, values, True
    return names, values, False


def _table(
    database: _Database, name: str | None, options: PreviewOptions
) -> tuple[TableData, list[str]]:
    """The first rows of a table or view (the first one by default), and what cut them short."""
    connection = database.connect()
    problems = []
    try:
        parts = _parts(connection)
        if not parts:
            raise SpyglassError("the SQLite database has no tables")
        chosen = chosen_part(parts, name)
        info = connection.execute(f"PRAGMA table_info({_quote(chosen.key)})").fetchall()
        wanted = "*"
        if len(info) > options.max_columns:
            wanted = ", ".join(_quote(str(row[1])) for row in info[: options.max_columns])
        query = f"SELECT {wanted} FROM {_quote(chosen.key)} LIMIT ?"
        names, values, stopped = _first_rows(connection, query, options.max_rows, READ_SECONDS)
        if not names:
            names = [str(row[1]) for row in info[: options.max_columns]]
        declared = {str(row[1]): str(row[2]) for row in info}
        types = [declared.get(column, "").lower() for column in names]
    except sqlite3.Error as exc:
        raise _sentence(exc) from exc
    finally:
        connection.close()
    exact = chosen.rows is not None and not stopped
    total = chosen.rows if chosen.rows is not None else len(values)
    if stopped:
        problems.append(
            f"reading {chosen.kind} {chosen.name} was stopped after "
            f"{READ_SECONDS:g} s (it may never end)"
        )
    table = table_from_tuples(
        "sqlite",
        names,
        types,
        values,
        total=total,
        exact=exact,
        total_columns=len(info) or None,
    )
    table.parts = parts
    table.part = chosen.name
    table.open_part = lambda other: _other_part(database, other, options)
    return table, problems


def _other_part(database: _Database, name: str, options: PreviewOptions) -> TableData:
    """Another table, for the part picker: one that gives no row in time is a sentence."""
    table, problems = _table(database, name, options)
    if problems and not table.rows:
        raise SpyglassError(problems[0])
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
        table, problems = _table(database, None, source.options)
        notes = [
            *(Note(problem, NoteKind.PROBLEM) for problem in problems),
            Note(f"{len(table.parts)} tables"),
            Note(f"{table.part}: {table.shape()}"),
        ]
        notes.extend(table.shown_notes())
        part = Part(fetched, source.entry.size, None)
        return TablePreview(title="SQLite", notes=notes, payload=table, part=part)
