"""What a search finds: plain frozen data that crosses threads.

Text here is raw, as read from the backend: make it safe where it is shown
(`spyglass.safe_text`). Slots keep a million results within a few hundred MB.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NameMatch:
    path: str  # the backend's path
    relative: str  # relative to the searched folder, "/"-separated, no leading "/"
    is_folder: bool


@dataclass(frozen=True, slots=True)
class LineMatch:
    path: str
    relative: str
    line: int  # 1-based
    text: str  # the line (cut to at most 1,000 characters)
    spans: tuple[tuple[int, int], ...]  # where the pattern matched in `text`


@dataclass(frozen=True, slots=True)
class SearchProblem:
    """A folder or file that could not be searched; the search went on without it."""

    path: str
    relative: str
    sentence: str  # from spyglass.errors.describe, already safe
