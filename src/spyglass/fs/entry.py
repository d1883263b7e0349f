"""What one listing call tells about a file, folder or link."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spyglass.fs.natural_sort import natural_key
from spyglass.safe_text import safe_name


class _NoExtra(Mapping[str, object]):
    """The extra fields of an entry that has none: read-only, one for all, picklable.

    A dict per entry would be 100,000 more objects for the collector in a big folder.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> object:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> str:
        return "NO_EXTRA"  # pickle and copy give back this one


NO_EXTRA: Mapping[str, object] = _NoExtra()


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


@dataclass(slots=True, init=False)
class Entry:
    """One item of a folder listing.

    `kind` is what the entry resolves to (a link to a folder is a FOLDER with
    `link_target` set); a link that cannot be followed is a SYMLINK with an
    `error` saying why.
    """

    name: str
    path: str
    kind: Kind
    size: int | None
    mtime: float | None
    mode: int | None
    uid: int | None
    gid: int | None
    link_target: str | None
    error: str | None
    extra: Mapping[str, object]
    sort_key: str
    is_hidden: bool

    # Written out rather than generated with a __post_init__: a big folder builds
    # 100,000 of these, and twice when the details come after the names.
    def __init__(
        self,
        name: str,
        path: str,
        kind: Kind,
        size: int | None = None,
        mtime: float | None = None,
        mode: int | None = None,
        uid: int | None = None,
        gid: int | None = None,
        link_target: str | None = None,
        error: str | None = None,
        extra: Mapping[str, object] = NO_EXTRA,
        sort_key: str = "",
        is_hidden: bool = False,  # always worked out from the name; here for dataclasses.replace
    ) -> None:
        self.name = name
        self.path = path
        self.kind = kind
        self.size = size
        self.mtime = mtime
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.link_target = link_target
        self.error = safe_name(error) if error else error  # shown as it is, everywhere
        self.extra = extra
        # Folders first ("0" < "1"), then natural order; computed once, in the listing worker.
        self.sort_key = sort_key or ("0" if kind is Kind.FOLDER else "1") + natural_key(name)
        self.is_hidden = name.startswith(".")

    @property
    def is_folder(self) -> bool:
        return self.kind is Kind.FOLDER

    @property
    def is_link(self) -> bool:
        return self.link_target is not None
