"""The backend a child sees: each read is a request to the parent, which does the IO.

The child never holds a connection or a credential; the parent's backend,
with its timeouts and byte budgets, serves every read.
"""

from __future__ import annotations

from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any, BinaryIO

from spyglass.fs.backend import Capabilities, Unsupported, Version, WriteSource
from spyglass.fs.entry import Entry
from spyglass.sandbox.wire import Answer, Ask, BackendFacts

# What a child may ask of the parent's backend: reads only, never a listing or a write.
ALLOWED_METHODS = frozenset({"read_range", "stat", "display", "join", "parent"})


class ParentBackend:
    """A read-only backend whose every call goes through the pipe to the parent."""

    def __init__(self, conn: Connection, facts: BackendFacts) -> None:
        self._conn = conn
        self.protocol = facts.protocol
        self._capabilities = facts.capabilities

    @property
    def capabilities(self) -> Capabilities:
        return self._capabilities

    def _ask(self, method: str, *args: Any) -> Any:
        self._conn.send(Ask(method, args))
        answer: Answer = self._conn.recv()
        if answer.error is not None:
            raise answer.error
        return answer.value

    def read_range(self, path: str, start: int, length: int) -> bytes:
        data: bytes = self._ask("read_range", path, start, length)
        return data

    def stat(self, path: str) -> Entry:
        entry: Entry = self._ask("stat", path)
        return entry

    def display(self, path: str) -> str:
        shown: str = self._ask("display", path)
        return shown

    def join(self, folder: str, name: str) -> str:
        joined: str = self._ask("join", folder, name)
        return joined

    def parent(self, path: str) -> str:
        above: str = self._ask("parent", path)
        return above

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        raise Unsupported("a decoder does not list folders")

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        raise Unsupported("a decoder does not list folders")

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        raise Unsupported("a decoder does not list folders")

    def open_binary(self, path: str) -> BinaryIO:
        raise Unsupported("a decoder reads through read_range")

    def version(self, path: str) -> Version:
        raise Unsupported("a decoder does not write")

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        raise Unsupported("a decoder does not write")

    def invalidate(self, path: str) -> None:
        """Nothing is cached in the child."""
