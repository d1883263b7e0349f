"""What a search finds: plain frozen data (it crosses threads); text raw, made safe where shown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameMatch:
    path: str  # the backend's path
    relative: str  # relative to the searched folder, "/"-separated, no leading "/"
    is_folder: bool


@dataclass(frozen=True)
class LineMatch:
    path: str
    relative: str
    line: int  # 1-based
    text: str  # the line (cut to at most 1,000 characters)
    spans: tuple[tuple[int, int], ...]  # where the pattern matched in `text`


@dataclass(frozen=True)
class SearchProblem:
    """A folder or file that could not be searched; the search goes on."""

    path: str
    relative: str
    sentence: str  # from spyglass.errors.describe, already safe
