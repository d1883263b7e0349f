"""What a search finds: plain frozen data that crosses threads.

Text here is raw, as read from the backend: make it safe where it is shown
(`spyglass.safe_text`).

A million results must fit in 250 MB, so a match keeps its path as the
searched folder's prefix, one string shared by all the results of a search,
and its relative path: `path` joins them when asked. They are built and read
as the frozen dataclasses they stand for (same arguments, attributes,
equality, pickling), but are not dataclasses: no `dataclasses.replace`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

_MAX_SHARED_SPANS = 100_000
_shared_spans: dict[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = {}


def _split(path: str, relative: str) -> tuple[str, bool]:
    """The part of `path` before `relative` (shared), or the whole path when it does not end so."""
    if relative and path.endswith(relative):
        return sys.intern(path[: len(path) - len(relative)]), True
    return path, False


def _shared(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Equal spans as one tuple: most matched lines have one span, and columns repeat."""
    found = _shared_spans.get(spans)
    if found is not None:
        return found
    if len(_shared_spans) < _MAX_SHARED_SPANS:
        _shared_spans[spans] = spans
    return spans


class _Frozen:
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")


class NameMatch(_Frozen):
    """NameMatch(path, relative, is_folder)."""

    __slots__ = ("_head", "_joined", "is_folder", "relative")
    __match_args__ = ("path", "relative", "is_folder")
    relative: str  # relative to the searched folder, "/"-separated, no leading "/"
    is_folder: bool

    def __init__(self, path: str, relative: str, is_folder: bool) -> None:
        head, joined = _split(path, relative)
        object.__setattr__(self, "_head", head)
        object.__setattr__(self, "_joined", joined)
        object.__setattr__(self, "relative", relative)
        object.__setattr__(self, "is_folder", is_folder)

    @property
    def path(self) -> str:
        """The backend's path."""
        head: str = object.__getattribute__(self, "_head")
        return head + self.relative if object.__getattribute__(self, "_joined") else head

    def _key(self) -> tuple[str, str, bool]:
        return (self.path, self.relative, self.is_folder)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameMatch) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"NameMatch(path={self.path!r}, relative={self.relative!r}, is_folder={self.is_folder})"
        )

    def __reduce__(self) -> tuple[type[NameMatch], tuple[str, str, bool]]:
        return NameMatch, self._key()


class LineMatch(_Frozen):
    """LineMatch(path, relative, line, text, spans)."""

    __slots__ = ("_head", "_joined", "line", "relative", "spans", "text")
    __match_args__ = ("path", "relative", "line", "text", "spans")
    relative: str
    line: int  # 1-based
    text: str  # the line (cut to at most 1,000 characters)
    spans: tuple[tuple[int, int], ...]  # where the pattern matched in `text`

    def __init__(
        self, path: str, relative: str, line: int, text: str, spans: tuple[tuple[int, int], ...]
    ) -> None:
        head, joined = _split(path, relative)
        object.__setattr__(self, "_head", head)
        object.__setattr__(self, "_joined", joined)
        object.__setattr__(self, "relative", relative)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "spans", _shared(spans))

    @property
    def path(self) -> str:
        head: str = object.__getattribute__(self, "_head")
        return head + self.relative if object.__getattribute__(self, "_joined") else head

    def _key(self) -> tuple[str, str, int, str, tuple[tuple[int, int], ...]]:
        return (self.path, self.relative, self.line, self.text, self.spans)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LineMatch) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        path, relative, line, text, spans = self._key()
        return (
            f"LineMatch(path={path!r}, relative={relative!r}, line={line}, "
            f"text={text!r}, spans={spans!r})"
        )

    def __reduce__(self) -> tuple[type[LineMatch], tuple[Any, ...]]:
        return LineMatch, self._key()


@dataclass(frozen=True, slots=True)
class SearchProblem:
    """A folder or file that could not be searched; the search went on without it."""

    path: str
    relative: str
    sentence: str  # from spyglass.errors.describe, already safe
