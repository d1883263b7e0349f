"""Scenario 2: a folder of 100,000 entries: first entries, End to the last, keys while it loads.

Each run opens the folder twice per subject: once to time the first entries
and End, once to press Down again and again while the listing goes on (for as
long as the first opening took to reach the end, so the presses cover the load).
Then the same folder from exec until its first entries show in sorted order,
against yazi in the same runs, and the folder opened from inside the tree
(bench.scenarios.folder_in_tree).
"""

from __future__ import annotations

import statistics
import time

from bench.scenarios import Scenario, folder_in_tree
from bench.screen_order import shows_head
from bench.session import Context
from bench.stats import Figure, Samples, Target, interleaved
from bench.steps import FolderOpening, keypress_latencies, open_big_folder, shows_entries
from bench.subjects import Subject
from bench.terminal import ScreenTimeout

FIRST_AFTER_PAINT = "folder.first_entries_after_paint"
FIRST_FROM_EXEC = "folder.first_entries_from_exec"
LAST_AFTER_PAINT = "folder.end_after_paint"
LAST_FROM_EXEC = "folder.end_from_exec"
WORST_KEY = "folder.worst_keypress"
SORTED_FROM_EXEC = "folder.first_sorted_from_exec"
MARGIN_SECONDS = 0.5
MIN_PRESSES = 10
KEY_TIMEOUT = 5.0


def _timeout(context: Context) -> float:
    return 20.0 if context.quick else 90.0


def _open(context: Context, subject: Subject) -> FolderOpening:
    fixtures = context.fixtures
    with context.launch(subject, str(fixtures.big_folder)) as terminal:
        return open_big_folder(terminal, subject, fixtures.last_entry, _timeout(context))


def _press_while_loading(context: Context, subject: Subject, load_seconds: float) -> list[float]:
    with context.launch(subject, str(context.fixtures.big_folder)) as terminal:
        terminal.wait_all([subject.painted, shows_entries], _timeout(context))
        until = time.perf_counter() + load_seconds + MARGIN_SECONDS
        return keypress_latencies(
            terminal, subject, until=until, min_presses=MIN_PRESSES, timeout=KEY_TIMEOUT
        )


def _sorted_from_exec(context: Context, samples: Samples) -> None:
    """Seconds from exec to the first entries in sorted order, for spyglass and yazi in turn."""
    folder = context.fixtures.command_line_folder
    subjects = [context.spyglass, *([context.yazi] if context.yazi else [])]
    for run_index, subject in interleaved(context.runs, subjects):
        context.say(f"2 sorted from exec · run {run_index + 1}/{context.runs} · {subject.name}")
        try:
            with context.launch(subject, str(context.fixtures.big_folder)) as terminal:
                shown = terminal.wait_for(shows_head(subject, folder), _timeout(context))
                samples.add(SORTED_FROM_EXEC, subject.name, shown - terminal.started_at)
        except ScreenTimeout as exc:
            samples.fail(subject.name, f"run {run_index + 1}: {exc}", SORTED_FROM_EXEC)


def _sorted_figure(context: Context, samples: Samples, label: str) -> Figure:
    name = f"{label}: first entries in sorted order, from exec, vs yazi"
    if context.yazi is None:
        return samples.figure(
            "2",
            SORTED_FROM_EXEC,
            name,
            "s",
            context.spyglass.name,
            reference="yazi",
            reference_note=context.yazi_note,
        )
    return samples.figure(
        "2",
        SORTED_FROM_EXEC,
        name,
        "s",
        context.spyglass.name,
        reference=context.yazi.name,
        target=Target(1.0, on="ratio"),
    )


def run(context: Context) -> list[Figure]:
    samples = Samples()
    entries = context.fixtures.sizes.folder_entries
    for run_index, subject in interleaved(context.runs, [context.spyglass, *context.rivals]):
        context.say(f"2 {entries:,} entries · run {run_index + 1}/{context.runs} · {subject.name}")
        name = subject.name
        try:
            opening = _open(context, subject)
            samples.add(FIRST_AFTER_PAINT, name, opening.first_after_paint)
            samples.add(FIRST_FROM_EXEC, name, opening.first_entries)
            samples.add(LAST_AFTER_PAINT, name, opening.last_after_paint)
            samples.add(LAST_FROM_EXEC, name, opening.last_reached)
            load = opening.last_reached - opening.first_entries
            latencies = _press_while_loading(context, subject, load)
        except ScreenTimeout as exc:
            samples.fail(name, f"run {run_index + 1}: {exc}")
            continue
        samples.add(WORST_KEY, name, max(latencies) * 1000)
        if max(latencies) >= KEY_TIMEOUT:
            samples.fail(
                name,
                f"run {run_index + 1}: a Down press showed no change within {KEY_TIMEOUT:g} s "
                "(the highlighted row left the screen, or the app stopped answering)",
                WORST_KEY,
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
            },
        )

    spyglass = context.spyglass.name
    label = f"{entries:,}-entry folder"
    figures = [
        samples.figure(
            "2",
            FIRST_AFTER_PAINT,
            f"{label}: first entries, after first paint",
            "s",
            spyglass,
            target=Target(0.2),
        ),
        samples.figure("2", FIRST_FROM_EXEC, f"{label}: first entries, from exec", "s", spyglass),
        samples.figure(
            "2",
            LAST_AFTER_PAINT,
            f"{label}: End shows the last entry, after first paint",
            "s",
            spyglass,
            target=Target(1.0),
        ),
        samples.figure(
            "2", LAST_FROM_EXEC, f"{label}: End shows the last entry, from exec", "s", spyglass
        ),
        samples.figure(
            "2",
            WORST_KEY,
            f"{label}: longest wait of a keypress while loading",
            "ms",
            spyglass,
            target=Target(100),
        ),
    ]
    _sorted_from_exec(context, samples)
    figures.append(_sorted_figure(context, samples, label))
    for rival in context.rivals:
        for measure, what, unit in (
            (FIRST_FROM_EXEC, "first entries, from exec", "s"),
            (LAST_FROM_EXEC, "End shows the last entry, from exec", "s"),
            (WORST_KEY, "longest wait of a keypress while loading", "ms"),
        ):
            figures.append(
                samples.figure(
                    "2",
                    measure,
                    f"{label}: {what}, vs {rival.name}",
                    unit,
                    spyglass,
                    reference=rival.name,
                )
            )
    return figures + folder_in_tree.run(context)


SCENARIO = Scenario("2", "big folder", run, compares=True)
