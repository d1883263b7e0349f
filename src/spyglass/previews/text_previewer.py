"""Plain text in any common encoding; the fallback for everything that is not binary."""

from __future__ import annotations

from spyglass.format import count, human_size
from spyglass.previews.registry import Source
from spyglass.previews.results import Part, TextPreview
from spyglass.previews.sniff import looks_binary
from spyglass.safe_text import Decoded, continuation_encoding, decode, split_lines


def part_note(part: Part, *, can_load_more: bool = True) -> str | None:
    if part.complete:
        return None
    total = human_size(part.total_bytes) if part.total_bytes is not None else "more"
    note = f"first {human_size(part.shown_bytes)} of {total} shown"
    return f"{note}: scroll to the end to load more" if can_load_more else note


def text_preview(source: Source, *, title: str, lexer: str | None) -> TextPreview:
    """Decode the head into lines, holding back an unfinished last line for the next read."""
    preview = TextPreview(title=title, lexer=lexer)
    decoded = extend_text(
        preview, source.head, start=0, total=source.entry.size, complete=source.complete
    )
    notes = [f"{count(len(preview.lines), 'line')} · {preview.encoding}"]
    if decoded.bad_bytes:
        notes.append(f"{count(decoded.bad_bytes, 'invalid byte')} shown as \ufffd")
    note = part_note(preview.part) if preview.part else None
    if note:
        notes.append(note)
    preview.notes = notes
    return preview


def extend_text(
    preview: TextPreview,
    data: bytes,
    *,
    start: int,
    total: int | None,
    complete: bool,
    encoding: str | None = None,
) -> Decoded:
    """Add the lines of the part of a file that starts at byte `start`.

    A line cut by the end of the part is held back and finished by the next one,
    unless no newline came at all: a line longer than a part shows as far as it goes.
    """
    decoded = decode(preview.carry + data, final=complete, encoding=encoding)
    preview.encoding = encoding or continuation_encoding(decoded.encoding, data)
    text = preview.tail + decoded.text
    cut = len(text) if complete else text.rfind("\n") + 1 or len(text)
    lines = split_lines(text[:cut])
    if preview.open_line and lines:
        preview.lines[-1] += lines.pop(0)
    preview.lines.extend(lines)
    if cut:
        preview.open_line = not complete and not text[:cut].endswith("\n")
    preview.tail = text[cut:]
    preview.carry = decoded.carry
    end = start + len(data)
    held = len(decoded.carry) + len(preview.tail.encode(preview.encoding, "replace"))
    preview.part = Part(end - held, total, None if complete else end)
    return decoded


class TextPreviewer:
    name = "text"

    def score(self, source: Source) -> int:
        return 0 if looks_binary(source.head) else 10

    def load(self, source: Source) -> TextPreview:
        return text_preview(source, title="Text", lexer=None)
