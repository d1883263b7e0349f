"""Previewers say how well they fit a file; the best fit loads it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import Preview


@dataclass
class Source:
    """A file to preview, with the first bytes already read (at most the budget)."""

    backend: Backend
    entry: Entry
    head: bytes
    max_bytes: int
    options: PreviewOptions = field(default_factory=PreviewOptions)

    @property
    def complete(self) -> bool:
        """True when `head` holds the whole file."""
        size = self.entry.size
        if size is not None:
            return len(self.head) >= size
        return len(self.head) < self.max_bytes


class Previewer(Protocol):
    name: str

    def score(self, source: Source) -> int:
        """0 when this previewer cannot show the file; higher is a better fit."""
        ...

    def load(self, source: Source) -> Preview:
        """Build the preview; may raise, and the next best previewer is tried."""
        ...


_PREVIEWERS: list[Previewer] = []
log = logging.getLogger(__name__)


def register(previewer: Previewer) -> None:
    if any(existing.name == previewer.name for existing in _PREVIEWERS):
        raise ValueError(f"a previewer named {previewer.name!r} is already registered")
    _PREVIEWERS.append(previewer)


def _score(previewer: Previewer, source: Source) -> int:
    """A previewer that fails while sniffing a bad file does not fit it; the others still may."""
    try:
        return previewer.score(source)
    except Exception:
        log.debug(
            "%s previewer failed to score %s", previewer.name, source.entry.path, exc_info=True
        )
        return 0


def candidates(source: Source) -> list[Previewer]:
    """Previewers that fit, best first (stable for equal scores)."""
    scored = [
        (_score(previewer, source), index, previewer) for index, previewer in enumerate(_PREVIEWERS)
    ]
    return [
        previewer
        for score, _, previewer in sorted(scored, key=lambda s: (-s[0], s[1]))
        if score > 0
    ]


def registered() -> list[Previewer]:
    return list(_PREVIEWERS)
