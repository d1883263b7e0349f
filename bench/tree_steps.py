"""Measured steps inside the tree: walk into a big folder, keys once it is loaded, the filter.

Every time is taken from the key that asked for it to the screen that shows
the final answer: the rows in their sorted order (bench.screen_order), not
the first rows that happen to arrive.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from bench.fixtures import BIG_CHILD
from bench.screen_order import FilterAnswers, Numbered, shows_any, shows_head, shows_tail
from bench.steps import highlights, press_and_time, press_until
from bench.subjects import Subject
from bench.terminal import Predicate, ProgramEnded, ScreenTimeout, ScreenView, Terminal

FIRST_TREE_LINE = 1  # the screen line of the tree's root row, under the title bar
MOVE_EVERY = 0.2  # seconds between Down presses while walking onto the folder
SETTLE_QUIET = 0.5  # a screen still for this long means the folder is done loading
SETTLE_TIMEOUT = 30.0
PAGE_PRESSES = 5
TYPING_INTERVAL = 0.03  # seconds between letters: a fast typist


@dataclass(frozen=True)
class TreeOpening:
    """Seconds from Enter on the folder's row to each step."""

    any_entry: float
    first_sorted: float  # the first entries in their final order at the top
    last_sorted: float  # End pressed (again and again) until the last entries show in order


@dataclass(frozen=True)
class LoadedKeys:
    """Seconds from a key to its result, in the loaded folder."""

    home: float
    page_down: list[float]
    page_up: list[float]
    end: float


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    """Name the step in a timeout's text, so a failed run says where it stopped."""
    try:
        yield
    except ProgramEnded as exc:
        raise ProgramEnded(f"{name}: {exc}") from exc
    except ScreenTimeout as exc:
        raise ScreenTimeout(f"{name}: {exc}") from exc


def enter_folder(terminal: Terminal, subject: Subject, timeout: float) -> float:
    """From the parent's first frame, move onto `big/` and press Enter; when Enter was sent.

    Enter follows as soon as the cursor shows on the row, as a user who knows
    the way presses it, so the preview of the folder (debounced) never starts.
    """
    terminal.wait_for(subject.painted, timeout)
    press_until(terminal, "down", highlights(subject, f"{BIG_CHILD}/"), timeout, MOVE_EVERY)
    return terminal.send("enter")


def first_screen(
    terminal: Terminal, subject: Subject, folder: Numbered, entered: float, deadline: float
) -> tuple[float, float]:
    """Seconds from Enter to any entry on screen, and to the first entries in sorted order."""
    any_entry, first = terminal.wait_all(
        [shows_any(subject, folder), shows_head(subject, folder)], _left(deadline)
    )
    return any_entry - entered, first - entered


def last_screen(
    terminal: Terminal, subject: Subject, folder: Numbered, entered: float, deadline: float
) -> float:
    """Seconds from Enter until End (held) shows the last entries in sorted order."""
    return press_until(terminal, "end", shows_tail(subject, folder), _left(deadline)) - entered


def open_from_tree(
    terminal: Terminal, subject: Subject, folder: Numbered, entered: float, deadline: float
) -> TreeOpening:
    """After `enter_folder`: the first sorted screen, then End until the last sorted screen."""
    any_entry, first = first_screen(terminal, subject, folder, entered, deadline)
    last = last_screen(terminal, subject, folder, entered, deadline)
    return TreeOpening(any_entry, first, last)


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.perf_counter())


def settle(terminal: Terminal) -> bool:
    """Wait until the app stops drawing (details and summaries done); False if it never did."""
    return terminal.wait_quiet(SETTLE_QUIET, SETTLE_TIMEOUT)


def time_key(terminal: Terminal, key: str, predicate: Predicate, timeout: float) -> float:
    sent = terminal.send(key)
    return max(0.0, terminal.wait_for(predicate, timeout) - sent)


def loaded_keys(
    terminal: Terminal, subject: Subject, folder: Numbered, timeout: float
) -> LoadedKeys:
    """Home, PgDn and PgUp a few times, then End: from the end of the loaded folder."""

    def at_top(view: ScreenView) -> bool:
        return subject.highlighted_index(view) == FIRST_TREE_LINE

    home = time_key(terminal, "home", at_top, timeout)
    down = [press_and_time(terminal, subject, "pagedown", timeout) for _ in range(PAGE_PRESSES)]
    up = [press_and_time(terminal, subject, "pageup", timeout) for _ in range(PAGE_PRESSES)]
    end = time_key(terminal, "end", shows_tail(subject, folder), timeout)
    return LoadedKeys(home, down, up, end)


def filter_as_typed(terminal: Terminal, answers: FilterAnswers, timeout: float) -> list[float]:
    """`/`, then the text a letter every TYPING_INTERVAL; seconds from each letter to its screen.

    Letters are typed at their pace whatever the screen does, like a person
    who does not wait. A letter is answered once the screen reflects it or a
    later one (a filter may skip work that typing made stale).
    """
    terminal.send("/")
    terminal.wait_for(lambda view: answers.typed(view) is not None, timeout)
    text = answers.text
    sent = [0.0] * len(text)

    def typist() -> None:
        start = time.perf_counter()
        for index, char in enumerate(text):
            pause = start + index * TYPING_INTERVAL - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            sent[index] = terminal.send(char)

    thread = threading.Thread(target=typist, name="typist", daemon=True)
    thread.start()
    try:
        shown = terminal.wait_all(
            [_reflects(answers, length) for length in range(1, len(text) + 1)], timeout
        )
    finally:
        thread.join()
    return [max(0.0, at - key) for at, key in zip(shown, sent, strict=True)]


def leave_filter(terminal: Terminal, answers: FilterAnswers) -> None:
    """Escape: the filter cleared and the keys back with the tree, so `q` quits again."""
    terminal.send("escape")
    with contextlib.suppress(ScreenTimeout):
        terminal.wait_for(lambda view: answers.typed(view) is None, SETTLE_TIMEOUT)


def _reflects(answers: FilterAnswers, length: int) -> Predicate:
    return lambda view: answers.reflected(view) >= length
