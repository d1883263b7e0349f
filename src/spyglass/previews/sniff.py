"""Guess what a file holds from its first bytes and its name."""

from __future__ import annotations

import posixpath

# (magic prefix, offset, label)
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"RIFF", 0, "riff"),
    (b"BM", 0, "bmp"),
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"\x00\x00\x01\x00", 0, "ico"),
    (b"%PDF-", 0, "pdf"),
    (b"PAR1", 0, "parquet"),
    (b"ARROW1", 0, "arrow"),
    (b"SQLite format 3\x00", 0, "sqlite"),
    (b"PK\x03\x04", 0, "zip"),
    (b"PK\x05\x06", 0, "zip"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"BZh", 0, "bzip2"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"(\xb5/\xfd", 0, "zstd"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z"),
    (b"\x7fELF", 0, "elf"),
    (b"ustar", 257, "tar"),
)

TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def magic_label(head: bytes) -> str | None:
    for prefix, offset, label in _MAGIC:
        if head[offset : offset + len(prefix)] == prefix:
            if label == "riff":
                return "webp" if head[8:12] == b"WEBP" else "riff"
            return label
    return None


def looks_binary(head: bytes) -> bool:
    """True when the bytes are not text in any common encoding.

    NUL bytes mean binary unless a UTF-16/32 byte-order mark says otherwise;
    otherwise a high share of control bytes does.
    """
    sample = head[:8192]
    if not sample:
        return False
    if sample.startswith(TEXT_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.10


def extension(name: str) -> str:
    """Lower-case extension without the dot; `.tar.gz` style doubles kept."""
    lowered = posixpath.basename(name).lower()
    for double in ("tar.gz", "tar.bz2", "tar.xz", "tar.zst"):
        if lowered.endswith("." + double):
            return double
    _, dot, ext = lowered.rpartition(".")
    return ext if dot and _ else ""
