"""A JSON array of objects as a table; any other JSON stays with the JSON previewer."""

from __future__ import annotations

import json
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.previews.record_rows import table_from_records
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.sniff import extension
from spyglass.safe_text import decode

_EXTENSIONS = {"json"}
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def read_objects(text: str, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """Up to `limit` objects from the start of a JSON array; True when the array ended.

    Parses one element at a time, so a partial file (the head of a big one) still
    gives its first complete objects.
    """
    index = _skip(text, 0)
    if text[index : index + 1] != "[":
        raise SpyglassError("not a JSON array")
    index = _skip(text, index + 1)
    records: list[dict[str, Any]] = []
    if text[index : index + 1] == "]":
        return records, True
    while len(records) < limit:
        try:
            value, index = _DECODER.raw_decode(text, index)
        except json.JSONDecodeError:
            return records, False
        if not isinstance(value, dict):
            raise SpyglassError(f"element {len(records) + 1:,} of the array is not an object")
        records.append(value)
        index = _skip(text, index)
        mark = text[index : index + 1]
        if mark == "]":
            return records, True
        if mark != ",":
            return records, False
        index = _skip(text, index + 1)
    return records, False


def fits(source: Source) -> bool:
    """A .json file holding an array whose first element is an object."""
    if extension(source.entry.name) not in _EXTENSIONS or source.binary:
        return False
    text = decode(source.head[:65536], final=False).text
    try:
        records, _ = read_objects(text, 1)
    except SpyglassError:
        return False
    return bool(records)


class JsonTablePreviewer(Previewer):
    name = "json-table"

    def load(self, source: Source) -> TablePreview:
        decoded = decode(source.head, final=source.complete)
        records, ended = read_objects(decoded.text, source.options.max_rows)
        if not records:
            raise SpyglassError("the array holds no complete object in the first part")
        if source.complete and not ended and len(records) < source.options.max_rows:
            raise SpyglassError("invalid JSON after the last object shown")
        exact = ended and source.complete
        table = table_from_records(
            "json",
            records,
            total=len(records),
            exact=exact,
            max_columns=source.options.max_columns,
        )
        notes = [Note(table.shape()), Note(decoded.encoding)]
        notes.extend(table.shown_notes())
        part = Part(len(source.head), source.entry.size, None)
        return TablePreview(title="JSON table", notes=notes, payload=table, part=part)
