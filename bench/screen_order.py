"""Whether a list on screen shows its final order: names read top to bottom against the truth.

A folder that is still being listed can show entries early and re-sort them
later; these tests pass only once the rows on screen are the first (or last)
rows of the finished, sorted folder, so a figure times the final screen, not
the first pixel.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bench.subjects import Subject
from bench.terminal import Predicate, ScreenView

INPUT_EDGE = "▊"  # Textual draws an input's left edge with it: that line is typed text, not a row
INPUT_RIGHT_EDGE = "▎"
BOX_EDGES = set("▔▁")
AT_LEAST = 20  # rows in order that make a screen (every subject shows more at 120x40)


@dataclass(frozen=True)
class Numbered:
    """A folder's names in their final order: `entry(0)` first, `entry(count - 1)` last."""

    count: int
    entry: Callable[[int], str]
    pattern: re.Pattern[str]  # finds one name in a screen line


def names_on_screen(view: ScreenView, subject: Subject, pattern: re.Pattern[str]) -> list[str]:
    """The names of the list, top to bottom (first and last lines are the app's bars)."""
    names = []
    for line in view.lines[1:-1]:
        text = subject.tree_text(line)
        if INPUT_EDGE in text:
            continue
        found = pattern.search(text)
        if found is not None:
            names.append(found.group())
    return names


def shows_head(subject: Subject, folder: Numbered, at_least: int = AT_LEAST) -> Predicate:
    """The first entry in sorted order and the ones after it, in order, and no others."""
    wanted = min(folder.count, at_least)

    def predicate(view: ScreenView) -> bool:
        names = names_on_screen(view, subject, folder.pattern)
        if len(names) < wanted or len(names) > folder.count:
            return False
        return all(name == folder.entry(index) for index, name in enumerate(names))

    return predicate


def shows_tail(subject: Subject, folder: Numbered, at_least: int = AT_LEAST) -> Predicate:
    """The last entry in sorted order and the ones before it, in order, and no others."""
    wanted = min(folder.count, at_least)

    def predicate(view: ScreenView) -> bool:
        names = names_on_screen(view, subject, folder.pattern)
        if len(names) < wanted or len(names) > folder.count:
            return False
        first = folder.count - len(names)
        return all(name == folder.entry(first + index) for index, name in enumerate(names))

    return predicate


def shows_any(subject: Subject, folder: Numbered) -> Predicate:
    """Any entry of the folder on screen, in whatever order."""
    return lambda view: bool(names_on_screen(view, subject, folder.pattern))


class FilterAnswers:
    """For each prefix of a typed filter, the entries it must leave, in the folder's order.

    The filter keeps a name when the typed letters appear in it in order, any
    case, anything between (the app's documented rule), and keeps the folder's
    order. A screen reflects a prefix when its input shows that prefix and its
    rows are a run of that prefix's matches without a gap: all of them when
    there are few, a screenful otherwise.
    """

    FEW = 10

    def __init__(self, subject: Subject, folder: Numbered, text: str) -> None:
        self.subject = subject
        self.folder = folder
        self.text = text
        names = [folder.entry(index) for index in range(folder.count)]
        self._positions: list[dict[str, int]] = []
        for length in range(1, len(text) + 1):
            letters = ".*?".join(re.escape(char) for char in text[:length])
            search = re.compile(letters, re.IGNORECASE | re.DOTALL).search
            matches = [name for name in names if search(name)]
            self._positions.append({name: index for index, name in enumerate(matches)})
        self._last: tuple[ScreenView, int] | None = None

    def matches(self, length: int) -> int:
        """How many entries the first `length` letters leave."""
        return len(self._positions[length - 1])

    def typed(self, view: ScreenView) -> str | None:
        """The text in the filter's input, or None while no input is on screen."""
        for line in view.lines[1:-1]:
            text = self.subject.tree_text(line)
            if INPUT_EDGE not in text:
                continue
            content = text.strip().strip(INPUT_EDGE + INPUT_RIGHT_EDGE).strip()
            if content and set(content) <= BOX_EDGES:
                continue  # the box's top or bottom line
            return content
        return None

    def reflected(self, view: ScreenView) -> int:
        """How many letters of the text the screen reflects (0: none, or rows not yet right)."""
        if self._last is not None and self._last[0] is view:
            return self._last[1]
        answer = self._reflected(view)
        self._last = (view, answer)
        return answer

    def _reflected(self, view: ScreenView) -> int:
        typed = self.typed(view)
        if not typed or not self.text.startswith(typed):
            return 0
        positions = self._positions[len(typed) - 1]
        names = names_on_screen(view, self.subject, self.folder.pattern)
        if len(positions) <= self.FEW:
            return len(typed) if sorted(names) == sorted(positions) else 0
        if len(names) < self.FEW or any(name not in positions for name in names):
            return 0
        places = [positions[name] for name in names]
        runs = all(after == before + 1 for before, after in itertools.pairwise(places))
        return len(typed) if runs else 0
