"""Lines of a file that a pattern matches, as grep reports them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spyglass.search.results import LineMatch

MAX_LINE = 1_000  # characters of a matched line kept: a minified file is one huge line
BINARY_PROBE = 8 * 1024  # a NUL in the first 8 KiB makes a file binary, as for grep


def is_binary(data: bytes) -> bool:
    return data.find(b"\0", 0, BINARY_PROBE) != -1


def decode(data: bytes) -> str:
    """UTF-8, with other bytes kept as surrogates: the sanitiser shows them as `\\xNN`."""
    return data.decode("utf-8", "surrogateescape")


def scan_lines(text: str, regex: re.Pattern[str], path: str, relative: str) -> Iterator[LineMatch]:
    """Every line of `text` the regex matches inside, with where it matched.

    A match never crosses a line end (each line is searched on its own, so `$`
    is its end), the "\\r" of a CRLF ending is not part of the line, and a
    line is cut at `MAX_LINE` characters with its spans.
    """
    search = regex.search
    size = len(text)
    position = 0
    line_number = 1
    counted_to = 0
    while position <= size:
        found = search(text, position)
        if found is None:
            return
        start = found.start()
        if start == size and size and text[size - 1] == "\n":
            return  # past the last line end there is no line
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        if line_end == -1:
            line_end = size
        spans = _spans(search, text, line_start, line_end)
        if spans is not None:
            line_number += text.count("\n", counted_to, line_start)
            counted_to = line_start
            line = text[line_start:line_end]
            if line.endswith("\r"):
                line = line[:-1]
            line = line[:MAX_LINE]
            kept = tuple((a, min(b, len(line))) for a, b in spans if a <= len(line))
            yield LineMatch(path, relative, line_number, line, kept)
        position = line_end + 1


def _spans(
    search: Callable[[str, int, int], re.Match[str] | None], text: str, start: int, end: int
) -> list[tuple[int, int]] | None:
    """Where the pattern matches within text[start:end], relative to `start`; None: nowhere."""
    spans: list[tuple[int, int]] = []
    position = start
    while position <= end:
        found = search(text, position, end)
        if found is None:
            break
        a, b = found.span()
        spans.append((a - start, b - start))
        position = b if b > a else b + 1
    return spans or None
