"""How much memory and time one decode may take."""

from __future__ import annotations

from typing import NamedTuple

MIB = 1024 * 1024
DEFAULT_MEMORY_BYTES = 512 * MIB
DEFAULT_SECONDS = 10.0


class Limits(NamedTuple):
    """The caps of one decode: resident memory of the child, and seconds of work.

    Time spent waiting for the parent's reads (a slow server) does not count:
    reads have their own timeouts.
    """

    memory_bytes: int = DEFAULT_MEMORY_BYTES
    seconds: float = DEFAULT_SECONDS
