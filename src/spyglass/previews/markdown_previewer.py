"""Markdown, rendered with Rich (which never reads markup from the text).

Rendering costs grow with the blocks (a table row, a list item), and
markdown-it drops whatever is nested deeper than its limit without a word. So
a document that is too big, has too many blocks or nests too deep is shown as
plain text, with a note that says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from spyglass.format import human_size
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, Part, RenderablePreview, TextPreview
from spyglass.previews.text_previewer import part_note, text_preview
from spyglass.safe_text import decode, make_safe

if TYPE_CHECKING:
    from rich.markdown import Markdown

EXTENSIONS = frozenset({"md", "markdown", "mdown", "mkd", "mdx"})
# Past these, rendering takes seconds (measured: 6,000 blocks render in 0.5 s on 2 cores).
MAX_RENDERED_BYTES = 256 * 1024
MAX_LINES = 5_000
MAX_BLOCKS = 5_000
# Token levels: a list or a quote takes two. markdown-it stops at 20 and drops the rest.
MAX_LEVEL = 16


def _too_much(head: bytes) -> str | None:
    """Why a document is not rendered, before it is parsed."""
    if len(head) > MAX_RENDERED_BYTES:
        return f"larger than {human_size(MAX_RENDERED_BYTES)}"
    if head.count(b"\n") > MAX_LINES:
        return f"more than {MAX_LINES:,} lines"
    # Each cell of a table is a block; counting them costs nothing before a slow parse.
    if head.count(b"|") > MAX_BLOCKS:
        return f"tables of more than {MAX_BLOCKS:,} cells"
    return None


def _too_complex(markdown: Markdown) -> str | None:
    """Why a parsed document is not rendered: too many blocks, or nested too deep."""
    blocks = 0
    for token in markdown.parsed:
        if token.level >= MAX_LEVEL:
            return f"nested more than {MAX_LEVEL // 2} levels deep"
        blocks += token.nesting == 1
    if blocks > MAX_BLOCKS:
        return f"more than {MAX_BLOCKS:,} blocks"
    return None


def _as_text(source: Source, reason: str) -> TextPreview:
    preview = text_preview(source, title="Markdown", lexer=None)
    note = Note(f"{reason}: shown as plain text", NoteKind.PROBLEM)
    preview.notes.insert(0, note)
    return preview


class MarkdownPreviewer(Previewer):
    name = "markdown"

    def load(self, source: Source) -> RenderablePreview | TextPreview:
        too_much = _too_much(source.head)
        if too_much:
            return _as_text(source, too_much)
        complete = source.complete
        decoded = decode(source.head, final=complete)
        text = make_safe(decoded.text)
        shown = len(source.head) - len(decoded.carry)
        part = Part(shown, source.entry.size, None if complete else shown)
        notes = [Note(decoded.encoding)]
        note = part_note(part, can_load_more=False)
        if note:
            notes.append(note)
        from rich.markdown import Markdown  # markdown-it is slow to import: only when needed

        markdown = Markdown(text, hyperlinks=False)
        too_complex = _too_complex(markdown)
        if too_complex:
            return _as_text(source, too_complex)
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
