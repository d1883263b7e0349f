"""Rules say which previewer fits a file; they are tried in order and the first fit loads it.

The rules are kept in tiers, from the surest to the fallbacks; within a tier they
keep the order they were added in. `spyglass.previews.builtin` holds the table
of the previewers that ship with spyglass.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property
from typing import Protocol

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import Preview
from spyglass.previews.sniff import looks_binary


@dataclass
class Source:
    """A file to preview, with the first bytes already read (at most the budget)."""

    backend: Backend
    entry: Entry
    head: bytes
    max_bytes: int
    options: PreviewOptions = field(default_factory=PreviewOptions)

    @property
    def complete(self) -> bool:
        """True when `head` holds the whole file."""
        size = self.entry.size
        if size is not None:
            return len(self.head) >= size
        return len(self.head) < self.max_bytes

    @cached_property
    def binary(self) -> bool:
        """True when the first bytes are not text; asked by many rules, worked out once."""
        return looks_binary(self.head)


class Previewer(Protocol):
    name: str
    # Formats read where their index says (with range requests): the loader then
    # reads only enough to recognise them, not the whole budget.
    random_access_extensions: frozenset[str] = frozenset()

    def load(self, source: Source) -> Preview:
        """Build the preview; may raise, and the next fitting previewer is tried."""
        ...


class Tier(IntEnum):
    """How sure a rule is; every rule of a tier is tried before any of the next."""

    MAGIC = 1  # the first bytes prove the format
    NAME = 2  # the name says it, and the bytes do not say otherwise
    CONTENT = 3  # the content looks like it
    HINT = 4  # only the name hints at it: tried after anything that fits better
    FALLBACK = 5  # shows any file: text, then hex


@dataclass(frozen=True)
class Rule:
    """`previewer` fits a file when `fits` says so, as sure as `tier` says."""

    tier: Tier
    previewer: Previewer
    fits: Callable[[Source], bool]


log = logging.getLogger(__name__)


class RuleTable:
    """Rules in the order they are tried: by tier, then in the order they were added."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: list[Rule] = []
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> None:
        """Add a rule after the others of its tier: its tier says where it goes."""
        for existing in self._rules:
            same_name = existing.previewer.name == rule.previewer.name
            if same_name and existing.previewer is not rule.previewer:
                raise ValueError(f"a previewer named {rule.previewer.name!r} is already registered")
        after = [index for index, existing in enumerate(self._rules) if existing.tier <= rule.tier]
        self._rules.insert(after[-1] + 1 if after else 0, rule)

    def rules(self) -> list[Rule]:
        return list(self._rules)

    def candidates(self, source: Source) -> list[Previewer]:
        """The previewers that fit, best first: each where its first fitting rule puts it."""
        chosen: list[Previewer] = []
        ruled_out: set[str] = set()
        for rule in self._rules:
            previewer = rule.previewer
            if previewer.name in ruled_out or any(item is previewer for item in chosen):
                continue
            try:
                fits = rule.fits(source)
            except Exception:  # a previewer that fails while sniffing a bad file does not fit it
                log.debug("%s failed to sniff %s", previewer.name, source.entry.path, exc_info=True)
                ruled_out.add(previewer.name)
                continue
            if fits:
                chosen.append(previewer)
        return chosen

    def previewers(self) -> list[Previewer]:
        """Every previewer once, in the order of its first rule."""
        seen: list[Previewer] = []
        for rule in self._rules:
            if not any(item is rule.previewer for item in seen):
                seen.append(rule.previewer)
        return seen


# The rules the loader uses: `spyglass.previews.builtin` fills it.
_TABLE = RuleTable()


def register(rule: Rule) -> None:
    _TABLE.register(rule)


def rules() -> list[Rule]:
    """Every rule, in the order they are tried."""
    return _TABLE.rules()


def candidates(source: Source) -> list[Previewer]:
    return _TABLE.candidates(source)


def registered() -> list[Previewer]:
    return _TABLE.previewers()
