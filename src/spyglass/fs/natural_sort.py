"""Human ordering of names: case-insensitive, and `file2` before `file10`."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that compares runs of digits as numbers.

    Each part is tagged so numbers and text never compare with each other.
    """
    parts = _DIGITS.split(name.casefold())
    key: list[tuple[int, int | str]] = []
    for index, part in enumerate(parts):
        if index % 2:
            key.append((0, int(part)))
        elif part:
            key.append((1, part))
    # A shorter name sorts first ("a" before "a1"); equal keys fall back to the exact name.
    key.append((-1, name))
    return tuple(key)
