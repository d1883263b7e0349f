"""What a search looks for: a name pattern, or a pattern inside the files."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from spyglass.errors import SpyglassError
from spyglass.safe_text import safe_name

DEFAULT_MAX_FILESIZE = 1024 * 1024
_GLOB_CHARACTERS = frozenset("*?[")


def is_glob(pattern: str) -> bool:
    """A pattern with `*`, `?` or `[` is a glob over the whole name; any other, a substring."""
    return not _GLOB_CHARACTERS.isdisjoint(pattern)


def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise SpyglassError(f"bad regular expression {safe_name(pattern)!r}: {exc}") from None


def _name_matcher(pattern: str, regex: bool) -> Callable[[str], bool]:
    if regex:
        return _matches_somewhere(_compiled(pattern, re.IGNORECASE))
    if is_glob(pattern):
        glob = _compiled(fnmatch.translate(pattern), re.IGNORECASE)
        return _matches_whole(glob)
    needle = pattern.lower()
    return lambda name: needle in name.lower()


def _matches_somewhere(compiled: re.Pattern[str]) -> Callable[[str], bool]:
    search = compiled.search
    return lambda name: search(name) is not None


def _matches_whole(compiled: re.Pattern[str]) -> Callable[[str], bool]:
    match = compiled.match  # fnmatch.translate anchors the end itself
    return lambda name: match(name) is not None


def _check_limits(max_depth: int | None, limit: int | None) -> None:
    if max_depth is not None and max_depth < 1:
        raise SpyglassError(f"bad depth {max_depth}: 1 is the folder's own entries")
    if limit is not None and limit < 1:
        raise SpyglassError(f"bad limit {limit}: at least one match")


@dataclass(frozen=True)
class NameQuery:
    """A name search; a bad regular expression is a `SpyglassError` when it is made."""

    pattern: str
    regex: bool = False  # else: a glob when the pattern has * ? [, otherwise a substring
    kind: Literal["any", "file", "folder"] = "any"
    hidden: bool = False  # also names starting with "." (and what is under such folders)
    max_depth: int | None = None  # 1 = only the folder's own entries
    limit: int | None = None  # stop after this many matches (and say so)
    _match: Callable[[str], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_limits(self.max_depth, self.limit)
        object.__setattr__(self, "_match", _name_matcher(self.pattern, self.regex))

    def matches(self, name: str) -> bool:
        """Always case-insensitive."""
        return self._match(name)

    def wants(self, is_folder: bool) -> bool:
        """Whether an entry of this kind can be a match at all."""
        return self.kind == "any" or (self.kind == "folder") is is_folder


@dataclass(frozen=True)
class ContentQuery:
    """A content search: every line of every file under the folder that the pattern matches."""

    pattern: str
    fixed: bool = False  # a fixed string, not a regex
    ignore_case: bool = False
    max_filesize: int = DEFAULT_MAX_FILESIZE  # bigger files are read only up to this (counted)
    hidden: bool = False
    max_depth: int | None = None
    limit: int | None = None
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_limits(self.max_depth, self.limit)
        if self.max_filesize < 1:
            raise SpyglassError(f"bad size cap {self.max_filesize}: at least one byte")
        source = re.escape(self.pattern) if self.fixed else self.pattern
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        object.__setattr__(self, "_regex", _compiled(source, flags))

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern compiled for Python's `re` (a fixed string escaped)."""
        return self._regex
