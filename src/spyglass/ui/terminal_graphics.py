"""Which image protocol the terminal speaks, and the escape sequences for Kitty and Sixel.

Detection reads the environment only: querying the terminal would race with
Textual's input thread. Inside tmux the half-block fallback is used unless a
protocol is forced (Kitty then goes through tmux passthrough).
"""

from __future__ import annotations

import base64
import io
import os
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PIL import Image

_KITTY_TERMS = {"xterm-kitty", "xterm-ghostty"}
_KITTY_PROGRAMS = {"ghostty"}
_SIXEL_TERMS = {"foot", "foot-extra", "mlterm", "contour", "yaft-256color"}
_SIXEL_PROGRAMS = {"WezTerm", "iTerm.app", "mintty", "Black Box"}
_KITTY_CHUNK = 4096
KITTY_PLACEHOLDER = "\U0010eeee"
# Row and column numbers of Kitty placeholder cells, as combining marks.
_DIACRITIC_CODES = """
0305 030D 030E 0310 0312 033D 033E 033F 0346 034A 034B 034C 0350 0351 0352 0357 035B 0363
0364 0365 0366 0367 0368 0369 036A 036B 036C 036D 036E 036F 0483 0484 0485 0486 0487 0592
0593 0594 0595 0597 0598 0599 059C 059D 059E 059F 05A0 05A1 05A8 05A9 05AB 05AC 05AF 05C4
0610 0611 0612 0613 0614 0615 0616 0617 0657 0658 0659 065A 065B 065D 065E 06D6 06D7 06D8
06D9 06DA 06DB 06DC 06DF 06E0 06E1 06E2 06E4 06E7 06E8 06EB 06EC 0730 0732 0733 0735 0736
073A 073D 073F 0740 0741 0743 0745 0747 0749 074A 07EB 07EC 07ED 07EE 07EF 07F0 07F1 07F3
0816 0817 0818 0819 081B 081C 081D 081E 081F 0820 0821 0822 0823 0825 0826 0827 0829 082A
082B 082C 082D 0951 0953 0954 0F82 0F83 0F86 0F87 135D 135E 135F 17DD 193A 1A17 1A75 1A76
1A77 1A78 1A79 1A7A 1A7B 1A7C 1B6B 1B6D 1B6E 1B6F 1B70 1B71 1B72 1B73 1CD0 1CD1 1CD2 1CDA
1CDB 1CE0 1DC0 1DC1 1DC3 1DC4 1DC5 1DC6 1DC7 1DC8 1DC9 1DCB 1DCC 1DD1 1DD2 1DD3 1DD4 1DD5
"""
_DIACRITICS = [int(code, 16) for code in _DIACRITIC_CODES.split()]
MAX_KITTY_CELLS = len(_DIACRITICS)


class CellSize(NamedTuple):
    width: int
    height: int


def detect_protocol(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """`kitty`, `sixel` or `halfblock` for a setting of auto|kitty|sixel|halfblock."""
    if setting in ("kitty", "sixel", "halfblock"):
        return setting
    env = os.environ if environ is None else environ
    if env.get("TMUX") or env.get("TERM", "").startswith(("screen", "tmux")):
        return "halfblock"
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if term in _KITTY_TERMS or program in _KITTY_PROGRAMS or env.get("KITTY_WINDOW_ID"):
        return "kitty"
    if term in _SIXEL_TERMS or program in _SIXEL_PROGRAMS or env.get("KONSOLE_VERSION"):
        return "sixel"
    if env.get("WT_SESSION"):
        return "sixel"
    return "halfblock"


def cell_size() -> CellSize:
    """Pixels per cell from the tty's window size, or the usual 10 by 20 when unknown."""
    try:
        import fcntl
        import struct
        import termios

        stream = sys.__stdout__
        if stream is None or not stream.isatty():
            raise OSError("not a terminal")
        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        rows, cols, width, height = struct.unpack("HHHH", packed)
        if rows and cols and width and height:
            return CellSize(max(1, width // cols), max(1, height // rows))
    except (ImportError, OSError, ValueError):
        pass
    return CellSize(10, 20)


def _tmux_wrap(sequence: str) -> str:
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def kitty_transmit(image: Image.Image, image_id: int, cols: int, rows: int, tmux: bool) -> str:
    """Escape sequences that send the image as PNG and place it on placeholder cells."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    data = base64.standard_b64encode(buffer.getvalue()).decode("ascii")
    parts = [f"\x1b_Ga=d,d=I,i={image_id},q=2\x1b\\"]
    first = True
    while data or first:
        chunk, data = data[:_KITTY_CHUNK], data[_KITTY_CHUNK:]
        more = 1 if data else 0
        keys = f"a=t,f=100,i={image_id},q=2,m={more}" if first else f"m={more}"
        parts.append(f"\x1b_G{keys};{chunk}\x1b\\")
        first = False
    parts.append(f"\x1b_Ga=p,U=1,i={image_id},c={cols},r={rows},q=2\x1b\\")
    if tmux:
        return "".join(_tmux_wrap(part) for part in parts)
    return "".join(parts)


def kitty_placeholder_row(row: int, cols: int) -> str:
    """One row of placeholder cells; the foreground colour carries the image id."""
    mark = chr(_DIACRITICS[row])
    return "".join(KITTY_PLACEHOLDER + mark + chr(_DIACRITICS[col]) for col in range(cols))


_RUN = re.compile(rb"(.)\1{3,}")


def _run_length(match: re.Match[bytes]) -> bytes:
    run = match.group(0)
    return b"!%d" % len(run) + run[:1]


def sixel_encode(image: Image.Image, background: tuple[int, int, int]) -> str:
    """The image as a Sixel sequence, at most 255 colours, transparency on `background`."""
    import numpy as np
    from PIL import Image as PILImage

    if image.mode == "RGBA":
        base = PILImage.new("RGBA", image.size, (*background, 255))
        image = PILImage.alpha_composite(base, image)
    quantized = image.convert("RGB").quantize(colors=255, method=PILImage.Quantize.MEDIANCUT)
    palette = quantized.getpalette() or []
    width, height = quantized.size
    indexes = np.frombuffer(quantized.tobytes(), dtype=np.uint8).reshape(height, width)
    out = [f'\x1bP0;1;0q"1;1;{width};{height}']
    colors = len(palette) // 3
    for index in range(colors):
        red, green, blue = palette[index * 3 : index * 3 + 3]
        out.append(f"#{index};2;{red * 100 // 255};{green * 100 // 255};{blue * 100 // 255}")
    columns = np.arange(width)
    body: list[bytes] = []
    for top in range(0, height, 6):
        band = indexes[top : top + 6]
        bits = np.zeros((256, width), dtype=np.uint8)
        for offset in range(band.shape[0]):
            bits[band[offset], columns] |= np.uint8(1 << offset)
        present = np.flatnonzero(bits.any(axis=1))
        pieces = []
        for color in present:
            line = (bits[color] + 63).tobytes().rstrip(b"?")
            pieces.append(b"#%d" % color + _RUN.sub(_run_length, line))
        body.append(b"$".join(pieces) + b"-")
    out.append(b"".join(body).decode("ascii"))
    out.append("\x1b\\")
    return "".join(out)
