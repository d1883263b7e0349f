"""The lines of a hex dump, shared by the hex view and `spyglass cat`."""

from __future__ import annotations

BYTES_PER_LINE = 16
_PRINTABLE = bytes(range(0x20, 0x7F))


def hex_line(data: bytes, offset: int) -> tuple[str, str, str]:
    """(offset, hex bytes, printable characters) for one line of the dump."""
    chunk = data[offset : offset + BYTES_PER_LINE]
    hex_part = " ".join(f"{byte:02x}" for byte in chunk[:8])
    if len(chunk) > 8:
        hex_part += "  " + " ".join(f"{byte:02x}" for byte in chunk[8:])
    text = "".join(chr(byte) if byte in _PRINTABLE else "." for byte in chunk)
    return f"{offset:08x}", hex_part, text
