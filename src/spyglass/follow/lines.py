"""Bytes of a log as sanitised lines with their offsets, read forwards or backwards in ranges.

Decoding follows the text preview: the encoding is found once from the file's
start (BOM, UTF-8 with replacement characters, else the likeliest legacy
codec), every line is decoded with replacement and passes `make_safe`, and a
CRLF ending is dropped. Lines are split on the encoded newline, so an offset
is always the start of a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from spyglass.fs.backend import Backend
from spyglass.safe_text import continuation_encoding, decode, make_safe

SAMPLE_BYTES = 64 * 1024
BLOCK_BYTES = 64 * 1024  # one backward read
MAX_LINE_BYTES = 64 * 1024  # a longer line is cut into pieces of this size


@dataclass(frozen=True, slots=True)
class LineCodec:
    encoding: str
    newline: bytes

    @classmethod
    def sniff(cls, head: bytes) -> LineCodec:
        decoded = decode(head[:SAMPLE_BYTES], final=False)
        encoding = continuation_encoding(decoded.encoding, head)
        try:
            newline = "\n".encode(encoding)
        except (LookupError, UnicodeError):
            encoding, newline = "utf-8", b"\n"
        return cls(encoding, newline)

    def text(self, raw: bytes) -> str:
        line = raw.decode(self.encoding, errors="replace")
        return make_safe(line[:-1] if line.endswith("\r") else line)

    def split(self, data: bytes, start: int) -> tuple[list[str], list[int], bytes]:
        """The whole lines of `data` (which begins at byte `start`) and what is left after them.

        A piece longer than `MAX_LINE_BYTES` without a newline becomes a line of its
        own, so what is held back never grows past that.
        """
        lines: list[str] = []
        offsets: list[int] = []
        step = len(self.newline)
        at = 0
        size = len(data)
        while at < size:
            cut = data.find(self.newline, at, at + MAX_LINE_BYTES + step)
            if cut < 0:
                if size - at <= MAX_LINE_BYTES:
                    break
                cut, after = at + MAX_LINE_BYTES, at + MAX_LINE_BYTES
            else:
                after = cut + step
            lines.append(self.text(data[at:cut]))
            offsets.append(start + at)
            at = after
        return lines, offsets, data[at:]


def sniff_codec(backend: Backend, path: str) -> LineCodec:
    return LineCodec.sniff(backend.read_range(path, 0, SAMPLE_BYTES))


def lines_before(
    backend: Backend, path: str, codec: LineCodec, end: int, count: int, *, max_bytes: int
) -> tuple[list[str], list[int]]:
    """The last `count` whole lines that end at or before byte `end` (a line start).

    Reads backwards in blocks, never more than `max_bytes` in all.
    """
    data = b""
    start = end
    while start > 0 and end - start < max_bytes:
        size = min(BLOCK_BYTES, start, max_bytes - (end - start))
        start -= size
        data = backend.read_range(path, start, size) + data
        if data.count(codec.newline) > count:
            break
    if start > 0:  # the first piece may be the end of an earlier line: drop it
        cut = data.find(codec.newline)
        if cut < 0:
            return [], []
        data, start = data[cut + len(codec.newline) :], start + cut + len(codec.newline)
    lines, offsets, _ = codec.split(data, start)
    return lines[-count:], offsets[-count:]


def lines_after(
    backend: Backend, path: str, codec: LineCodec, start: int, count: int, *, max_bytes: int
) -> tuple[list[str], list[int], int]:
    """Up to `count` whole lines from byte `start`, and the byte after the last of them."""
    data = backend.read_range(path, start, max_bytes)
    lines, offsets, rest = codec.split(data, start)
    if len(lines) > count:
        return lines[:count], offsets[:count], offsets[count]
    return lines, offsets, start + len(data) - len(rest)
