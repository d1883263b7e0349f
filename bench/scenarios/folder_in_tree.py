"""Scenario 2, second part: a folder of 100,000 entries opened from inside the tree.

spyglass starts on a parent holding `a-small/` and `big/`; the cursor moves
onto `big/` and Enter opens it. Each run has two sessions: one times the
first screen in sorted order, End to the last, the keys of the loaded folder
and the filter; the other presses Down while the folder loads, for as long as
the first session took to reach the end.
"""

from __future__ import annotations

import statistics
import time

from bench.screen_order import FilterAnswers, shows_any
from bench.session import Context
from bench.stats import Figure, Samples, Target
from bench.steps import keypress_latencies
from bench.terminal import ScreenTimeout
from bench.tree_steps import (
    PAGE_PRESSES,
    TYPING_INTERVAL,
    enter_folder,
    filter_as_typed,
    leave_filter,
    loaded_keys,
    open_from_tree,
    settle,
    step,
)

FIRST_SORTED = "folder.tree.first_sorted"
LAST_SORTED = "folder.tree.end"
WORST_KEY = "folder.tree.worst_keypress"
WORST_LISTED_KEY = "folder.tree.worst_keypress_listed"
HOME = "folder.tree.home"
PAGE_DOWN = "folder.tree.page_down"
PAGE_UP = "folder.tree.page_up"
END_LOADED = "folder.tree.end_loaded"
FILTER_KEY = "folder.tree.filter_worst_key"
FILTER_LAST = "folder.tree.filter_last_key"
FILTER_SHARE = 0.54321  # which entry the filter looks for: f054321 of 100,000
MARGIN_SECONDS = 0.5
MIN_PRESSES = 10
KEY_TIMEOUT = 5.0


def _timeout(context: Context) -> float:
    return 20.0 if context.quick else 90.0


def _filter_text(context: Context) -> str:
    folder = context.fixtures.tree_folder
    return folder.entry(round((folder.count - 1) * FILTER_SHARE))


def _main_session(context: Context, samples: Samples, answers: FilterAnswers) -> float:
    """Open, End, keys, filter; returns the seconds from Enter to the last screen."""
    subject, folder = context.spyglass, context.fixtures.tree_folder
    name = subject.name
    with context.launch(subject, str(context.fixtures.tree_parent)) as terminal:
        with step("walking onto the folder"):
            entered = enter_folder(terminal, subject, _timeout(context))
        with step("opening it"):
            deadline = time.perf_counter() + _timeout(context)
            opening = open_from_tree(terminal, subject, folder, entered, deadline)
        samples.add(FIRST_SORTED, name, opening.first_sorted)
        samples.add(LAST_SORTED, name, opening.last_sorted)
        samples.note(FIRST_SORTED, name, {"any_entry_s": round(opening.any_entry, 3)})
        settled = settle(terminal)
        with step("keys in the loaded folder"):
            keys = loaded_keys(terminal, subject, folder, KEY_TIMEOUT)
        samples.add(HOME, name, keys.home * 1000)
        samples.add(PAGE_DOWN, name, max(keys.page_down) * 1000)
        samples.add(PAGE_UP, name, max(keys.page_up) * 1000)
        samples.add(END_LOADED, name, keys.end * 1000)
        for measure, values in ((PAGE_DOWN, keys.page_down), (PAGE_UP, keys.page_up)):
            samples.note(measure, name, {"latencies_ms": [round(v * 1000, 1) for v in values]})
        samples.note(HOME, name, {"settled": settled})
        with step("the filter"):
            latencies = filter_as_typed(terminal, answers, _timeout(context))
        samples.add(FILTER_KEY, name, max(latencies) * 1000)
        samples.add(FILTER_LAST, name, latencies[-1] * 1000)
        samples.note(
            FILTER_KEY,
            name,
            {
                "text": answers.text,
                "latencies_ms": [round(value * 1000, 1) for value in latencies],
                "matches": [answers.matches(n) for n in range(1, len(answers.text) + 1)],
            },
        )
        leave_filter(terminal, answers)
    return opening.last_sorted


def _press_while_loading(context: Context, load_seconds: float) -> list[tuple[float, bool]]:
    """Down after Down from Enter on: each wait, and whether entries were on screen at the key.

    A key pressed before the folder's first entries are listed has nothing to
    move to until they come: it waits for the first screen, however quick the
    keys are. The figures tell those apart from keys that find entries there.
    """
    subject, folder = context.spyglass, context.fixtures.tree_folder
    listed = shows_any(subject, folder)
    presses: list[tuple[float, bool]] = []
    with context.launch(subject, str(context.fixtures.tree_parent)) as terminal:
        with step("walking onto the folder"):
            entered = enter_folder(terminal, subject, _timeout(context))
        until = entered + load_seconds + MARGIN_SECONDS
        while len(presses) < MIN_PRESSES or time.perf_counter() < until:
            shown = terminal.read(listed)
            [latency] = keypress_latencies(
                terminal, subject, until=0.0, min_presses=1, timeout=KEY_TIMEOUT
            )
            presses.append((latency, shown))
            if latency >= KEY_TIMEOUT:
                break
    return presses


def run(context: Context) -> list[Figure]:
    samples = Samples()
    entries = context.fixtures.sizes.tree_entries
    answers = FilterAnswers(context.spyglass, context.fixtures.tree_folder, _filter_text(context))
    name = context.spyglass.name
    for run_index in range(context.runs):
        context.say(f"2 {entries:,} entries from the tree · run {run_index + 1}/{context.runs}")
        try:
            load = _main_session(context, samples, answers)
            presses = _press_while_loading(context, load)
        except ScreenTimeout as exc:
            samples.fail(name, f"run {run_index + 1}, from the tree: {exc}")
            continue
        latencies = [latency for latency, _ in presses]
        samples.add(WORST_KEY, name, max(latencies) * 1000)
        listed = [latency for latency, shown in presses if shown]
        if listed:
            samples.add(WORST_LISTED_KEY, name, max(listed) * 1000)
            samples.note(
                WORST_LISTED_KEY,
                name,
                {"presses": len(listed), "latencies_ms": [round(v * 1000, 1) for v in listed]},
            )
        samples.note(
            WORST_KEY,
            name,
            {
                "presses": len(latencies),
                "median_ms": statistics.median(latencies) * 1000,
                "latencies_ms": [round(value * 1000, 1) for value in latencies],
                "window_s": load + MARGIN_SECONDS,
                "unanswered": sum(value >= KEY_TIMEOUT for value in latencies),
                "before_entries": sum(not shown for _, shown in presses),
            },
        )

    label = f"{entries:,} entries, Enter in the tree"
    loaded = f"{entries:,} entries loaded"
    typed = f"filter `{answers.text}`, {TYPING_INTERVAL * 1000:g} ms a key"
    rows = [
        (FIRST_SORTED, f"{label}: first entries in sorted order", "s", 0.3),
        (LAST_SORTED, f"{label}: End to the sorted last entries", "s", 0.5),
        (WORST_KEY, f"{label}: longest keypress while loading", "ms", 50),
        (WORST_LISTED_KEY, f"{label}: longest keypress once entries show", "ms", 50),
        (HOME, f"{loaded}: Home", "ms", 50),
        (PAGE_DOWN, f"{loaded}: PgDn, longest of {PAGE_PRESSES}", "ms", 50),
        (PAGE_UP, f"{loaded}: PgUp, longest of {PAGE_PRESSES}", "ms", 50),
        (END_LOADED, f"{loaded}: End", "ms", 50),
        (FILTER_KEY, f"{typed}: longest key to its screen", "ms", 50),
        (FILTER_LAST, f"{typed}: last key to the one match", "ms", 100),
    ]
    return [
        samples.figure("2", measure, title, unit, name, target=Target(limit))
        for measure, title, unit, limit in rows
    ]
