"""What a search looks for: a name pattern or a content pattern, with its limits."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Literal

_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class NameQuery:
    pattern: str
    regex: bool = False  # else: a glob when the pattern has * ? [, otherwise a substring
    kind: Literal["any", "file", "folder"] = "any"
    hidden: bool = False  # also names starting with "." (and what is under such folders)
    max_depth: int | None = None  # 1 = only the folder's own entries
    limit: int | None = None  # stop after this many matches (and say so)

    def matches(self, name: str) -> bool:
        """Always case-insensitive."""
        if self.regex:
            return re.search(self.pattern, name, re.IGNORECASE) is not None
        if any(char in _GLOB for char in self.pattern):
            return fnmatch.fnmatchcase(name.casefold(), self.pattern.casefold())
        return self.pattern.casefold() in name.casefold()


@dataclass(frozen=True)
class ContentQuery:
    pattern: str
    fixed: bool = False  # a fixed string, not a regex
    ignore_case: bool = False
    max_filesize: int = 1024 * 1024  # bigger files are read only up to this (and counted)
    hidden: bool = False
    max_depth: int | None = None
    limit: int | None = None
