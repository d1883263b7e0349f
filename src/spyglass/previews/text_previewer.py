"""Plain text in any common encoding; the fallback for everything that is not binary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spyglass.format import count, human_size
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, Part, TextContinuation, TextPreview
from spyglass.safe_text import Decoded, continuation_encoding, decode, split_lines

LOAD_MORE_HINT = "scroll to the end to load more"


def part_note(part: Part, *, can_load_more: bool = True) -> Note | None:
    if part.complete:
        return None
    total = human_size(part.total_bytes) if part.total_bytes is not None else "more"
    text = f"first {human_size(part.shown_bytes)} of {total} shown"
    return Note(text, NoteKind.PART, hint=LOAD_MORE_HINT if can_load_more else "")


def text_preview(source: Source, *, title: str, lexer: str | None) -> TextPreview:
    """Decode the head into lines, holding back an unfinished last line for the next read."""
    preview = TextPreview(title=title, lexer=lexer)
    decoded = extend_text(
        preview, source.head, start=0, total=source.entry.size, complete=source.complete
    )
    notes = [Note(f"{count(len(preview.lines), 'line')} · {preview.encoding}")]
    if decoded.bad_bytes:
        notes.append(Note(f"{count(decoded.bad_bytes, 'invalid byte')} shown as \ufffd"))
    note = part_note(preview.part) if preview.part else None
    if note:
        notes.append(note)
    preview.notes = notes
    return preview


@dataclass(frozen=True)
class TextPart:
    """The lines one part of a file adds to what was shown before it."""

    lines: list[str]
    continues_last: bool  # the first of `lines` goes on the last line shown before
    continuation: TextContinuation
    part: Part
    encoding: str
    decoded: Decoded


def read_text_part(
    before: TextContinuation,
    data: bytes,
    *,
    start: int,
    total: int | None,
    complete: bool,
    encoding: str | None = None,
) -> TextPart:
    """The lines of the part of a file that starts at byte `start`, after `before`.

    A line cut by the end of the part is held back and finished by the next one,
    unless no newline came at all: a line longer than a part shows as far as it goes.
    """
    decoded = decode(before.carry + data, final=complete, encoding=encoding)
    encoding = encoding or continuation_encoding(decoded.encoding, data)
    text = before.tail + decoded.text
    cut = len(text) if complete else text.rfind("\n") + 1 or len(text)
    lines = split_lines(text[:cut])
    open_line = before.open_line
    if cut:
        open_line = not complete and not text[:cut].endswith("\n")
    tail = text[cut:]
    end = start + len(data)
    held = len(decoded.carry) + len(tail.encode(encoding, "replace"))
    return TextPart(
        lines=lines,
        continues_last=before.open_line and bool(lines),
        continuation=TextContinuation(carry=decoded.carry, tail=tail, open_line=open_line),
        part=Part(end - held, total, None if complete else end),
        encoding=encoding,
        decoded=decoded,
    )


def append_lines(shown: list[str], lines: Sequence[str], *, continues_last: bool) -> None:
    """Add new lines after the shown ones; the first may finish the last one shown."""
    if continues_last and shown:
        shown[-1] += lines[0]
        lines = lines[1:]
    shown.extend(lines)


def extend_text(
    preview: TextPreview,
    data: bytes,
    *,
    start: int,
    total: int | None,
    complete: bool,
    encoding: str | None = None,
) -> Decoded:
    """Add the lines of the part of a file that starts at byte `start` to a preview."""
    added = read_text_part(
        preview.continuation, data, start=start, total=total, complete=complete, encoding=encoding
    )
    append_lines(preview.lines, added.lines, continues_last=added.continues_last)
    preview.encoding = added.encoding
    preview.continuation = added.continuation
    preview.part = added.part
    return added.decoded


class TextPreviewer(Previewer):
    name = "text"

    def load(self, source: Source) -> TextPreview:
        return text_preview(source, title="Text", lexer=None)
