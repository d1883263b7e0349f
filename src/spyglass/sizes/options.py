"""What a sizes scan counts: disk usage or apparent size, and whether it crosses filesystems."""

from __future__ import annotations

from typing import NamedTuple

DISK_USAGE = "disk usage"
APPARENT = "apparent size"


class SizeOptions(NamedTuple):
    """du's defaults, except that other filesystems are left alone unless asked (du -x)."""

    apparent: bool = False  # st_size instead of st_blocks * 512
    cross_filesystems: bool = False

    @property
    def measure(self) -> str:
        return APPARENT if self.apparent else DISK_USAGE
