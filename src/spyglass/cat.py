"""`spyglass cat`: the same preview as the pane, printed for scripts and pipes."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from spyglass.config import Config
from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.location import Location, open_backend
from spyglass.previews.data_renderable import natural_width
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import options_from
from spyglass.previews.printed import PrintSettings, render_printed
from spyglass.previews.results import (
    MessagePreview,
    Note,
    NoteKind,
    Preview,
    RenderablePreview,
    TablePreview,
    TextPreview,
)
from spyglass.previews.table_lines import left_out, shape_line, stats_preview
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox
from spyglass.sandbox.stopped import Stopped


def _target(location: Location) -> tuple[Backend, Entry]:
    backend, path = open_backend(location)
    if location.focus is not None:
        return backend, backend.stat(location.focus)
    if location.is_local:
        return backend, Entry(path.rsplit("/", 1)[-1] or path, path, Kind.FOLDER)
    return backend, backend.stat(path)


def _printed(
    sandbox: Sandbox, preview: Preview, settings: PrintSettings, entry: Entry
) -> str | None:
    """What to write: laid out in a child when a lexer or Markdown does it, here otherwise."""
    risky = isinstance(preview, RenderablePreview) or (
        settings.terminal and isinstance(preview, TextPreview) and preview.lexer
    )
    if not risky:
        return render_printed(preview, settings)
    try:
        return sandbox.run(render_printed, preview, settings)
    except Stopped as stop:
        if not isinstance(preview, TextPreview):  # laying it out ran away: no half output
            print(f"spyglass: {safe_name(entry.name)}: {stop}", file=sys.stderr)
            return None
        # Colouring ran away: the text plain, which needs no lexer and no child.
        preview.lexer = None
        preview.notes.append(Note(f"{stop} colouring it: shown plain", NoteKind.PROBLEM))
        return render_printed(preview, settings)


def print_preview(
    location: Location, config: Config, *, follow: bool = False, stats: bool = False
) -> int:
    """Print to stdout; notes and errors go to stderr. Returns the exit status.

    A table's shape line comes first: on stdout when it is a terminal, else on
    stderr, so that piped output holds the table alone. With `stats` the
    table's column statistics are printed instead of its rows; with `follow`
    the file's last lines, then each line written to it.
    """
    if follow:
        return _follow(location)
    sandbox = Sandbox(config.decode_limits)
    sandbox.warm()  # the child starts while the location is opened
    try:
        return _print_preview(location, config, sandbox, stats)
    finally:
        sandbox.close()


def _follow(location: Location) -> int:
    from spyglass.cat_follow import follow_to_stdout

    try:
        backend, entry = _target(location)
    except Exception as exc:  # the location itself failed: one sentence
        print(f"spyglass: {describe(exc, 'open', location.label)}", file=sys.stderr)
        return 1
    return follow_to_stdout(backend, entry)


def _print_preview(location: Location, config: Config, sandbox: Sandbox, stats: bool) -> int:
    terminal = sys.stdout.isatty()
    out = Console(highlight=False, soft_wrap=not terminal, force_terminal=terminal or None)
    # A pipe gets whole lines: a sentence is never wrapped mid-word at 80 columns.
    err = Console(stderr=True, highlight=False, soft_wrap=not sys.stderr.isatty())
    try:
        backend, entry = _target(location)
    except Exception as exc:  # the location itself failed: one sentence
        print(f"spyglass: {describe(exc, 'open', location.label)}", file=sys.stderr)
        return 1
    preview = load_preview(
        backend, entry, config.max_preview_bytes, options=options_from(config), sandbox=sandbox
    )
    if isinstance(preview, MessagePreview) and preview.level == "error":
        print(f"spyglass: {safe_name(preview.message)}", file=sys.stderr)
        return 1
    if stats and not isinstance(preview, TablePreview):
        print(f"spyglass: {safe_name(entry.name)} is not a table: no statistics", file=sys.stderr)
        return 1
    width = out.size.width
    skipped: set[str] = set()
    if isinstance(preview, TablePreview):
        preview.payload.open_part = None  # cat shows one sheet; the opener stays here
        line = shape_line(entry.name, preview)
        skipped = {note.text for note in left_out(preview.payload)}
        if stats:
            preview, label = stats_preview(preview)
            line = f"{line} · {label}"
        (out if terminal else err).print(Text(line))
        if not terminal:
            width = natural_width(preview.payload)
    settings = PrintSettings(
        config.syntax_theme, terminal, width, out.size.height, out.color_system
    )
    printed = _printed(sandbox, preview, settings, entry)
    if printed is None:
        return 1
    sys.stdout.write(printed)
    sys.stdout.flush()
    # What was left out or could not be shown; what the file is stays off stderr.
    for note in preview.notes:
        if note.kind in (NoteKind.PART, NoteKind.PROBLEM) and note.text not in skipped:
            err.print(Text(f"spyglass: {safe_name(entry.name)}: {safe_name(note.text)}"))
    return 0
