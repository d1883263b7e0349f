"""Source code in every language Pygments knows: by name, shebang or content."""

from __future__ import annotations

import re
from functools import lru_cache

from spyglass.previews.highlight_budget import highlight_refusal
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, NoteKind, TextPreview
from spyglass.previews.sniff import extension
from spyglass.previews.text_previewer import text_preview

_SHEBANG = re.compile(rb"^#!\s*(?:\S*/)?(?:env\s+(?:-\S+\s+)*)?([A-Za-z_][\w.+-]*)")
_INTERPRETER_ALIASES = {"node": "javascript", "nodejs": "javascript", "deno": "typescript"}
# Plain prose: shown by the text previewer, never guessed as code.
_PROSE = {"txt", "text", "log", "out", "csv", "tsv"}


@lru_cache(maxsize=512)
def lexer_for_name(name: str) -> tuple[str, str] | None:
    """(alias, display name) of the lexer for a file name, if one claims it."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_for_filename(name)
    except ClassNotFound:
        return None
    if not lexer.aliases or lexer.aliases[0] in ("text", "output"):
        return None
    return lexer.aliases[0], lexer.name


def lexer_for_shebang(head: bytes) -> tuple[str, str] | None:
    match = _SHEBANG.match(head[:256])
    if match is None:
        return None
    interpreter = match[1].decode("ascii", "replace")
    interpreter = _INTERPRETER_ALIASES.get(interpreter, interpreter)
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    for candidate in (interpreter, interpreter.rstrip("0123456789.")):
        try:
            lexer = get_lexer_by_name(candidate)
        except ClassNotFound:
            continue
        return lexer.aliases[0], lexer.name
    return None


def lexer_for_content(head: bytes) -> tuple[str, str] | None:
    from pygments.lexers import guess_lexer
    from pygments.util import ClassNotFound

    sample = head[:4096].decode("utf-8", "replace")
    try:
        lexer = guess_lexer(sample)
    except ClassNotFound:
        return None
    if not lexer.aliases or lexer.aliases[0] in ("text", "output"):
        return None
    # guess_lexer scores everything; only trust a confident answer
    if lexer.analyse_text(sample) < 0.3:
        return None
    return lexer.aliases[0], lexer.name


def _lexer(source: Source) -> tuple[str, str] | None:
    name = source.entry.name
    found = lexer_for_name(name) or lexer_for_shebang(source.head)
    if found is None and not extension(name):
        found = lexer_for_content(source.head)
    return found


def fits(source: Source) -> bool:
    """Text that is not prose, with a lexer for its name, its shebang or its content."""
    if source.binary or extension(source.entry.name) in _PROSE:
        return False
    return _lexer(source) is not None


class CodePreviewer(Previewer):
    name = "code"

    def load(self, source: Source) -> TextPreview:
        found = _lexer(source)
        alias, display = found if found else (None, "Text")
        preview = text_preview(source, title=display, lexer=alias)
        refusal = highlight_refusal(preview.lines) if alias else None
        if refusal:
            preview.lexer = None
            preview.notes.insert(
                0, Note(f"{refusal}: shown without highlighting", NoteKind.PROBLEM)
            )
        return preview
