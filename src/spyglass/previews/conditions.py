"""Small tests on a file to preview, combined with `&` into the rules of the previewer table."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spyglass.previews.registry import Source
from spyglass.previews.sniff import extension, magic_label


class Condition:
    """A test on a source; `a & b` holds when both hold, `a` asked first."""

    def __init__(self, test: Callable[[Source], bool]) -> None:
        self._test = test

    def __call__(self, source: Source) -> bool:
        return self._test(source)

    def __and__(self, other: Callable[[Source], bool]) -> Condition:
        return Condition(lambda source: self(source) and other(source))


def magic(*labels: str) -> Condition:
    """The first bytes are one of these formats (labels of `sniff.magic_label`)."""
    wanted = frozenset(labels)
    return Condition(lambda source: magic_label(source.head) in wanted)


def named(extensions: Iterable[str]) -> Condition:
    """The name ends in one of these extensions (lower case, without the dot)."""
    wanted = frozenset(extensions)
    return Condition(lambda source: extension(source.entry.name) in wanted)


def starts_with(*prefixes: bytes) -> Condition:
    return Condition(lambda source: source.head.startswith(prefixes))


IS_TEXT = Condition(lambda source: not source.binary)
NO_EXTENSION = Condition(lambda source: not extension(source.entry.name))
ANY_FILE = Condition(lambda source: True)
