"""JSON, pretty-printed; invalid JSON is shown as text with the error and its line."""

from __future__ import annotations

import json

from spyglass.previews.registry import Source
from spyglass.previews.results import TextPreview
from spyglass.previews.sniff import extension, looks_binary
from spyglass.previews.text_previewer import text_preview
from spyglass.safe_text import decode, split_lines

_EXTENSIONS = {"json", "geojson", "ipynb", "jsonc", "webmanifest", "har", "topojson"}
# A file this big, once pretty-printed, is shown as it is rather than re-indented.
_MAX_PRETTY_BYTES = 16 * 1024 * 1024


class JsonPreviewer:
    name = "json"

    def score(self, source: Source) -> int:
        if looks_binary(source.head):
            return 0
        if extension(source.entry.name) in _EXTENSIONS:
            return 80
        start = source.head[:64].lstrip()
        if not extension(source.entry.name) and start[:1] in (b"{", b"["):
            return 60
        return 0

    def load(self, source: Source) -> TextPreview:
        if not source.complete:
            preview = text_preview(source, title="JSON", lexer="json")
            preview.notes.insert(0, "partial file: shown as it is, not checked")
            return preview
        decoded = decode(source.head, final=True)
        try:
            value = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            preview = text_preview(source, title="Text", lexer=None)
            preview.notes.insert(
                0, f"Invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            )
            preview.title = "Invalid JSON"
            return preview
        pretty = json.dumps(value, indent=2, ensure_ascii=False)
        if len(pretty) > _MAX_PRETTY_BYTES:
            return text_preview(source, title="JSON", lexer="json")
        lines = split_lines(pretty)
        preview = text_preview(source, title="JSON", lexer="json")
        preview.lines = lines
        preview.notes[0] = f"{len(lines):,} lines pretty-printed · {decoded.encoding}"
        return preview
