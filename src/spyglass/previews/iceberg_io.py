"""pyiceberg's file access, in the sandbox child, through the parent's backend.

An Iceberg table names its files by absolute URI (`s3://b/t/metadata/...`,
`file:///...`): a URI under the table's own location is read at the same
place under the folder it was found in, whatever backend that is; any other
is refused. Every byte is read by the parent, within a budget for the table.
"""

from __future__ import annotations

import io
from typing import Any

from pyiceberg.io import FileIO, InputFile, InputStream, OutputFile

from spyglass.fs.backend import Backend
from spyglass.previews.lake_snapshot import LakeUnreadable

MAX_METADATA_BYTES = 64 * 1024 * 1024


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise LakeUnreadable(f"its metadata is larger than {MAX_METADATA_BYTES // 2**20} MiB")


class BackendInputFile(InputFile):
    def __init__(self, location: str, backend: Backend, path: str, budget: _Budget) -> None:
        super().__init__(location)
        self._backend = backend
        self._path = path
        self._budget = budget
        self._size: int | None = None

    def __len__(self) -> int:
        if self._size is None:
            self._size = self._backend.stat(self._path).size or 0
        return self._size

    def exists(self) -> bool:
        try:
            len(self)
        except Exception:  # any failure to stat is "not there" to pyiceberg
            return False
        return True

    def open(self, seekable: bool = True) -> InputStream:
        size = len(self)
        self._budget.take(size)
        return io.BytesIO(self._backend.read_range(self._path, 0, size))


class BackendFileIO(FileIO):
    """Reads only, only under `location` (the table's), mapped to `root` on `backend`."""

    def __init__(self, backend: Backend, root: str, location: str) -> None:
        super().__init__({})
        self._backend = backend
        self._root = root
        self._location = location.rstrip("/")
        self._budget = _Budget(MAX_METADATA_BYTES)

    def path_of(self, location: str) -> str:
        """The backend path of a URI under the table's location."""
        prefix = self._location + "/"
        if not location.startswith(prefix):
            raise LakeUnreadable("it names a file outside its folder")
        relative = location[len(prefix) :]
        if any(part in ("", "..") for part in relative.split("/")):
            raise LakeUnreadable("it names a file outside its folder")
        return self._backend.join(self._root, relative)

    def new_input(self, location: str) -> InputFile:
        return BackendInputFile(location, self._backend, self.path_of(location), self._budget)

    def new_output(self, location: str) -> OutputFile:
        raise LakeUnreadable("a preview does not write")

    def delete(self, location: Any) -> None:
        raise LakeUnreadable("a preview does not write")
