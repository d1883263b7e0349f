"""What a previewer hands to a view: plain data, no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import RenderableType


@dataclass
class Part:
    """Which part of a file a preview shows, for the "first 1 MiB of 5.2 GiB" line."""

    shown_bytes: int
    total_bytes: int | None
    next_offset: int | None = None  # where to read on to load more; None when complete

    @property
    def complete(self) -> bool:
        return self.next_offset is None


@dataclass
class Preview:
    """Base of every preview result: a title line and notes under it."""

    title: str
    notes: list[str] = field(default_factory=list)


@dataclass
class TextPreview(Preview):
    """Lines of text (already decoded and made safe) with an optional lexer name."""

    lines: list[str] = field(default_factory=list)
    lexer: str | None = None
    encoding: str = "utf-8"
    part: Part | None = None
    # What the last read left unfinished, completed by the next part:
    carry: bytes = b""  # the first bytes of a character
    tail: str = ""  # the text after the last newline, held back to show whole lines
    open_line: bool = False  # the last line was longer than a part and goes on


@dataclass
class HexPreview(Preview):
    data: bytes = b""
    part: Part | None = None


@dataclass
class RenderablePreview(Preview):
    renderable: RenderableType = ""
    part: Part | None = None


@dataclass
class MessagePreview(Preview):
    """A sentence instead of content: empty file, folder summary, special file, error."""

    message: str = ""
    level: str = "info"  # info | warning | error
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DataPreview(Preview):
    """Structured data shown by a dedicated widget (tables, images).

    `view` names the widget in `spyglass.ui.data_views.DATA_VIEWS` that shows it.
    """

    view: str = ""
    payload: Any = None
    part: Part | None = None
