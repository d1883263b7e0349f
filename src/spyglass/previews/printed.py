"""A preview as `spyglass cat` prints it: laid out and coloured where a runaway can be killed.

Highlighting (Pygments) and Markdown layout run on untrusted text, so `cat`
has them done in a sandbox child (`render_printed`) and writes what comes back.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from rich.console import Console, RenderableType
from rich.text import Text

from spyglass.previews.data_renderable import data_renderable
from spyglass.previews.hex_dump import BYTES_PER_LINE, hex_line
from spyglass.previews.results import (
    DataPreview,
    HexPreview,
    MessagePreview,
    Preview,
    RenderablePreview,
    TextPreview,
)
from spyglass.safe_text import make_safe, safe_name


class PrintSettings(NamedTuple):
    """What the parent knows of its terminal (the child has none)."""

    theme: str
    terminal: bool  # stdout is a terminal: colours and a table cut to the screen
    width: int
    height: int
    color_system: str | None


def renderable(preview: Preview, theme: str, terminal: bool, rows: int) -> RenderableType:
    if isinstance(preview, DataPreview):
        return data_renderable(preview, terminal=terminal, rows=rows)
    if isinstance(preview, TextPreview):
        code = "\n".join(preview.lines)
        if terminal and preview.lexer:
            from rich.syntax import Syntax

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
        text = Text(make_safe(preview.message))
        for name, value in preview.details:
            text.append(f"\n{safe_name(name)}: {safe_name(value)}")
        return text
    return Text(preview.title)


def _plain_lines(preview: Preview, settings: PrintSettings) -> list[str] | None:
    """Lines to write as they are: a hex dump, or text without colours. Rich would wrap
    each line at the terminal's width and cost the square of the line count (a sparse
    1 TB file took 25 s); the terminal wraps them itself."""
    if isinstance(preview, HexPreview):
        return [
            "{}  {:<49}  {}".format(*hex_line(preview.data, offset))
            for offset in range(0, len(preview.data), BYTES_PER_LINE)
        ]
    if isinstance(preview, TextPreview) and not (settings.terminal and preview.lexer):
        return preview.lines
    return None


def render_printed(preview: Preview, settings: PrintSettings) -> str:
    """The text `cat` writes to stdout: with colour codes for a terminal, plain for a pipe."""
    lines = _plain_lines(preview, settings)
    if lines is not None:
        return "\n".join(lines) + "\n" if lines else ""
    out = io.StringIO()
    console = Console(
        file=out,
        width=settings.width,
        height=settings.height,
        color_system=settings.color_system if settings.terminal else None,  # type: ignore[arg-type]
        force_terminal=settings.terminal,
        soft_wrap=not settings.terminal,
        no_color=not settings.terminal,
        highlight=False,
        legacy_windows=False,
    )
    rows = settings.height - 1
    console.print(renderable(preview, settings.theme, settings.terminal, rows))
    return out.getvalue()
