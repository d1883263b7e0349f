"""Open a file as a stream of text: decompressed on the fly, encoding detected from a sample."""

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
    """Decompressed bytes; a stream cut by the byte budget ends quietly instead of failing."""

    def __init__(self, inner: Any, raw: RangeStream, kind: str) -> None:
        super().__init__()
        self._inner = inner
        self._raw = raw
        self._kind = kind

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return int(self._inner.readinto(buffer) or 0)
        except Exception as exc:  # zlib.error, lzma.LZMAError, zstd errors, EOFError
            if self._raw.cut:
                return 0
            raise SpyglassError(f"the {self._kind} data is corrupt: {cause_of(exc)}") from exc


def open_text(source: Source, *, limit: int) -> TextStream:
    """A text stream over the file that reads at most `limit` (compressed) bytes."""
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
    if compression is not None:
        inner = _decompressor(compression)(io.BufferedReader(raw))
        binary = _Decompressed(inner, raw, compression)
    buffered = io.BufferedReader(binary, buffer_size=SAMPLE_BYTES)
    try:
        peeked = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    except (OSError, EOFError, ValueError) as exc:
        raise SpyglassError(f"the {compression} data is corrupt: {exc}") from exc
    decoded = decode(peeked, final=len(peeked) < SAMPLE_BYTES and raw.cut is False)
    encoding = decoded.encoding
    sample = decoded.text
    if len(peeked) >= SAMPLE_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    return TextStream(text, raw, sample, encoding, compression)
