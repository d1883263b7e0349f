"""Syntax colours for a block of lines, worked out where a runaway lexer can be killed.

Pygments' lexers are regular expressions, and some backtrack for minutes on
hostile input; so the app runs `highlight_block` in a sandbox child, and shows
the lines plain until (and unless) the colours come back.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text

# Long lines are cut before they are lexed: a minified megabyte on one line is not read.
MAX_LINE_CHARS = 10_000


@lru_cache(maxsize=256)
def _without_background(style: Style) -> Style:
    return Style(
        color=style.color,
        bold=style.bold,
        italic=style.italic,
        underline=style.underline,
        strike=style.strike,
    )


def plain_block(lines: list[str]) -> list[Text]:
    return [Text(line[:MAX_LINE_CHARS], no_wrap=True) for line in lines]


def highlight_block(lexer_name: str, theme: str, lines: list[str]) -> list[Text]:
    """One `Text` per line, in the theme's colours but without its background (the pane
    has its own); plain lines when the lexer is unknown."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
    from rich.syntax import Syntax

    chunk = [line[:MAX_LINE_CHARS] for line in lines]
    try:
        lexer = get_lexer_by_name(lexer_name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return plain_block(chunk)
    highlighted = Syntax("", lexer, theme=theme).highlight("\n".join(chunk))
    highlighted.style = ""
    highlighted.spans[:] = [
        span._replace(style=_without_background(span.style))
        if isinstance(span.style, Style) and span.style.bgcolor is not None
        else span
        for span in highlighted.spans
    ]
    texts = list(highlighted.split("\n", allow_blank=True))
    while len(texts) < len(chunk):
        texts.append(Text(""))
    for text in texts:
        text.no_wrap = True
    return texts[: len(chunk)]
