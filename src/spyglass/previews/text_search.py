"""Finding a pattern in the lines or bytes of a preview: smart case, regex or literal.

The scans are plain functions of plain data, so they can run in a sandbox child:
a user's regex over untrusted text may backtrack for ever, and only a child can
be stopped mid-match.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import NamedTuple

# Matches counted at most: a 1 MiB file of "a" searched for "a" stays quick.
MAX_MATCHES = 100_000
_ESCAPE = re.compile(r"\\.")
_HEX = re.compile(r"(?:0x)?(?:[0-9a-f]{2})+(?:\s+(?:0x)?(?:[0-9a-f]{2})+)*", re.IGNORECASE)


class SearchPattern(NamedTuple):
    """What was typed, as a regex source with its flags, and what to say about it."""

    text: str
    source: str
    flags: int
    problem: str = ""  # why the text is searched literally, when it is

    @property
    def ignores_case(self) -> bool:
        return bool(self.flags & re.IGNORECASE)


def smart_case(text: str) -> bool:
    """True when the search ignores case: no capital letter outside a backslash escape."""
    return not any(char.isupper() for char in _ESCAPE.sub("", text))


def compile_pattern(text: str) -> SearchPattern:
    """A regex when it is one; otherwise the text itself, with the reason said."""
    flags = re.IGNORECASE if smart_case(text) else 0
    try:
        compiled = re.compile(text, flags)
    except re.error as exc:
        return SearchPattern(text, re.escape(text), flags, f"not a regex ({exc}): searched as text")
    if compiled.search("") is not None:
        # A pattern that matches nothing (`a*`, `^`) would match everywhere: find it as text.
        return SearchPattern(text, re.escape(text), flags, "matches empty text: searched as text")
    return SearchPattern(text, text, flags)


class LineMatch(NamedTuple):
    line: int
    start: int  # character offsets in the line
    end: int


def scan_lines(
    source: str, flags: int, lines: Sequence[str], first_line: int = 0, limit: int = MAX_MATCHES
) -> LineMatches:
    """Every match in `lines` (numbered from `first_line`), at most `limit` of them."""
    regex = re.compile(source, flags)
    found = LineMatches()
    add_line, add_start, add_end = found.lines.append, found.starts.append, found.ends.append
    count = 0
    for number, line in enumerate(lines, first_line):
        for match in regex.finditer(line):
            start, end = match.span()
            if start == end:
                continue
            add_line(number)
            add_start(start)
            add_end(end)
            count += 1
            if count >= limit:
                found.capped = True
                return found
    return found


def hex_bytes(text: str) -> bytes | None:
    """The bytes a pattern like `de ad` or `0xde 0xad` spells; None for any other text.

    One word of hex digits (`cafe`) is searched as text: spell bytes with spaces
    or a `0x` prefix.
    """
    stripped = text.strip()
    if not _HEX.fullmatch(stripped):
        return None
    if not (" " in stripped or "\t" in stripped or stripped.lower().startswith("0x")):
        return None
    return bytes.fromhex(stripped.lower().replace("0x", ""))


def byte_pattern(text: str) -> tuple[bytes, int, str]:
    """(regex source, flags, what is searched) for a hex dump: the bytes spelled, else the text."""
    spelled = hex_bytes(text)
    if spelled is not None:
        return re.escape(spelled), 0, "bytes " + spelled.hex(" ")
    pattern = compile_pattern(text)
    source = pattern.source.encode("utf-8", "surrogateescape")
    try:
        re.compile(source, pattern.flags)
    except re.error:  # a character class of text that has no bytes form
        source = re.escape(text.encode("utf-8", "surrogateescape"))
    said = "text" + (f" ({pattern.problem})" if pattern.problem else "")
    return source, pattern.flags, said


class ByteMatch(NamedTuple):
    start: int  # byte offsets in the data
    end: int


def scan_bytes(source: bytes, flags: int, data: bytes, limit: int = MAX_MATCHES) -> ByteMatches:
    regex = re.compile(source, flags)
    found = ByteMatches()
    for match in regex.finditer(data):
        start, end = match.span()
        if start == end:
            continue
        found.starts.append(start)
        found.ends.append(end)
        if len(found.starts) >= limit:
            found.capped = True
            break
    return found


class LineMatches:
    """Matches in line order, as columns of numbers: 100,000 of them pickle in a moment.

    Looked up by line for drawing and by position for `n` / `N`.
    """

    def __init__(self, matches: Sequence[LineMatch] = (), *, capped: bool = False) -> None:
        self.lines = array("q", (match.line for match in matches))
        self.starts = array("q", (match.start for match in matches))
        self.ends = array("q", (match.end for match in matches))
        self.capped = capped

    def __len__(self) -> int:
        return len(self.lines)

    def match(self, index: int) -> LineMatch:
        return LineMatch(self.lines[index], self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[LineMatch]:
        return map(LineMatch, self.lines, self.starts, self.ends)

    def on_line(self, line: int) -> list[LineMatch]:
        first, last = bisect_left(self.lines, line), bisect_right(self.lines, line)
        return [self.match(index) for index in range(first, last)]

    def replace_from(self, line: int, found: LineMatches) -> None:
        """The matches from `line` on were found again (more lines were loaded)."""
        cut = bisect_left(self.lines, line)
        room = max(0, MAX_MATCHES - cut)
        self.capped = found.capped or len(found) > room
        for mine, theirs in (
            (self.lines, found.lines),
            (self.starts, found.starts),
            (self.ends, found.ends),
        ):
            del mine[cut:]
            mine.extend(theirs[:room])

    def first_after(self, line: int, column: int) -> int | None:
        """The index of the first match that starts after (line, column)."""
        index = bisect_left(self.lines, line)
        while index < len(self) and self.lines[index] == line and self.starts[index] <= column:
            index += 1
        return index if index < len(self) else None

    def last_before(self, line: int, column: int) -> int | None:
        """The index of the last match that starts before (line, column)."""
        index = bisect_right(self.lines, line) - 1
        while index >= 0 and self.lines[index] == line and self.starts[index] >= column:
            index -= 1
        return index if index >= 0 else None


class ByteMatches:
    """Matches in a hex dump, looked up by row for drawing."""

    def __init__(self, matches: Sequence[ByteMatch] = (), *, capped: bool = False) -> None:
        self.starts = array("q", (match.start for match in matches))
        self.ends = array("q", (match.end for match in matches))
        self.capped = capped

    def __len__(self) -> int:
        return len(self.starts)

    def match(self, index: int) -> ByteMatch:
        return ByteMatch(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[ByteMatch]:
        return map(ByteMatch, self.starts, self.ends)

    def first_from(self, offset: int) -> int | None:
        index = bisect_left(self.starts, offset)
        return index if index < len(self) else None

    def overlapping(self, start: int, end: int) -> list[ByteMatch]:
        """The matches that cover any byte in [start, end)."""
        found: list[ByteMatch] = []
        for index in range(bisect_right(self.ends, start), len(self)):
            if self.starts[index] >= end:
                break
            found.append(self.match(index))
        return found


def count_label(current: int | None, total: int, *, capped: bool, more: bool) -> str:
    """ "3 of 41", "3 of 100,000+", "3 of 41 so far" (the file has more to load)."""
    shown = f"{total:,}+" if capped else f"{total:,}"
    if total == 0:
        head = "no match"
    elif current is None:
        head = f"{shown} match" + ("" if total == 1 and not capped else "es")
    else:
        head = f"{current + 1:,} of {shown}"
    return head + (" so far" if more else "")
