"""A JSON array of objects as a table; any other JSON stays with the JSON previewer."""

from __future__ import annotations

import json
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.previews.record_rows import table_from_records
from spyglass.previews.registry import Source
from spyglass.previews.results import DataPreview, Part
from spyglass.previews.sniff import extension, looks_binary
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


class JsonTablePreviewer:
    name = "json-table"

    def score(self, source: Source) -> int:
        ext = extension(source.entry.name)
        if ext not in _EXTENSIONS or looks_binary(source.head):
            return 0
        text = decode(source.head[:65536], final=False).text
        try:
            records, _ = read_objects(text, 1)
        except SpyglassError:
            return 0
        # Above the JSON previewer (80) only when the first element is an object.
        return 90 if records else 0

    def load(self, source: Source) -> DataPreview:
        decoded = decode(source.head, final=source.complete)
        records, ended = read_objects(decoded.text, source.options.max_rows)
        if not records:
            raise SpyglassError("the array holds no complete object in the first part")
        if source.complete and not ended and len(records) < source.options.max_rows:
            raise SpyglassError("invalid JSON after the last object shown")
        exact = ended and source.complete
        table = table_from_records("json", records, total=len(records), exact=exact)
        notes = [table.shape(), decoded.encoding]
        shown = table.shown_note()
        if shown:
            notes.append(shown)
        part = Part(len(source.head), source.entry.size, None)
        return DataPreview(title="JSON table", notes=notes, view="table", payload=table, part=part)
