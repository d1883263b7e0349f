"""What one listing call tells about a file, folder or link."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from spyglass.fs.natural_sort import natural_key


class Kind(enum.Enum):
    FILE = "file"
    FOLDER = "folder"
    SYMLINK = "symlink"  # a link whose target is missing or loops
    FIFO = "fifo"
    SOCKET = "socket"
    CHAR_DEVICE = "character device"
    BLOCK_DEVICE = "block device"
    OTHER = "other"

    @property
    def is_special(self) -> bool:
        return self in {Kind.FIFO, Kind.SOCKET, Kind.CHAR_DEVICE, Kind.BLOCK_DEVICE, Kind.OTHER}


@dataclass(slots=True)
class Entry:
    """One item of a folder listing.

    `kind` is what the entry resolves to (a link to a folder is a FOLDER with
    `link_target` set); a link that cannot be followed is a SYMLINK with an
    `error` saying why.
    """

    name: str
    path: str
    kind: Kind
    size: int | None = None
    mtime: float | None = None
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    link_target: str | None = None
    error: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    sort_key: str = ""
    is_hidden: bool = False

    def __post_init__(self) -> None:
        # Folders first ("0" < "1"), then natural order; computed once, in the listing worker.
        if not self.sort_key:
            prefix = "0" if self.kind is Kind.FOLDER else "1"
            self.sort_key = prefix + natural_key(self.name)
        self.is_hidden = self.name.startswith(".")

    @property
    def is_folder(self) -> bool:
        return self.kind is Kind.FOLDER

    @property
    def is_link(self) -> bool:
        return self.link_target is not None
