"""A zip archive whose members stop at a cap of decompressed bytes.

A zip member of 400 KB can expand to gigabytes. Python's zipfile never yields
more than a member's declared size, so the declared sizes are checked first;
what is read past the cap (a big declared size, read in part) stops with
`MemberTooBig` at the cap, not at the end of the member.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import IO, Any, Literal

from spyglass.errors import SpyglassError
from spyglass.format import human_size


class MemberTooBig(SpyglassError):
    """A member gave more than the cap of decompressed bytes."""

    def __init__(self, name: str, cap: int) -> None:
        super().__init__(f"{name} takes more than {human_size(cap)} once decompressed")
        self.name = name
        self.cap = cap


class _CappedMember(io.RawIOBase):
    def __init__(self, inner: IO[bytes], name: str, cap: int) -> None:
        super().__init__()
        self._inner = inner
        self._name = name
        self._left = cap
        self._cap = cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        # One byte past the cap tells a member that fits from one that does not.
        data = self._inner.read(min(len(view), self._left + 1))
        if len(data) > self._left:
            raise MemberTooBig(self._name, self._cap)
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class CappedZipFile(zipfile.ZipFile):
    """Reads members (`open`, `read`) through a cap of decompressed bytes each: `cap_of(name)`."""

    def __init__(self, file: IO[bytes], cap_of: Callable[[str], int]) -> None:
        super().__init__(file)
        self.cap_of = cap_of

    def declared_size(self, name: str) -> int:
        return self.getinfo(name).file_size

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        inner = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode != "r":
            return inner
        member = name.filename if isinstance(name, zipfile.ZipInfo) else name
        return io.BufferedReader(_CappedMember(inner, member, self.cap_of(member)))
