"""A backend wrapper that records every listing and read, to check IO stays within a budget."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from typing import BinaryIO

from spyglass.fs.backend import Backend, Capabilities, Unsupported, Version, WriteSource
from spyglass.fs.entry import Entry


class CountingBackend:
    """Delegates to `inner` and records each listing call and each read.

    It declares what `inner` declares, except opening files: a file object
    would read past the counts, so every read goes through `read_range`.
    """

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.protocol = inner.protocol
        self.reads: list[tuple[int, int]] = []  # (start, bytes returned), in order
        self.listings = 0

    @property
    def bytes_read(self) -> int:
        return sum(size for _, size in self.reads)

    @property
    def capabilities(self) -> Capabilities:
        return self.inner.capabilities._replace(open_files=False)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        self.listings += 1
        return self.inner.list_batches(path)

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        self.listings += 1
        return self.inner.list_names_first(path)

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        return self.inner.with_details(entries)

    def list_recursive(self, path: str) -> Iterator[list[Entry]]:
        self.listings += 1
        return self.inner.list_recursive(path)

    def open_binary(self, path: str) -> BinaryIO:
        raise Unsupported("a counting backend reads through read_range only")

    def stat(self, path: str) -> Entry:
        return self.inner.stat(path)

    def read_range(self, path: str, start: int, length: int) -> bytes:
        data = self.inner.read_range(path, start, length)
        self.reads.append((start, len(data)))
        return data

    def version(self, path: str) -> Version:
        return self.inner.version(path)

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        return self.inner.write_file(path, data, expected=expected)

    def invalidate(self, path: str) -> None:
        self.inner.invalidate(path)

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        return self.inner.run(argv, timeout=timeout, on_stderr=on_stderr)

    def join(self, folder: str, name: str) -> str:
        return self.inner.join(folder, name)

    def parent(self, path: str) -> str:
        return self.inner.parent(path)

    def display(self, path: str) -> str:
        return self.inner.display(path)
