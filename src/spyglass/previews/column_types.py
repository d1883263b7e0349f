"""Column types for text formats (CSV), guessed from the values shown."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|nan)$", re.I)
_BOOL = {"true", "false"}
_NUMERIC = {"int", "float"}


def _is_date(value: str) -> bool:
    if len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    if len(value) < 16 or value[10] not in ("T", " "):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


_CHECKS = (
    ("int", lambda value: bool(_INT.match(value))),
    ("float", lambda value: bool(_FLOAT.match(value))),
    ("bool", lambda value: value.lower() in _BOOL),
    ("date", _is_date),
    ("datetime", _is_datetime),
)


def infer_type(values: Iterable[str | None]) -> str:
    """The narrowest of int, float, bool, date, datetime that fits every non-empty value."""
    remaining = [name for name, _ in _CHECKS]
    seen = False
    for value in values:
        if value is None or value == "":
            continue
        seen = True
        remaining = [name for name, check in _CHECKS if name in remaining and check(value.strip())]
        if not remaining:
            return "str"
    if not seen:
        return "null"
    return remaining[0]


def is_numeric(type_name: str) -> bool:
    return type_name in _NUMERIC


def python_type(value: object) -> str:
    """A short type name for a value already parsed (JSON, Excel, SQLite)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, bytes | bytearray | memoryview):
        return "bytes"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def merge_types(types: Iterable[str]) -> str:
    """One label for a column whose values have these types (nulls ignored)."""
    found = {name for name in types if name != "null"}
    if not found:
        return "null"
    if len(found) == 1:
        return found.pop()
    if found <= {"int", "float"}:
        return "float"
    if found <= {"date", "datetime"}:
        return "datetime"
    return "mixed"
