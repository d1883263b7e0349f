"""Open a file as a stream of text: decompressed on the fly, encoding detected from a sample.

The stream ends at the byte budget twice over: at most `limit` bytes are read
from the file, and at most `limit` bytes come out of the decompressor, so a
1 KB bomb that expands to gigabytes costs what a plain file of the budget
costs, and no line (however long) is held in memory past the budget.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.fs.range_stream import RangeStream
from spyglass.previews.registry import Source
from spyglass.previews.sniff import magic_label
from spyglass.safe_text import decode

SAMPLE_BYTES = 64 * 1024
COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}


@dataclass
class TextStream:
    text: io.TextIOWrapper
    raw: RangeStream
    sample: str  # the first decoded characters, up to the last whole line
    encoding: str
    compression: str | None
    limit: int  # the budget, of file bytes and of decompressed bytes alike
    decompressed: _Decompressed | None = None

    @property
    def cut(self) -> bool:
        """True when the budget ended the stream before the file's end."""
        return self.raw.cut or (self.decompressed is not None and self.decompressed.cut)


def compression_of(name: str) -> tuple[str, str | None]:
    """(name without the compression suffix, compression) from a file name."""
    lowered = name.lower()
    for suffix, kind in COMPRESSED_SUFFIXES.items():
        if lowered.endswith(suffix):
            return name[: -len(suffix)], kind
    return name, None


def _decompressor(kind: str) -> Callable[[Any], Any]:
    if kind == "gzip":
        import gzip

        return lambda raw: gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "bzip2":
        import bz2

        return lambda raw: bz2.BZ2File(raw, mode="rb")
    if kind == "xz":
        import lzma

        return lambda raw: lzma.LZMAFile(raw, mode="rb")
    try:
        import zstandard
    except ImportError as exc:
        raise SpyglassError("reading .zst files needs the zstandard package") from exc
    return lambda raw: zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)


class _Decompressed(io.RawIOBase):
    """At most `limit` decompressed bytes; a stream cut by a budget ends quietly, not failing."""

    def __init__(self, inner: Any, raw: RangeStream, kind: str, limit: int) -> None:
        super().__init__()
        self._inner = inner
        self._raw = raw
        self._kind = kind
        self._left = limit
        self.cut = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._left <= 0:
            # One byte more tells a stream that ends at the budget from one cut by it.
            self.cut = self.cut or bool(self._read(memoryview(bytearray(1))))
            return 0
        got = self._read(view[: self._left])
        self._left -= got
        return got

    def _read(self, view: memoryview) -> int:
        try:
            return int(self._inner.readinto(view) or 0)
        except Exception as exc:  # zlib.error, lzma.LZMAError, zstd errors, EOFError
            if self._raw.cut:
                return 0
            raise SpyglassError(f"the {self._kind} data is corrupt: {cause_of(exc)}") from exc


def open_text(source: Source, *, limit: int) -> TextStream:
    """A text stream over at most `limit` bytes of the file, and `limit` bytes decompressed."""
    _, compression = compression_of(source.entry.name)
    if compression is not None and magic_label(source.head) != compression:
        raise SpyglassError(f"the name says {compression} but the data is not {compression}")
    raw = RangeStream(
        source.backend,
        source.entry.path,
        head=source.head[:limit],
        head_complete=source.complete and len(source.head) <= limit,
        limit=limit,
    )
    binary: Any = raw
    decompressed = None
    if compression is not None:
        inner = _decompressor(compression)(io.BufferedReader(raw))
        binary = decompressed = _Decompressed(inner, raw, compression, limit)
    buffered = io.BufferedReader(binary, buffer_size=SAMPLE_BYTES)
    try:
        peeked = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    except (OSError, EOFError, ValueError) as exc:
        raise SpyglassError(f"the {compression} data is corrupt: {exc}") from exc
    ended = len(peeked) < SAMPLE_BYTES and not raw.cut
    decoded = decode(peeked, final=ended and (decompressed is None or not decompressed.cut))
    encoding = decoded.encoding
    sample = decoded.text
    if len(peeked) >= SAMPLE_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    return TextStream(text, raw, sample, encoding, compression, limit, decompressed)
