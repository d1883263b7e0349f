"""JSON Lines / NDJSON as a table, one object a row, reading only the first lines."""

from __future__ import annotations

import json
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.record_rows import table_from_records
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.previews.sniff import extension
from spyglass.previews.text_stream import compression_of, open_text

_EXTENSIONS = {"jsonl", "ndjson", "jsonlines", "ldjson"}


def fits(source: Source) -> bool:
    """A JSON Lines name, maybe compressed."""
    base, _ = compression_of(source.entry.name)
    return extension(base) in _EXTENSIONS


class JsonLinesPreviewer(Previewer):
    name = "json-lines"

    def load(self, source: Source) -> TablePreview:
        options = source.options
        stream = open_text(source, limit=source.max_bytes)
        records: list[dict[str, Any]] = []
        exhausted = True
        last_line: tuple[int, str] | None = None
        for number, line in enumerate(stream.text, start=1):
            if len(records) >= options.max_rows:
                exhausted = False
                break
            if not line.strip():
                continue
            last_line = (number, line)
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                if stream.cut and not line.endswith("\n"):
                    exhausted = False
                    if not records:
                        raise SpyglassError(
                            f"line {number:,} is longer than the {human_size(stream.limit)} "
                            "budget: it is cut there, and not shown"
                        ) from exc
                    break  # the byte budget cut this line
                raise SpyglassError(f"invalid JSON on line {number:,}: {exc.msg}") from exc
            if not isinstance(value, dict):
                raise SpyglassError(f"line {number:,} is not a JSON object")
            records.append(value)
        if stream.cut:
            exhausted = False
        if not records:
            where = f" (line {last_line[0]:,})" if last_line else ""
            raise SpyglassError(f"no JSON object found in the first lines{where}")
        table = table_from_records(
            "json-lines",
            records,
            total=len(records),
            exact=exhausted,
            max_columns=options.max_columns,
        )
        notes = [Note(table.shape()), Note(stream.encoding)]
        if stream.compression:
            notes.append(Note(f"{stream.compression}-compressed"))
        notes.extend(table.shown_notes())
        part = Part(stream.raw.bytes_fetched, source.entry.size, None)
        return TablePreview(title="JSON Lines", notes=notes, payload=table, part=part)
