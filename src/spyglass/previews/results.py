"""What a previewer hands to a view: plain data, no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, TypeVar

from rich.console import RenderableType

if TYPE_CHECKING:
    from spyglass.previews.image_data import ImageData
    from spyglass.previews.table_data import TableData


class Part(NamedTuple):
    """Which part of a file a preview shows, for the "first 1 MiB of 5.2 GiB" line."""

    shown_bytes: int
    total_bytes: int | None
    next_offset: int | None = None  # where to read on to load more; None when complete

    @property
    def complete(self) -> bool:
        return self.next_offset is None


class NoteKind(Enum):
    """What a note says, which decides how it is shown and whether `spyglass cat` prints it."""

    INFO = "info"  # what the file is: its size, encoding, shape
    PART = "part"  # that only part of the file is shown ("first 1 MiB of 5 GiB shown")
    PROBLEM = "problem"  # why it is not shown as its name promises (invalid JSON, cannot show as)


class Note(NamedTuple):
    """One fact on the title line, after the preview's title."""

    text: str
    kind: NoteKind = NoteKind.INFO
    hint: str = ""  # what the user can do about it in the pane ("scroll to the end to load more")

    @property
    def shown_text(self) -> str:
        """The note as the pane shows it; `spyglass cat` prints `text` alone."""
        return f"{self.text}: {self.hint}" if self.hint else self.text


@dataclass
class Preview:
    """Base of every preview result: a title line, notes under it, and the part of the file."""

    title: str
    notes: list[Note] = field(default_factory=list)
    part: Part | None = None

    @property
    def note_texts(self) -> list[str]:
        return [note.shown_text for note in self.notes]


class TextContinuation(NamedTuple):
    """What the last read of a text file left unfinished, completed by the next part."""

    carry: bytes = b""  # the first bytes of a character
    tail: str = ""  # the text after the last newline, held back to show whole lines
    open_line: bool = False  # the last line was longer than a part and goes on


@dataclass
class TextPreview(Preview):
    """Lines of text (already decoded and made safe) with an optional lexer name."""

    lines: list[str] = field(default_factory=list)
    lexer: str | None = None
    encoding: str = "utf-8"
    continuation: TextContinuation = field(default_factory=TextContinuation)


@dataclass
class HexPreview(Preview):
    data: bytes = b""


@dataclass
class RenderablePreview(Preview):
    renderable: RenderableType = ""


Level = Literal["info", "warning", "error"]


@dataclass
class MessagePreview(Preview):
    """A sentence instead of content: empty file, folder summary, special file, error."""

    message: str = ""
    level: Level = "info"
    details: list[tuple[str, str]] = field(default_factory=list)


P = TypeVar("P")


@dataclass(kw_only=True)
class DataPreview(Preview, Generic[P]):
    """Structured data shown by a dedicated widget; one subclass per kind of widget.

    The UI finds the widget by the preview's class (`spyglass.ui.data_views`).
    """

    payload: P


@dataclass(kw_only=True)
class TablePreview(DataPreview["TableData"]):
    """Rows and columns: CSV, JSON records, Parquet, Arrow, Excel, SQLite."""

    payload: TableData


@dataclass(kw_only=True)
class ImagePreview(DataPreview["ImageData"]):
    """A decoded image, scaled by the view to the space it has."""

    payload: ImageData
