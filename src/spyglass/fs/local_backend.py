"""Local folders through `os.scandir`: no fsspec import, one stat per entry."""

from __future__ import annotations

import errno
import os
import stat as stat_module
from collections.abc import Callable, Generator, Iterator, Sequence
from itertools import islice
from operator import add, attrgetter, methodcaller
from typing import BinaryIO, NamedTuple

from spyglass.fs.backend import Capabilities, Unsupported, Version, WriteSource
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.entry_columns import FILE, FOLDER, SPECIAL, Details, empty_details

FIRST_BATCH = 200
MAX_BATCH = 20_000
SCAN_CHUNK = 5_000
DETAILS_CHUNK = 2_000

_name = attrgetter("name")
_is_dir = methodcaller("is_dir", follow_symlinks=False)
_is_file = methodcaller("is_file", follow_symlinks=False)


def kind_of_mode(mode: int) -> Kind:
    if stat_module.S_ISDIR(mode):
        return Kind.FOLDER
    if stat_module.S_ISREG(mode):
        return Kind.FILE
    if stat_module.S_ISLNK(mode):
        return Kind.SYMLINK
    if stat_module.S_ISFIFO(mode):
        return Kind.FIFO
    if stat_module.S_ISSOCK(mode):
        return Kind.SOCKET
    if stat_module.S_ISCHR(mode):
        return Kind.CHAR_DEVICE
    if stat_module.S_ISBLK(mode):
        return Kind.BLOCK_DEVICE
    return Kind.OTHER


def _link_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink: the target does not exist"
    if exc.errno == errno.EACCES:
        return "the link target cannot be reached: permission denied"
    return f"the link target cannot be reached: {exc.strerror or exc}"


def entry_from_path(name: str, path: str, lstat: os.stat_result | None = None) -> Entry:
    """An Entry from lstat, following a link once to learn what it points to."""
    try:
        info = lstat if lstat is not None else os.lstat(path)
    except OSError as exc:
        return Entry(name, path, Kind.OTHER, error=exc.strerror or str(exc))
    target: str | None = None
    error: str | None = None
    if stat_module.S_ISLNK(info.st_mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        try:
            described = os.stat(path)  # kind, size and time are the target's
        except OSError as exc:
            error = _link_problem(exc)
            described = info
    else:
        described = info
    return Entry(
        name,
        path,
        kind_of_mode(described.st_mode) if error is None else Kind.SYMLINK,
        size=described.st_size,
        mtime=described.st_mtime,
        mode=info.st_mode,
        uid=info.st_uid,
        gid=info.st_gid,
        link_target=target,
        error=error,
    )


class Scanned(NamedTuple):
    """A folder's names and kind codes in the order the folder lists them (see entry_columns).

    `specials` are the full entries of links and special files (rare: they are
    stat'ed at once). `complete` is False when the scan stopped at its limit.
    """

    names: list[str]
    codes: bytearray
    specials: dict[int, Entry]
    complete: bool


def scan_names(path: str, limit: int | None = None) -> Scanned:
    """Names and kinds from the folder itself, with no stat for plain files and folders.

    The work per name is done by `map` over C methods, a chunk at a time: about
    a third of what building an Entry per name costs.
    """
    names: list[str] = []
    codes = bytearray()
    specials: dict[int, Entry] = {}
    prefix = os.path.join(path, "")
    complete = True
    with os.scandir(path) as items:
        while chunk := list(islice(items, SCAN_CHUNK)):
            start = len(names)
            names += map(_name, chunk)
            try:
                folders = list(map(_is_dir, chunk))
                codes += bytes(map(add, map(_is_file, chunk), map(add, folders, folders)))
            except OSError:  # an entry whose kind takes a stat, and the stat failed
                codes += bytes(_code_of(item) for item in chunk)
            while (found := codes.find(SPECIAL, start)) != -1:
                specials[found] = entry_from_path(names[found], prefix + names[found])
                start = found + 1
            if limit is not None and len(names) >= limit:
                complete = next(items, None) is None
                break
    return Scanned(names, codes, specials, complete)


def _code_of(item: os.DirEntry[str]) -> int:
    try:
        if item.is_file(follow_symlinks=False):
            return FILE
        if item.is_dir(follow_symlinks=False):
            return FOLDER
    except OSError:
        pass
    return SPECIAL


def read_details(
    prefix: str, names: Sequence[str], cancelled: Callable[[], bool] = lambda: False
) -> Details | None:
    """Size, time, mode and owner of each name (one lstat each); None when cancelled.

    A name gone since the listing gets a mode of 0: its entry stays without details.
    """
    details = empty_details()
    sizes, mtimes = details.sizes.append, details.mtimes.append
    modes, uids, gids = details.modes.append, details.uids.append, details.gids.append
    lstat = os.lstat
    for start in range(0, len(names), DETAILS_CHUNK):
        if cancelled():
            return None
        for name in names[start : start + DETAILS_CHUNK]:
            try:
                info = lstat(prefix + name)
            except OSError:
                sizes(0), mtimes(0.0), modes(0), uids(0), gids(0)
                continue
            sizes(info.st_size)
            mtimes(info.st_mtime)
            modes(info.st_mode)
            uids(info.st_uid)
            gids(info.st_gid)
    return details


class LocalBackend:
    protocol = "file"
    capabilities = Capabilities(
        names_first=True,
        local_paths=True,
        sizes_trusted=False,  # /proc and /sys files list as 0 bytes and have content
        open_files=True,
        cheap_stat=True,
        write=True,  # checked against the version just before the rename
    )

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        batch: list[Entry] = []
        limit = FIRST_BATCH
        with os.scandir(path) as entries:
            for item in entries:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    info = None
                if info is not None and stat_module.S_ISREG(info.st_mode):
                    # The common case, kept lean: 100,000 of these must list in well under a second.
                    entry = Entry(
                        item.name,
                        item.path,
                        Kind.FILE,
                        info.st_size,
                        info.st_mtime,
                        info.st_mode,
                        info.st_uid,
                        info.st_gid,
                    )
                else:
                    entry = entry_from_path(item.name, item.path, info)
                batch.append(entry)
                if len(batch) >= limit:
                    yield batch
                    batch = []
                    limit = min(limit * 4, MAX_BATCH)
        if batch:
            yield batch

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        """Names and kinds from the folder itself (no stat per entry); see `with_details`.

        Half the work of `list_batches`, so a huge folder is complete on screen sooner;
        links and special files are still stat'ed at once (they are rare).
        """
        batch: list[Entry] = []
        limit = FIRST_BATCH
        with os.scandir(path) as entries:
            for item in entries:
                try:
                    if item.is_file(follow_symlinks=False):
                        kind: Kind | None = Kind.FILE
                    elif item.is_dir(follow_symlinks=False):
                        kind = Kind.FOLDER
                    else:
                        kind = None  # a link or a special file
                except OSError:
                    kind = None
                if kind is not None:
                    batch.append(Entry(item.name, item.path, kind))
                else:
                    batch.append(entry_from_path(item.name, item.path))
                if len(batch) >= limit:
                    yield batch
                    batch = []
                    limit = min(limit * 4, MAX_BATCH)
        if batch:
            yield batch

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        """New entries with size, time, mode and owner for those `list_names_first` left bare.

        The given entries stay as they are (the tree may be drawing them); an entry
        gone since the listing is kept bare, and its preview will say so.
        """
        detailed: list[Entry] = []
        append = detailed.append
        lstat = os.lstat
        for entry in entries:
            if entry.mode is not None or entry.error is not None:
                append(entry)  # listed with its details (a link, a special file, an error)
                continue
            try:
                info = lstat(entry.path)
            except OSError:
                append(entry)
                continue
            # Positional, with the sort key carried over: this runs over 100,000 entries.
            append(
                Entry(
                    entry.name,
                    entry.path,
                    entry.kind,
                    info.st_size,
                    info.st_mtime,
                    info.st_mode,
                    info.st_uid,
                    info.st_gid,
                    entry.link_target,
                    entry.error,
                    entry.extra,
                    entry.sort_key,
                )
            )
        return detailed

    def list_recursive(self, path: str) -> Iterator[list[Entry]]:
        raise Unsupported("a local folder is walked, not listed recursively")

    def stat(self, path: str) -> Entry:
        os.lstat(path)  # raises a clear OSError when the path is missing
        return entry_from_path(os.path.basename(path.rstrip(os.sep)) or path, path)

    def read_range(self, path: str, start: int, length: int) -> bytes:
        # O_NONBLOCK keeps a fifo that slipped past the kind check from hanging the worker.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat_module.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            return os.pread(fd, length, start)
        finally:
            os.close(fd)

    def open_binary(self, path: str) -> BinaryIO:
        return open(path, "rb")

    def version(self, path: str) -> Version:
        from spyglass.fs.local_write import local_version

        return local_version(path)

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        from spyglass.fs.local_write import write_local

        return write_local(path, data, expected=expected)

    def invalidate(self, path: str) -> None:
        """Nothing is cached locally: every listing reads the folder again."""

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        raise Unsupported("the local backend does not declare running commands")

    def join(self, folder: str, name: str) -> str:
        return os.path.join(folder, name)

    def parent(self, path: str) -> str:
        return os.path.dirname(path.rstrip(os.sep)) or os.sep

    def display(self, path: str) -> str:
        home = os.path.expanduser("~")
        if home not in ("", "/") and (path == home or path.startswith(home + os.sep)):
            return "~" + path[len(home) :]
        return path
