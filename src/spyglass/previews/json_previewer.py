"""JSON, pretty-printed; invalid JSON is shown as text with the error and its line."""

from __future__ import annotations

import json

from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, TextPreview
from spyglass.previews.text_previewer import text_preview
from spyglass.safe_text import decode, split_lines

EXTENSIONS = frozenset({"json", "geojson", "ipynb", "jsonc", "webmanifest", "har", "topojson"})
# A file this big, once pretty-printed, is shown as it is rather than re-indented.
_MAX_PRETTY_BYTES = 16 * 1024 * 1024


def starts_like_json(source: Source) -> bool:
    """The first byte after any white space opens an object or an array."""
    return source.head[:64].lstrip()[:1] in (b"{", b"[")


class JsonPreviewer(Previewer):
    name = "json"

    def load(self, source: Source) -> TextPreview:
        if not source.complete:
            preview = text_preview(source, title="JSON", lexer="json")
            preview.notes.insert(0, Note("partial file: shown as it is, not checked"))
            return preview
        decoded = decode(source.head, final=True)
        try:
            value = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            preview = text_preview(source, title="Text", lexer=None)
            problem = f"Invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            preview.notes.insert(0, Note(problem, NoteKind.PROBLEM))
            preview.title = "Invalid JSON"
            return preview
        except RecursionError:
            preview = text_preview(source, title="JSON", lexer="json")
            preview.notes.insert(0, Note("nested too deep to pretty-print: shown as it is"))
            return preview
        pretty = json.dumps(value, indent=2, ensure_ascii=False)
        if len(pretty) > _MAX_PRETTY_BYTES:
            return text_preview(source, title="JSON", lexer="json")
        lines = split_lines(pretty)
        preview = text_preview(source, title="JSON", lexer="json")
        preview.lines = lines
        preview.notes[0] = Note(f"{len(lines):,} lines pretty-printed · {decoded.encoding}")
        return preview
