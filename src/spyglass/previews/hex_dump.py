"""The lines of a hex dump, shared by the hex view and `spyglass cat`."""

from __future__ import annotations

BYTES_PER_LINE = 16
# Printable ASCII stays, every other byte shows as a dot: one `translate` a line.
_SHOWN = bytes(byte if 0x20 <= byte < 0x7F else 0x2E for byte in range(256))


def hex_line(data: bytes, offset: int) -> tuple[str, str, str]:
    """(offset, hex bytes, printable characters) for one line of the dump."""
    chunk = data[offset : offset + BYTES_PER_LINE]
    hex_part = chunk[:8].hex(" ")
    if len(chunk) > 8:
        hex_part += "  " + chunk[8:].hex(" ")
    return f"{offset:08x}", hex_part, chunk.translate(_SHOWN).decode("ascii")
