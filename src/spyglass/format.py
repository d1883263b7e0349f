"""How sizes, times, modes and owners are written on screen."""

from __future__ import annotations

import functools
import stat
import time

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def human_size(size: int | None) -> str:
    if size is None:
        return "-"
    if size < 1024:
        return f"{size:,} B"
    value = float(size)
    for unit in _UNITS[1:]:
        value /= 1024
        shown = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
        # Compare what is printed: 1,048,572 bytes is "1.0 MiB", not "1024 KiB".
        if float(shown) < 1024 or unit == _UNITS[-1]:
            return f"{shown} {unit}"
    return f"{size} B"


def human_time(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def permissions(mode: int | None) -> str:
    return stat.filemode(mode) if mode is not None else "-"


@functools.lru_cache(maxsize=256)
def owner_name(uid: int | None) -> str:
    if uid is None:
        return "-"
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


@functools.lru_cache(maxsize=256)
def group_name(gid: int | None) -> str:
    if gid is None:
        return "-"
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def count(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
