"""Zip and tar archives opened as folders, on local disk or inside any remote filesystem.

The archive is read through a file object of its own filesystem, so a zip on
S3 costs range reads of its central directory, not a download.
"""

from __future__ import annotations

from typing import IO, Any

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.fs.backend import Backend, Unsupported
from spyglass.fs.entry import Entry

# A compressed tar has no index: listing it decompresses every member on the way.
# Past this much decompressed data (seconds of work) the archive is not listed.
MAX_TAR_SCAN_BYTES = 1024 * 1024 * 1024

# name ending -> (fsspec protocol, tar compression)
_ARCHIVES: tuple[tuple[str, str, str | None], ...] = (
    (".zip", "zip", None),
    (".jar", "zip", None),
    (".whl", "zip", None),
    (".tar", "tar", None),
    (".tar.gz", "tar", "gzip"),
    (".tgz", "tar", "gzip"),
    (".tar.bz2", "tar", "bz2"),
    (".tbz2", "tar", "bz2"),
    (".tar.xz", "tar", "xz"),
    (".txz", "tar", "xz"),
)


def archive_kind(name: str) -> tuple[str, str | None] | None:
    """(protocol, compression) when the name is an archive spyglass opens as a folder."""
    lowered = name.lower()
    for ending, protocol, compression in sorted(_ARCHIVES, key=lambda item: -len(item[0])):
        if lowered.endswith(ending):
            return protocol, compression
    return None


class ArchiveTooBig(SpyglassError):
    """A compressed tar that would decompress past the scan budget."""


class _ScanBudget:
    """The decompressed bytes of a tar, seekable, that stop at `budget`.

    Exposes no name, so fsspec does not decompress it a second time.
    """

    def __init__(self, inner: IO[bytes], budget: int) -> None:
        self._inner = inner
        self._budget = budget

    def _check(self, position: int) -> None:
        if position > self._budget:
            raise ArchiveTooBig(
                f"the archive holds more than {human_size(self._budget)} once decompressed: "
                "too much to list"
            )

    def read(self, size: int = -1) -> bytes:
        position = self._inner.tell()
        if size >= 0:
            self._check(position + size)
            return self._inner.read(size)
        data = self._inner.read(self._budget - position + 1)
        self._check(position + len(data))
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        target = {0: offset, 1: self._inner.tell() + offset}.get(whence)
        if target is None:
            raise OSError("a compressed tar cannot be read from its end")
        self._check(target)
        return self._inner.seek(target)

    def tell(self) -> int:
        return self._inner.tell()

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._inner.close()


def _indexed_zip(handle: IO[bytes]) -> Any:
    """fsspec's zip filesystem whose folder listings cost the folder, not the archive.

    fsspec's own `ls` walks every member of the archive for every folder it lists
    and copies every field of each: 100,000 members took seconds a folder.
    Here one pass makes each folder's children, once.
    """
    from fsspec.implementations.zip import ZipFileSystem

    class IndexedZipFileSystem(ZipFileSystem):  # type: ignore[misc]
        _folders: dict[str, dict[str, dict[str, Any]]] | None = None

        def _index_folders(self) -> dict[str, dict[str, dict[str, Any]]]:
            if self._folders is None:
                folders: dict[str, dict[str, dict[str, Any]]] = {"": {}}
                for member in self.zip.infolist():
                    name = member.filename.strip("/")
                    if not name:
                        continue
                    kind = "directory" if member.is_dir() else "file"
                    info = {"name": name, "size": 0 if kind == "directory" else member.file_size}
                    info["type"] = kind
                    while name:
                        parent = name.rpartition("/")[0]
                        siblings = folders.setdefault(parent, {})
                        if name in siblings:
                            break  # this folder and those above it are known
                        siblings[name] = info
                        if info["type"] == "directory":
                            folders.setdefault(name, {})
                        name = parent
                        info = {"name": name, "size": 0, "type": "directory"}
                self._folders = folders
            return self._folders

        def ls(self, path: str, detail: bool = True, **kwargs: Any) -> Any:
            children = self._index_folders().get(self._strip_protocol(path).strip("/"))
            if children is None:  # a file, or nothing: fsspec says which
                return super().ls(path, detail=detail, **kwargs)
            infos = sorted(children.values(), key=lambda info: str(info["name"]))
            return infos if detail else [info["name"] for info in infos]

    return IndexedZipFileSystem(fo=handle)


def _decompressed(handle: IO[bytes], compression: str) -> Any:
    if compression == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=handle, mode="rb")
    if compression == "bz2":
        import bz2

        return bz2.BZ2File(handle, mode="rb")
    import lzma

    return lzma.LZMAFile(handle, mode="rb")


def open_archive(
    backend: Backend,
    entry: Entry,
    timeout: float | None = None,
    *,
    scan_budget: int = MAX_TAR_SCAN_BYTES,
) -> Backend:
    """A backend whose root ("") is the inside of the archive. Blocks: call from a worker.

    A compressed tar that holds more than `scan_budget` bytes once decompressed
    raises `ArchiveTooBig` instead of being decompressed to its end.
    """
    kind = archive_kind(entry.name)
    if kind is None:
        raise ValueError(f"{entry.name} is not an archive")
    if not backend.capabilities.open_files:
        raise Unsupported("this filesystem can read ranges of a file but not open it")
    protocol, compression = kind
    from fsspec.implementations.tar import TarFileSystem

    from spyglass.fs.fsspec_backend import FsspecBackend

    handle = backend.open_binary(entry.path)
    fs: Any
    if protocol == "zip":
        fs = _indexed_zip(handle)
    elif compression is None:
        fs = TarFileSystem(fo=handle)
    else:
        fs = TarFileSystem(fo=_ScanBudget(_decompressed(handle, compression), scan_budget))
    return FsspecBackend(fs, protocol, timeout=timeout, inside=backend.display(entry.path))
