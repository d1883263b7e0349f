"""Tasks for the sandbox tests: each misbehaves the way a decoder can."""

from __future__ import annotations

import ctypes
import os
import sys
import time

from spyglass.fs.backend import Backend


def add(a: int, b: int) -> int:
    return a + b


def fail(message: str) -> None:
    raise ValueError(message)


def read_through(backend: Backend, path: str, start: int, length: int) -> bytes:
    return backend.read_range(path, start, length)


def list_through(backend: Backend, path: str) -> object:
    return list(backend.list_batches(path))


def ask_forbidden(backend: Backend, path: str) -> object:
    return backend._ask("invalidate", path)  # type: ignore[attr-defined]


def spin() -> None:
    while True:
        pass


def hog(step: int) -> None:
    """Grows by `step` bytes at a time, touching every page, until stopped."""
    kept = []
    while True:
        kept.append(bytearray(step))
        time.sleep(0.001)


def one_huge(size: int) -> int:
    return len(bytearray(size))


def crash() -> None:
    ctypes.string_at(0)  # a segmentation fault, as a C decoder might have


def chatter(text: str) -> int:
    print(text)
    print(text, file=sys.stderr)
    os.write(2, text.encode())
    return os.getpid()


def pid() -> int:
    return os.getpid()
