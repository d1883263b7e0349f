"""Decode untrusted bytes and make every control character visible (ARCHITECTURE.md, rule 4)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Invalid UTF-8 sequences per KiB below which we keep UTF-8 and show replacement characters.
_FEW_BAD_PER_KIB = 2.0
_PREFERRED_LEGACY = ("cp1252", "iso8859_15", "latin_1", "cp1251", "shift_jis", "gb18030")


# Invisible format characters (Unicode category Cf, as of Unicode 15): they can make
# text read differently from what it is (bidi overrides and isolates, U+202A-U+202E,
# U+2066-U+2069), or hide in it (zero-width spaces, U+FEFF, tags). The two joiners
# U+200C and U+200D stay: emoji sequences and Persian or Indic words need them.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200B),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
KEPT_FORMAT_CHARACTERS = frozenset({0x200C, 0x200D})


def _escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # C0 controls, DEL and C1 controls (U+009B is an 8-bit CSI to many terminals).
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        if code in (0x09, 0x0A):  # tab and newline are layout, not content
            continue
        table[code] = _escape(code)
    for first, last in _FORMAT_RANGES:
        for code in range(first, last + 1):
            table[code] = _escape(code)
    # Line and paragraph separators break a line where no newline is.
    for code in (0x2028, 0x2029):
        table[code] = _escape(code)
    # Lone surrogates cannot be printed (the terminal write would fail). Names that
    # are not UTF-8 carry their bytes as U+DC80..U+DCFF (surrogateescape): show the byte.
    for code in range(0xD800, 0xE000):
        table[code] = f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else _escape(code)
    return table


_ESCAPES = _escape_table()


def _character_class(codes: Iterable[int]) -> re.Pattern[str]:
    ordered = sorted(codes)
    spans: list[tuple[int, int]] = []
    for code in ordered:
        if spans and spans[-1][1] == code - 1:
            spans[-1] = (spans[-1][0], code)
        else:
            spans.append((code, code))
    parts = [
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
        for first, last in spans
    ]
    return re.compile("[" + "".join(parts) + "]")


# Most text has nothing to escape: one regex scan is much faster than a translate.
_UNSAFE = _character_class(_ESCAPES)


def make_safe(text: str) -> str:
    """The sanitiser: every string from outside passes here before it is shown or printed.

    Control characters (C0, DEL, C1), escape sequences, bidi controls and other
    invisible format characters become visible `\\x1b`-style text. Newlines and
    tabs stay (they are layout); `safe_name` escapes them too. The result is
    plain text: it must still never be parsed as Rich markup.
    """
    return text.translate(_ESCAPES) if _UNSAFE.search(text) else text


def safe_name(name: str) -> str:
    """`make_safe` on one line: a name, a message (newlines and tabs escaped too)."""
    return make_safe(name).replace("\n", "\\n").replace("\t", "\\t")


@dataclass
class Decoded:
    text: str
    encoding: str
    bad_bytes: int
    carry: bytes  # trailing bytes of an unfinished character, kept for the next read


def _count_replacements(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _valid_non_ascii(text: str) -> int:
    """Characters that took a valid multi-byte UTF-8 sequence.

    Text in a one-byte encoding almost never forms such sequences, so when they
    outnumber the bad ones the file is UTF-8 with damage, not another encoding.
    """
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")


def _split_unfinished_utf8(data: bytes) -> tuple[bytes, bytes]:
    """Keep back a multi-byte character cut by the end of a partial read."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            continue  # continuation byte: look further back for the lead byte
        if byte & 0x80 == 0:
            return data, b""
        needed = 2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4
        if back < needed:
            return data[:-back], data[-back:]
        return data, b""
    return data, b""


def decode(data: bytes, *, final: bool, encoding: str | None = None) -> Decoded:
    """Decode with a known encoding, or detect one: BOM, UTF-8, then charset detection."""
    if encoding is not None:
        return _decode_as(data, encoding, final=final)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, final=final)
    body, carry = (data, b"") if final else _split_unfinished_utf8(data)
    try:
        return Decoded(body.decode("utf-8"), "utf-8", 0, carry)
    except UnicodeDecodeError:
        pass
    text, bad = _count_replacements(body, "utf-8")
    if bad <= max(1.0, len(body) / 1024 * _FEW_BAD_PER_KIB) or bad <= _valid_non_ascii(text):
        return Decoded(text, "utf-8", bad, carry)
    detected = _detect(data)
    return _decode_as(data, detected, final=final)


def continuation_encoding(encoding: str, head: bytes) -> str:
    """The codec for later parts of a file whose first part decoded as `encoding`.

    Only the start of a file has the byte-order mark that tells UTF-16 and
    UTF-32 their byte order, and that `utf-8-sig` removes.
    """
    if encoding == "utf-8-sig":
        return "utf-8"
    if encoding in ("utf-16", "utf-32"):
        little = codecs.BOM_UTF32_LE if encoding == "utf-32" else codecs.BOM_UTF16_LE
        return f"{encoding}-le" if head.startswith(little) else f"{encoding}-be"
    return encoding


def _detect(data: bytes) -> str:
    """The likeliest legacy encoding; among equally good guesses, the most common one.

    Short Western text scores the same in cp1250 and cp1252, and is far more
    often the latter.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:65536]))
    if not matches:
        return "cp1252"
    best = matches[0]
    tied = {
        match.encoding
        for match in matches
        if match.chaos <= best.chaos and match.coherence >= best.coherence
    }
    for preferred in _PREFERRED_LEGACY:
        if preferred in tied:
            return preferred
    return str(best.encoding)


def _decode_as(data: bytes, encoding: str, *, final: bool) -> Decoded:
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    except LookupError:
        encoding = "utf-8"
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(data, final=final)
    pending = decoder.getstate()[0] if not final else b""
    bad = text.count("\ufffd")
    return Decoded(text, encoding, bad, bytes(pending))


def split_lines(text: str) -> list[str]:
    """Lines split on newlines only, CRLF endings removed, controls escaped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [make_safe(line[:-1] if line.endswith("\r") else line) for line in lines]
