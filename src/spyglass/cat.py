"""`spyglass cat`: the same preview as the pane, printed for scripts and pipes."""

from __future__ import annotations

import sys

from rich.console import Console, RenderableType
from rich.syntax import Syntax
from rich.text import Text

from spyglass.config import Config
from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.location import Location, open_backend
from spyglass.previews.data_renderable import data_renderable, natural_width
from spyglass.previews.hex_dump import BYTES_PER_LINE, hex_line
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import options_from
from spyglass.previews.results import (
    DataPreview,
    HexPreview,
    MessagePreview,
    NoteKind,
    Preview,
    RenderablePreview,
    TablePreview,
    TextPreview,
)
from spyglass.safe_text import safe_name


def _target(location: Location) -> tuple[Backend, Entry]:
    backend, path = open_backend(location)
    if location.focus is not None:
        return backend, backend.stat(location.focus)
    if location.is_local:
        return backend, Entry(path.rsplit("/", 1)[-1] or path, path, Kind.FOLDER)
    return backend, backend.stat(path)


def _renderable(preview: Preview, theme: str, terminal: bool, rows: int) -> RenderableType:
    if isinstance(preview, DataPreview):
        return data_renderable(preview, terminal=terminal, rows=rows)
    if isinstance(preview, TextPreview):
        code = "\n".join(preview.lines)
        if terminal and preview.lexer:
            return Syntax(code, preview.lexer, theme=theme, background_color="default")
        return Text(code)
    if isinstance(preview, HexPreview):
        lines = []
        for offset in range(0, len(preview.data), BYTES_PER_LINE):
            position, hex_part, printable = hex_line(preview.data, offset)
            lines.append(f"{position}  {hex_part:<49}  {printable}")
        return Text("\n".join(lines))
    if isinstance(preview, RenderablePreview):
        return preview.renderable
    if isinstance(preview, MessagePreview):
        text = Text(preview.message)
        for name, value in preview.details:
            text.append(f"\n{name}: {value}")
        return text
    return Text(preview.title)


def print_preview(location: Location, config: Config) -> int:
    """Print to stdout; notes and errors go to stderr. Returns the exit status."""
    terminal = sys.stdout.isatty()
    out = Console(highlight=False, soft_wrap=not terminal, force_terminal=terminal or None)
    err = Console(stderr=True, highlight=False)
    try:
        backend, entry = _target(location)
    except Exception as exc:  # the location itself failed: one sentence
        print(f"spyglass: {describe(exc, 'open', location.label)}", file=sys.stderr)
        return 1
    preview = load_preview(backend, entry, config.max_preview_bytes, options=options_from(config))
    if isinstance(preview, MessagePreview) and preview.level == "error":
        print(f"spyglass: {preview.message}", file=sys.stderr)
        return 1
    if not terminal:
        out.no_color = True
    width = None
    if not terminal and isinstance(preview, TablePreview):
        width = natural_width(preview.payload)
    rows = out.size.height - 1
    out.print(_renderable(preview, config.syntax_theme, terminal, rows), width=width)
    # What was left out or could not be shown; what the file is stays off stderr.
    for note in preview.notes:
        if note.kind in (NoteKind.PART, NoteKind.PROBLEM):
            err.print(Text(f"spyglass: {safe_name(entry.name)}: {note.text}"))
    return 0
