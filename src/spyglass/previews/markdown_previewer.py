"""Markdown, rendered with Rich (which never reads markup from the text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, RenderablePreview
from spyglass.previews.text_previewer import part_note
from spyglass.safe_text import decode, make_safe

EXTENSIONS = frozenset({"md", "markdown", "mdown", "mkd", "mdx"})
# Rendering cost grows with the document; past this the text view is faster to read.
MAX_RENDERED_BYTES = 512 * 1024


class MarkdownPreviewer(Previewer):
    name = "markdown"

    def load(self, source: Source) -> RenderablePreview:
        head = source.head[:MAX_RENDERED_BYTES]
        complete = source.complete and len(head) == len(source.head)
        decoded = decode(head, final=complete)
        text = make_safe(decoded.text)
        shown = len(head) - len(decoded.carry)
        part = Part(shown, source.entry.size, None if complete else shown)
        notes = [Note(decoded.encoding)]
        note = part_note(part, can_load_more=False)
        if note:
            notes.append(note)
        from rich.markdown import Markdown  # markdown-it is slow to import: only when needed

        markdown = Markdown(text, hyperlinks=False)
        _make_tokens_safe(markdown.parsed)
        return RenderablePreview(title="Markdown", notes=notes, renderable=markdown, part=part)


def _make_tokens_safe(tokens: Sequence[Any]) -> None:
    """Character references (`&#x202e;`) become characters only when parsed: sanitise again."""
    for token in tokens:
        token.content = make_safe(token.content)
        token.info = make_safe(token.info)
        if token.attrs:
            token.attrs = {
                name: make_safe(value) if isinstance(value, str) else value
                for name, value in token.attrs.items()
            }
        if token.children:
            _make_tokens_safe(token.children)
