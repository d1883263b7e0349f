"""DuckDB database files: the tables and views with their row counts, and the first rows of one.

Opened read-only, with access to other files, the network and extensions turned
off (a view may name any file or URL), and a small memory limit. A remote file
is copied to a private temporary file up to a size cap: DuckDB needs a path.
"""

from __future__ import annotations

import threading
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.previews.local_copy import LocalCopy, local_copy
from spyglass.previews.record_rows import table_from_tuples
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.table_data import TableData, TablePart, chosen_part

EXTENSIONS = frozenset({"duckdb", "ddb"})
_CONFIG: dict[str, Any] = {
    "access_mode": "READ_ONLY",
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "threads": 1,
    "memory_limit": "256MB",
}
_FETCH_ROWS = 256
# A view may never end (a recursive query): its first rows stop after this long.
READ_SECONDS = 3.0


def starts_like_duckdb(source: Source) -> bool:
    return source.head[8:12] == b"DUCK"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _connect(path: str) -> Any:
    import duckdb

    try:
        return duckdb.connect(path, read_only=True, config=dict(_CONFIG))
    except duckdb.Error as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise SpyglassError("the DuckDB database is locked by another program") from exc
        raise SpyglassError(f"corrupt DuckDB database: {cause_of(exc)}") from exc


def _parts(connection: Any) -> list[TablePart]:
    tables = connection.execute(
        "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() "
        "WHERE database_name = current_database() ORDER BY schema_name, table_name"
    ).fetchall()
    views = connection.execute(
        "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal "
        "AND database_name = current_database() ORDER BY schema_name, view_name"
    ).fetchall()
    parts = []
    for schema, name, _estimate in tables:
        key = f"{_quote(str(schema))}.{_quote(str(name))}"
        # A table's count comes from its row groups' metadata: no scan.
        rows = connection.execute(f"SELECT count(*) FROM {key}").fetchone()
        parts.append(TablePart(_shown(schema, name), int(rows[0]), "table", key=key))
    for schema, name in views:
        key = f"{_quote(str(schema))}.{_quote(str(name))}"
        parts.append(TablePart(_shown(schema, name), None, "view", key=key))
    return parts


def _shown(schema: object, name: object) -> str:
    return str(name) if schema == "main" else f"{schema}.{name}"


def _table(copy: LocalCopy, name: str | None, source: Source) -> TableData:
    import duckdb

    options = source.options
    connection = _connect(copy.path)
    try:
        parts = _parts(connection)
        if not parts:
            raise SpyglassError("the DuckDB database has no tables")
        chosen = chosen_part(parts, name)
        timer = threading.Timer(READ_SECONDS, connection.interrupt)
        timer.start()
        try:
            query = f"SELECT * FROM {chosen.key} LIMIT ?"
            cursor = connection.execute(query, [options.max_rows + 1])
            description = cursor.description or []
            names = [str(column[0]) for column in description][: options.max_columns]
            types = [str(column[1]).lower() for column in description][: options.max_columns]
            values: list[tuple[Any, ...]] = []
            while batch := cursor.fetchmany(_FETCH_ROWS):
                values.extend(row[: options.max_columns] for row in batch)
        finally:
            timer.cancel()
    except duckdb.InterruptException as exc:
        raise SpyglassError(
            f"reading {chosen.kind} {chosen.name} was stopped after {READ_SECONDS:g} s "
            "(it may never end)"
        ) from exc
    except duckdb.Error as exc:
        raise SpyglassError(f"DuckDB cannot read it: {cause_of(exc)}") from exc
    finally:
        connection.close()
    more = len(values) > options.max_rows
    values = values[: options.max_rows]
    table = table_from_tuples(
        "duckdb",
        names,
        types,
        values,
        total=chosen.rows if chosen.rows is not None else len(values),
        exact=chosen.rows is not None or not more,
        total_columns=len(description),
    )
    table.parts = parts
    table.part = chosen.name
    table.open_part = lambda other: _table(copy, other, source)
    return table


class DuckdbPreviewer(Previewer):
    name = "duckdb"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        try:
            import duckdb  # noqa: F401
        except ImportError as exc:
            raise SpyglassError("reading DuckDB files needs the duckdb package") from exc
        copy = local_copy(source, source.options.max_sqlite_copy_bytes, "DuckDB", ".duckdb")
        table = _table(copy, None, source)
        notes = [
            Note(f"{len(table.parts)} tables"),
            Note(f"{table.part}: {table.shape()}"),
            *table.shown_notes(),
        ]
        part = Part(copy.fetched, source.entry.size, None)
        return TablePreview(title="DuckDB", notes=notes, payload=table, part=part)
