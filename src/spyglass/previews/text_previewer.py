"""Plain text in any common encoding; the fallback for everything that is not binary."""

from __future__ import annotations

from spyglass.format import count, human_size
from spyglass.fs.sniff import looks_binary
from spyglass.previews.document import Part, TextPreview
from spyglass.previews.registry import Source
from spyglass.previews.safe_text import decode, split_lines


def part_note(part: Part, *, can_load_more: bool = True) -> str | None:
    if part.complete:
        return None
    total = human_size(part.total_bytes) if part.total_bytes is not None else "more"
    note = f"first {human_size(part.shown_bytes)} of {total} shown"
    return f"{note}: scroll to the end to load more" if can_load_more else note


def text_preview(source: Source, *, title: str, lexer: str | None) -> TextPreview:
    """Decode the head into lines, keeping an unfinished last line for the next read."""
    head, complete = source.head, source.complete
    body = head
    if not complete:
        cut = head.rfind(b"\n")
        if cut >= 0:
            body = head[: cut + 1]
    decoded = decode(body, final=complete)
    shown = len(body) - len(decoded.carry)
    lines = split_lines(decoded.text)
    part = Part(shown, source.entry.size, None if complete else shown)
    notes = [f"{count(len(lines), 'line')} · {decoded.encoding}"]
    if decoded.bad_bytes:
        notes.append(f"{count(decoded.bad_bytes, 'invalid byte')} shown as \ufffd")
    note = part_note(part)
    if note:
        notes.append(note)
    return TextPreview(
        title=title, notes=notes, lines=lines, lexer=lexer, encoding=decoded.encoding, part=part
    )


class TextPreviewer:
    name = "text"

    def score(self, source: Source) -> int:
        return 0 if looks_binary(source.head) else 10

    def load(self, source: Source) -> TextPreview:
        return text_preview(source, title="Text", lexer=None)
