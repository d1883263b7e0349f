"""The next part of a text or hex preview: read in a worker, applied where the preview is shown.

`load_more` only reads the preview it is given; it returns a `NextPart` that
`apply_next_part` adds to the preview later, on the thread that draws it. So a
view never sees its lines change under it while it renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spyglass.fs.backend import Backend
from spyglass.previews.results import (
    HexPreview,
    Note,
    NoteKind,
    Part,
    TextContinuation,
    TextPreview,
)
from spyglass.previews.text_previewer import append_lines, part_note, read_text_part


@dataclass(frozen=True)
class NextPart:
    """What one more read adds to a preview, and what it changes."""

    start: int  # the offset it was read from: it applies to a preview that ends there
    part: Part  # the part shown once it is applied
    notes: tuple[Note, ...]  # all the notes, in place of the preview's
    lines: tuple[str, ...] = ()  # new lines of text
    continues_last: bool = False  # the first new line goes on the last line shown
    data: bytes = b""  # new bytes of a hex dump
    # what is left unfinished for the read after
    continuation: TextContinuation = field(default_factory=TextContinuation)


def _notes_for(notes: list[Note], part: Part) -> tuple[Note, ...]:
    """The notes with the "first ... shown" one made to say how much is shown now."""
    kept = [note for note in notes if note.kind is not NoteKind.PART]
    note = part_note(part)
    return (*kept, note) if note else tuple(kept)


def load_more(
    backend: Backend, path: str, preview: TextPreview | HexPreview, max_bytes: int
) -> NextPart | None:
    """Read the part after what the preview shows; None when it shows the whole file."""
    part = preview.part
    if part is None or part.next_offset is None:
        return None
    start = part.next_offset
    chunk = backend.read_range(path, start, max_bytes)
    total = part.total_bytes
    end = start + len(chunk)
    complete = len(chunk) < max_bytes or (total is not None and end >= total)
    if isinstance(preview, HexPreview):
        shown = Part(end, total, None if complete else end)
        return NextPart(start=start, part=shown, notes=_notes_for(preview.notes, shown), data=chunk)
    added = read_text_part(
        preview.continuation,
        chunk,
        start=start,
        total=total,
        complete=complete,
        encoding=preview.encoding,
    )
    return NextPart(
        start=start,
        part=added.part,
        notes=_notes_for(preview.notes, added.part),
        lines=tuple(added.lines),
        continues_last=added.continues_last,
        continuation=added.continuation,
    )


def failed_part(preview: TextPreview | HexPreview, problem: Note) -> NextPart | None:
    """A read that failed: nothing added, the problem said, and no more asked for."""
    part = preview.part
    if part is None or part.next_offset is None:
        return None
    kept = preview.continuation if isinstance(preview, TextPreview) else TextContinuation()
    return NextPart(
        start=part.next_offset,
        part=part._replace(next_offset=None),
        notes=(*preview.notes, problem),
        continuation=kept,
    )


def apply_next_part(preview: TextPreview | HexPreview, more: NextPart) -> bool:
    """Add a part read after the preview; False (and nothing changed) when it does not follow
    the part shown: it was read for an earlier state of the preview."""
    if preview.part is None or preview.part.next_offset != more.start:
        return False
    if isinstance(preview, TextPreview):
        append_lines(preview.lines, more.lines, continues_last=more.continues_last)
        preview.continuation = more.continuation
    else:
        preview.data += more.data
    preview.part = more.part
    preview.notes = list(more.notes)
    return True
