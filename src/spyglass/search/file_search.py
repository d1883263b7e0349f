"""One file's bytes, as read within the size cap, searched line by line."""

from __future__ import annotations

from spyglass.search.line_scan import decode, is_binary, scan_lines
from spyglass.search.query import ContentQuery
from spyglass.search.results import LineMatch
from spyglass.search.tally import Tally


def search_data(
    data: bytes,
    capped: bool,
    query: ContentQuery,
    tally: Tally[LineMatch],
    path: str,
    relative: str,
) -> bool:
    """Emit the matched lines of one file; False once the limit is reached.

    Binary files (a NUL in the first 8 KiB) are skipped and counted, and so
    are files read only up to the cap (`capped`).
    """
    tally.visited += 1
    tally.byte_count += len(data)
    if capped:
        tally.capped += 1
    if is_binary(data):
        tally.binary += 1
        tally.skipped += 1
        return True
    if query.fixed and not query.ignore_case and query.pattern.encode() not in data:
        return True  # most files do not have it: no need to decode them
    lines = scan_lines(decode(data), query.regex, path, relative)
    return all(tally.match(line) for line in lines)  # stops at the limit
